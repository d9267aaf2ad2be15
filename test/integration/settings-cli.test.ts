// `vlog settings list|get|set|seed-from-env|export|import` (cli.md) against a real admin API on a port.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliError, createAdminClient } from '../../src/cli/admin-client.js';
import { parseCliValue, settingsCommand } from '../../src/cli/commands/settings.commands.js';
import { main } from '../../src/cli/main.js';
import { createTestApp, TEST_ADMIN_SECRET, type TestApp } from '../helpers/test-app.js';

describe('vlog settings commands', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await createTestApp('pglite', { VLOG_WATERMARK_TEXT: 'from the environment' });
    baseUrl = await t.adminApp.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const run = async (...argv: string[]) => {
    const lines: string[] = [];
    const client = createAdminClient({ baseUrl, secret: TEST_ADMIN_SECRET, timeoutMs: 10_000 });
    await settingsCommand(client, argv, (s) => lines.push(s));
    return lines;
  };

  it('parses VALUE as JSON when it can, else keeps the text', () => {
    expect(parseCliValue('true')).toBe(true);
    expect(parseCliValue('10')).toBe(10);
    expect(parseCliValue('"10"')).toBe('10');
    expect(parseCliValue('[1,2]')).toEqual([1, 2]);
    expect(parseCliValue('hello world')).toBe('hello world');
  });

  it('list on an empty table says where values come from and how to store them', async () => {
    const lines = await run('list');
    expect(lines[0]).toMatch(/^No settings stored in the database/);
    expect(lines.join('\n')).toContain('vlog settings seed-from-env');
  });

  it('set stores typed values the server uses at once; get shows them; list groups them', async () => {
    expect(await run('set', 'watermark.opacity', '0.3')).toEqual(['watermark.opacity = 0.3']);
    expect(await run('set', 'watermark.enabled', 'true')).toEqual(['watermark.enabled = true']);
    const long = 'A tagline long enough to be cut short in the listing, really';
    expect(await run('set', 'display.tagline', long)).toEqual([`display.tagline = ${long}`]);
    const s = t.container.services.settings;
    expect([s.get('watermark.opacity'), s.get('watermark.enabled'), s.get('display.tagline')]).toEqual([
      0.3,
      true,
      long,
    ]);

    expect(await run('get', 'watermark.opacity')).toEqual([
      'Key:         watermark.opacity',
      'Value:       0.3',
      'Type:        float',
      'Category:    watermark',
      'Description: Watermark opacity (0.0-1.0)',
      'Constraints: min=0, max=1',
    ]);
    expect(await run('list')).toEqual([
      '[display]',
      `  display.tagline: ${long.slice(0, 47)}...`,
      '[watermark]',
      '  watermark.enabled: true',
      '  watermark.opacity: 0.3',
    ]);
  });

  it('set explains a refused value and an unknown key', async () => {
    const refused = run('set', 'watermark.opacity', '5');
    await expect(refused).rejects.toBeInstanceOf(CliError);
    await expect(refused).rejects.toThrow(
      'API error (400): Invalid value for watermark.opacity: must be at most 1\nCheck the type and limits with `vlog settings get watermark.opacity`.',
    );
    await expect(run('set', 'nope.key', '1')).rejects.toThrow(
      /Setting not found: nope\.key\nNot a known setting/,
    );
    await expect(run('get', 'nope.key')).rejects.toThrow('API error (404): Setting not found: nope.key');
    await expect(run('frobnicate')).rejects.toThrow(/^Usage: vlog settings/);
    await expect(run('set', 'only-a-key')).rejects.toThrow(/^Usage: vlog settings/);
  });

  it("seed-from-env stores what the server's environment sets (verbose: what it skipped)", async () => {
    const lines = await run('seed-from-env', '-v');
    expect(lines[0]).toMatch(/^✓ Seeded \d+ settings? from the server's environment$/);
    expect(lines).toContain('  watermark.text: from the environment (from VLOG_WATERMARK_TEXT)');
    expect(lines).toContain('  - watermark.opacity: already exists');
    expect(lines).toContain('  ✗ workers.poll_interval: VLOG_WORKER_POLL_INTERVAL must be an integer');
    expect(t.container.services.settings.source('watermark.text')).toBe('database');
    expect((await run('seed-from-env'))[0]).toBe("✓ Seeded 0 settings from the server's environment");
  });

  it('export to a file, import it back (skipped, then --overwrite)', async () => {
    const file = path.join(t.dataDir, 'settings.json');
    const exported = await run('export', file);
    const saved = JSON.parse(await readFile(file, 'utf8')) as {
      version: string;
      settings: Array<{ key: string; value: unknown }>;
    };
    expect(saved.version).toBe('1.0');
    expect(exported).toEqual([`Exported ${saved.settings.length} settings to ${file}`]);
    const n = saved.settings.length;
    expect(await run('import', file)).toEqual([
      `Imported: 0 created, 0 updated, ${n} skipped, 0 errors`,
      'Existing settings were kept; --overwrite replaces them.',
    ]);
    const edited = saved.settings.map((s) => (s.key === 'watermark.opacity' ? { ...s, value: 0.9 } : s));
    await writeFile(file, JSON.stringify(edited)); // a bare list works too
    expect(await run('import', file, '--overwrite')).toEqual([
      `Imported: 0 created, ${n} updated, 0 skipped, 0 errors`,
    ]);
    expect(t.container.services.settings.get('watermark.opacity')).toBe(0.9);
    await writeFile(file, 'not json');
    await expect(run('import', file)).rejects.toThrow(/^Cannot read .* as JSON/);
    const stdout = await run('export');
    expect(JSON.parse(stdout.join('\n'))).toMatchObject({ version: '1.0' });
  });

  it('`vlog settings get` through the CLI entry point (admin URL and secret from the environment)', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { VLOG_ADMIN_API_URL: baseUrl, VLOG_ADMIN_API_SECRET: TEST_ADMIN_SECRET });
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    try {
      await main(['settings', 'get', 'watermark.enabled']);
    } finally {
      write.mockRestore();
      process.env = saved;
    }
    expect(out.join('')).toContain('Value:       true\n');
  });
});
