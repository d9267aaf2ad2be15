import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config/load-config.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { isDatabaseUnavailable } from '../../src/db/db-errors.js';
import { ALL_ROLES, startServer, type RunningServer } from '../../src/server/serve.js';
import { createOwnedPostgres, type OwnedPostgres } from '../helpers/owned-postgres.js';
import { multipart } from '../helpers/test-app.js';
import { waitFor } from '../helpers/wait.js';

const ADMIN_SECRET = 'outage-test-admin-secret-0123456789';
const UNAVAILABLE = { detail: 'Database temporarily unavailable, please retry' };

/**
 * PostgreSQL stopped under a running server (issue 10, point 6): the API answers 503 with Retry-After
 * instead of 500, health says 503, nothing crashes, and requests work again once the database is back,
 * without restarting the server. On a cluster the test owns: the shared one must stay up.
 */
describe('database outage (PostgreSQL)', () => {
  let pg: OwnedPostgres;
  let server: RunningServer | undefined;
  let side: DatabaseHandle | undefined;
  let config: Config;
  let dataDir: string;

  beforeAll(async () => {
    pg = await createOwnedPostgres();
    await pg.start();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vlog-outage-'));
    config = loadConfig({
      VLOG_DATA_DIR: dataDir,
      VLOG_DATABASE_URL: pg.url,
      VLOG_HOST: '127.0.0.1',
      VLOG_PUBLIC_PORT: '0',
      VLOG_ADMIN_PORT: '0',
      VLOG_WORKER_API_PORT: '0',
      VLOG_ADMIN_API_SECRET: ADMIN_SECRET,
      VLOG_LOG_LEVEL: 'silent',
      // The public list cache would answer the first list again from memory; the test wants the database.
      VLOG_PUBLIC_LIST_CACHE_SECONDS: '0',
    });
    // The real start-up path (migrations, background loops, the NOTIFY relay), without the local worker.
    server = await startServer(config, { roles: ALL_ROLES, localWorker: false, print: () => undefined });
    side = await openDatabase({ databaseUrl: pg.url, dataDir: '' });
  });

  afterAll(async () => {
    await server?.stop().catch(() => undefined);
    await side?.close().catch(() => undefined);
    await pg?.destroy();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const url = (role: string, p: string) => `${server?.urls[role]?.replace('localhost', '127.0.0.1')}${p}`;
  const get = (role: string, p: string, headers: Record<string, string> = {}) =>
    fetch(url(role, p), { headers });
  const admin = { 'x-admin-secret': ADMIN_SECRET };
  const upload = () => {
    const body = multipart(
      { title: 'During the outage' },
      { name: 'clip.mp4', content: Buffer.alloc(4096, 1) },
    );
    return fetch(url('admin', '/api/videos'), {
      method: 'POST',
      headers: { ...body.headers, ...admin },
      body: body.payload,
    });
  };

  async function expectUnavailable(res: Response, retryAfter = '1') {
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe(retryAfter);
    expect(await res.json()).toEqual(UNAVAILABLE);
  }

  it('answers 503 + Retry-After while PostgreSQL is down and recovers without a restart', async () => {
    expect((await get('public', '/api/videos')).status).toBe(200);
    expect((await get('public', '/health')).status).toBe(200);

    // A transaction holding a connection when the server goes away: it fails as "unavailable", and the
    // connection's error event does not crash the process.
    let release!: () => void;
    const stopped = new Promise<void>((resolve) => (release = resolve));
    const open = side!.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      await stopped;
      await sql`select 1`.execute(trx);
    });
    const openFailure = open.then(
      () => null,
      (err: unknown) => err,
    );

    await pg.stop();
    release();
    const failure = await openFailure;
    expect(isDatabaseUnavailable(failure), `not classified as unavailable: ${String(failure)}`).toBe(true);

    const started = Date.now();
    await expectUnavailable(await get('public', '/api/videos'));
    // Retried briefly before giving up, not for long.
    expect(Date.now() - started).toBeLessThan(5000);
    await expectUnavailable(await get('admin', '/api/videos', admin));
    await expectUnavailable(
      await fetch(url('worker-api', '/api/worker/heartbeat'), {
        method: 'POST',
        headers: {
          'x-worker-api-key': 'vlog_wk_not-a-real-key-0123456789',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ status: 'idle' }),
      }),
    );
    // The upload path asks for a longer pause (security-reliability.md §B1) and leaves no staged file.
    await expectUnavailable(await upload(), '5');
    expect((await readdir(config.uploadsDir)).filter((f) => f.startsWith('.incoming-'))).toEqual([]);
    for (const [role, p] of [
      ['public', '/health'],
      ['admin', '/health'],
      ['worker-api', '/api/health'],
    ] as const) {
      const health = await get(role, p);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'unhealthy', checks: { database: false } });
    }

    await pg.start();
    await waitFor(async () => ((await get('public', '/api/videos')).status === 200 ? true : undefined), {
      timeoutMs: 10_000,
      what: 'the API to answer again',
    });
    expect((await get('admin', '/api/videos', admin)).status).toBe(200);
    expect((await get('public', '/health')).status).toBe(200);
    const res = await upload();
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await sql`select 1 as one`.execute(side!.db)).toMatchObject({ rows: [{ one: 1 }] });
  });
});
