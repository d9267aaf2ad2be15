import { CATALOGUE_ENTRIES, type CatalogueEntry } from './settings-catalogue.js';
import { NOT_YET_BUILT } from './settings.types.js';

function limits(e: CatalogueEntry): string {
  const c = e.constraints;
  if (!c) return '';
  const parts: string[] = [];
  if (c.min != null || c.max != null) parts.push(`${c.min ?? ''}–${c.max ?? ''}`);
  if (c.enum_values) parts.push(c.enum_values.join(', '));
  if (c.max_length != null) parts.push(`≤ ${c.max_length} characters`);
  if (c.pattern) parts.push(`pattern \`${c.pattern.replace(/\|/g, '\\|')}\``);
  return parts.join('; ');
}

const row = (e: CatalogueEntry) =>
  `| \`${e.key}\` | ${e.type} | ${limits(e)} | \`${JSON.stringify(e.default)}\` | ${e.env.map((v) => `\`${v}\``).join(', ')} | ${
    e.appliesTo === NOT_YET_BUILT ? '—' : `${e.readBy}: ${e.appliesTo}`
  } |`;

/** Renders docs/settings.md from the catalogue, so the document cannot drift from the code. */
export function renderSettingsDoc(): string {
  const built = CATALOGUE_ENTRIES.filter((e) => e.appliesTo !== NOT_YET_BUILT);
  return [
    '# Runtime settings',
    '',
    'Generated from `src/domain/settings/catalogue.ts` by `npx tsx scripts/gen-settings-doc.ts`; a test fails when it is stale.',
    '',
    'Each setting is read as: its value stored in the database (admin API `/api/settings`, `vlog settings set`),',
    'else its environment variable (the first one listed that is set), else its default. A change made through',
    'the API applies without a restart: in every server process within moments (PostgreSQL NOTIFY), and in',
    "every worker from its next job (workers ask the server; a worker's own variables win over the server's",
    'environment and defaults, not over the database). `VLOG_MAX_UPLOAD_SIZE` and `VLOG_MAX_THUMBNAIL_SIZE` are',
    'bytes; their settings are MB.',
    '',
    `${built.length} of the ${CATALOGUE_ENTRIES.length} settings drive behaviour in this build; the others (—) are`,
    'validated and stored for features not built yet.',
    '',
    '| key | type | limits | default | environment | applies to |',
    '| --- | --- | --- | --- | --- | --- |',
    ...CATALOGUE_ENTRIES.map(row),
    '',
  ].join('\n');
}
