// `vlog worker register|list|status|revoke` (cli.md) against a real worker API listening on a port.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliError } from '../../src/cli/admin-client.js';
import { workerAdminSecret, workerCommand } from '../../src/cli/commands/worker.commands.js';
import { main } from '../../src/cli/main.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const WORKER_SECRET = 'test-worker-admin-secret-0123456789';

describe('vlog worker commands', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await createTestApp('pglite', { VLOG_WORKER_ADMIN_SECRET: WORKER_SECRET });
    baseUrl = await t.workerApp.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const run = async (argv: string[], secret = WORKER_SECRET) => {
    const lines: string[] = [];
    await workerCommand(argv, { baseUrl, secret, timeoutMs: 10_000 }, (s) => lines.push(s));
    return lines;
  };

  it('register --json prints exactly {"worker_id": …, "api_key": …}; the key works', async () => {
    const lines = await run(['register', '--name', 'cli-worker', '--json']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\{"worker_id": "[0-9a-f-]{36}", "api_key": "[A-Za-z0-9_-]{43}"\}$/);
    const { worker_id, api_key } = JSON.parse(lines[0] ?? '') as { worker_id: string; api_key: string };
    const hb = await fetch(`${baseUrl}/api/worker/heartbeat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-worker-api-key': api_key },
      body: JSON.stringify({ status: 'idle' }),
    });
    expect(hb.status).toBe(200);

    const list = await run(['list']);
    expect(list[0]).toMatch(/^Workers: \d+ active, \d+ offline$/);
    expect(list.some((l) => l.startsWith(`${worker_id.slice(0, 8)}…`) && l.includes('cli-worker'))).toBe(
      true,
    );
    const status = await run(['status']);
    expect(status).toContain('  cli-worker: idle');

    expect(await run(['revoke', worker_id])).toEqual([`Worker ${worker_id} has been revoked.`]);
    const after = await run(['list']);
    expect(after.find((l) => l.includes('cli-worker'))).toContain('disabled');
  });

  it('register without --json prints the key once with the export line', async () => {
    const lines = await run(['register', '--name', 'plain', '--type', 'local']);
    const key = /API key:\s+(\S+)/.exec(lines.join('\n'))?.[1];
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(lines).toContain(`  export VLOG_WORKER_API_KEY=${key}`);
  });

  it('errors are readable: wrong secret, bad type, unknown worker', async () => {
    await expect(run(['list'], 'wrong')).rejects.toThrow(/VLOG_WORKER_ADMIN_SECRET/);
    await expect(run(['register', '--type', 'cloud'])).rejects.toBeInstanceOf(CliError);
    await expect(run(['revoke', '00000000-0000-4000-8000-000000000000'])).rejects.toThrow(
      'API error (404): Worker not found',
    );
    await expect(run(['frobnicate'])).rejects.toThrow(/Usage: vlog worker/);
  });

  it('reads the generated secret from the data dir when VLOG_WORKER_ADMIN_SECRET is unset', async () => {
    await expect(workerAdminSecret({ workerAdminSecret: '', dataDir: t.dataDir })).rejects.toThrow(
      /No worker admin secret/,
    );
    await writeFile(path.join(t.dataDir, 'worker-admin.secret'), 'from-the-file-0123456789\n', {
      mode: 0o600,
    });
    expect(await workerAdminSecret({ workerAdminSecret: '', dataDir: t.dataDir })).toBe(
      'from-the-file-0123456789',
    );
    expect(await workerAdminSecret({ workerAdminSecret: 'env', dataDir: t.dataDir })).toBe('env');
  });

  it('`vlog worker register --json` through the CLI entry point (env secret and worker API URL)', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      VLOG_DATA_DIR: t.dataDir,
      VLOG_WORKER_API_URL: baseUrl,
      VLOG_WORKER_ADMIN_SECRET: WORKER_SECRET,
    });
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    try {
      await main(['worker', 'register', '--name', 'via-main', '--json']);
    } finally {
      write.mockRestore();
      process.env = saved;
    }
    expect(out.join('')).toMatch(/^\{"worker_id": "[0-9a-f-]{36}", "api_key": "[A-Za-z0-9_-]{43}"\}\n$/);
  });
});
