import { configSchema } from './config.schema.js';

function showDefault(value: unknown): string {
  if (Array.isArray(value)) return value.length ? value.join(',') : '(empty)';
  if (value === '') return '(unset)';
  return String(value);
}

/** Renders docs/configuration.md from the schema, so the document cannot drift from the code. */
export function renderConfigDoc(): string {
  const rows = Object.values(configSchema).map(
    (s) => `| \`${s.env}\` | \`${showDefault(s.default)}\` | ${s.doc} |`,
  );
  return [
    '# Configuration',
    '',
    'Generated from `src/config/config.schema.ts` by `npm run docs:config`; a test fails when it is stale.',
    'Every variable is validated at start-up; a bad value stops VLog with a message naming the variable.',
    'Booleans accept true/false, 1/0, yes/no, on/off.',
    '',
    '| variable | default | meaning |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
