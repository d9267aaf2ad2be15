import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CliError, type AdminClient } from '../admin-client.js';
import type { SettingRecord } from '../../domain/settings/settings.mapper.js';

type Print = (s: string) => void;

const USAGE =
  'Usage: vlog settings list | get KEY | set KEY VALUE | seed-from-env [-v] | export [FILE] | import FILE [--overwrite]';

/** A value as the CLI shows it: text as it is, anything else as JSON. */
const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
const truncate = (s: string) => (s.length > 50 ? `${s.slice(0, 47)}...` : s);

/** `set`'s VALUE: JSON when it parses (true, 10, "x", [1]), otherwise the text itself. */
export function parseCliValue(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

async function put(client: AdminClient, path: string, json: unknown): Promise<unknown> {
  try {
    const res = await fetch(`${client.api}${path}`, {
      method: 'PUT',
      headers: { ...client.headers(), 'Content-Type': 'application/json' },
      body: JSON.stringify(json),
      signal: AbortSignal.timeout(30_000),
    });
    return await client.handle(res);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`Cannot reach the admin API at ${client.api}: ${(err as Error).message}`);
  }
}

async function list(client: AdminClient, print: Print) {
  const r = (await client.get('/settings')) as { categories: Record<string, SettingRecord[]> };
  const categories = Object.entries(r.categories);
  if (categories.length === 0) {
    print('No settings stored in the database: every setting comes from the environment or its default.');
    print(
      "Store the environment's values with `vlog settings seed-from-env`, or set one with `vlog settings set KEY VALUE`.",
    );
    return;
  }
  for (const [category, settings] of categories) {
    print(`[${category}]`);
    for (const s of settings) print(`  ${s.key}: ${truncate(show(s.value))}`);
  }
}

async function get(client: AdminClient, key: string, print: Print) {
  const s = (await client.get(`/settings/key/${encodeURIComponent(key)}`)) as SettingRecord;
  print(`Key:         ${s.key}`);
  print(`Value:       ${show(s.value)}`);
  print(`Type:        ${s.value_type}`);
  print(`Category:    ${s.category}`);
  if (s.description) print(`Description: ${s.description}`);
  const constraints = Object.entries(s.constraints ?? {}).filter(([, v]) => v !== null);
  if (constraints.length > 0)
    print(`Constraints: ${constraints.map(([k, v]) => `${k}=${show(v)}`).join(', ')}`);
}

async function set(client: AdminClient, key: string, raw: string, print: Print) {
  try {
    const s = (await put(client, `/settings/key/${encodeURIComponent(key)}`, {
      value: parseCliValue(raw),
    })) as SettingRecord;
    print(`${s.key} = ${show(s.value)}`);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/must be|invalid/i.test(message))
      throw new CliError(`${message}\nCheck the type and limits with \`vlog settings get ${key}\`.`);
    if (/not found/i.test(message))
      throw new CliError(`${message}\nNot a known setting: \`vlog settings list\` shows the stored ones.`);
    throw err;
  }
}

interface SeedResult {
  seeded: number;
  skipped: number;
  details: Array<{ key: string; status: string; from_env?: string; value?: unknown; reason?: string }>;
}

async function seed(client: AdminClient, verbose: boolean, print: Print) {
  const r = (await client.post('/settings/seed-from-env', {})) as SeedResult;
  print(`✓ Seeded ${r.seeded} setting${r.seeded === 1 ? '' : 's'} from the server's environment`);
  for (const d of r.details.filter((x) => x.status === 'seeded'))
    print(`  ${d.key}: ${show(d.value)} (from ${d.from_env})`);
  for (const d of r.details.filter((x) => x.status === 'error')) print(`  ✗ ${d.key}: ${d.reason}`);
  if (verbose)
    for (const d of r.details.filter((x) => x.status === 'skipped')) print(`  - ${d.key}: ${d.reason}`);
  if (r.seeded > 0)
    print(
      'Their variables may now be removed from the environment (keep the bootstrap ones: paths, database, ports, secrets).',
    );
}

async function exportTo(client: AdminClient, file: string | undefined, print: Print) {
  const r = (await client.post('/settings/export', {})) as { settings: unknown[] };
  const text = `${JSON.stringify(r, null, 2)}\n`;
  if (!file) return print(text.trimEnd());
  await writeFile(file, text);
  print(`Exported ${r.settings.length} settings to ${file}`);
}

async function importFrom(client: AdminClient, file: string, overwrite: boolean, print: Print) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new CliError(`Cannot read ${file} as JSON: ${(err as Error).message}`);
  }
  // An export ({version, settings}) or a bare list of settings.
  const settings = Array.isArray(parsed) ? parsed : (parsed as { settings?: unknown }).settings;
  if (!Array.isArray(settings)) throw new CliError(`${file} holds no "settings" list`);
  const r = (await client.post('/settings/import', { settings, overwrite })) as {
    created: number;
    updated: number;
    skipped: number;
    errors: Array<{ key: string; error: string }>;
  };
  print(
    `Imported: ${r.created} created, ${r.updated} updated, ${r.skipped} skipped, ${r.errors.length} errors`,
  );
  for (const e of r.errors) print(`  ✗ ${e.key}: ${e.error}`);
  if (r.skipped > 0 && !overwrite) print('Existing settings were kept; --overwrite replaces them.');
}

/** `vlog settings …` (cli.md): the admin API's settings endpoints (api-admin.md §14). */
export async function settingsCommand(client: AdminClient, argv: string[], print: Print): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { verbose: { type: 'boolean', short: 'v' }, overwrite: { type: 'boolean' } },
  });
  const [sub, a, b] = positionals;
  if (sub === 'list' && !a) return list(client, print);
  if (sub === 'get' && a) return get(client, a, print);
  if (sub === 'set' && a && b !== undefined) return set(client, a, b, print);
  // migrate-from-env (the reference's name) seeds through the server too: it owns the database.
  if ((sub === 'seed-from-env' || sub === 'migrate-from-env') && !a)
    return seed(client, values.verbose ?? false, print);
  if (sub === 'export') return exportTo(client, a, print);
  if (sub === 'import' && a) return importFrom(client, a, values.overwrite ?? false, print);
  throw new CliError(USAGE);
}
