// A setting changed through the admin API of one server process reaches another process on the same
// PostgreSQL database within 2 s, without a restart (issue 11.3 acceptance; the reference took up to
// 2 minutes). Process B is a second container with its own connection pool, settings cache and NOTIFY
// relay connection, as `vlog serve` builds them; it is observed through its own apps.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { RELAY_APPLICATION_NAME } from '../../src/db/notify-relay.js';
import { buildAdminApp } from '../../src/http/admin-app.js';
import { buildWorkerApp } from '../../src/http/worker-app.js';
import { createContainer, type Container } from '../../src/server/container.js';
import { startCrossProcessSignals } from '../../src/server/cross-process-signals.js';
import { WEB_DIR } from '../../src/server/paths.js';
import { settingsClient } from '../helpers/settings.js';
import { createTestApp, multipart, TEST_ADMIN_SECRET, type TestApp } from '../helpers/test-app.js';
import { waitFor } from '../helpers/wait.js';

const MIB = 1024 * 1024;

describe('settings across processes (postgres)', () => {
  let a: TestApp;
  let b: Container;
  let bDatabase: DatabaseHandle;
  let bDataDir: string;
  let bAdmin: FastifyInstance;
  let bWorker: FastifyInstance;
  let workerKey: string;
  let relays: Array<NonNullable<ReturnType<typeof startCrossProcessSignals>>> = [];

  beforeAll(async () => {
    a = await createTestApp('postgres');
    bDataDir = await mkdtemp(path.join(os.tmpdir(), 'vlog-settings-b-'));
    const config = loadConfig({
      VLOG_DATA_DIR: bDataDir,
      VLOG_DATABASE_URL: a.db.url,
      VLOG_LOG_LEVEL: 'silent',
    });
    bDatabase = await openDatabase({ databaseUrl: a.db.url, dataDir: bDataDir });
    b = createContainer(config, bDatabase, { adminApiSecret: TEST_ADMIN_SECRET });
    await b.services.settings.ready();
    const options = {
      logLevel: 'silent' as const,
      trustedProxies: [],
      webDir: WEB_DIR,
      uploadIdleTimeoutMs: 60_000,
    };
    bAdmin = await buildAdminApp(b, options);
    bWorker = await buildWorkerApp(b, options);
    relays = [startCrossProcessSignals(a.container), startCrossProcessSignals(b)].filter((r) => r !== null);
    await Promise.all(relays.map((r) => r.ready));
    workerKey = (await b.services.workerRegistry.register({ workerName: 'b-worker', workerType: 'remote' }))
      .api_key;
  });
  afterAll(async () => {
    await Promise.all(relays.map((r) => r.close()));
    await Promise.all([bAdmin?.close(), bWorker?.close()]);
    b?.services.progressFeed.close();
    await bDatabase?.close();
    await a?.close();
    await rm(bDataDir, { recursive: true, force: true });
  });

  /** B's worker API answer for a worker setting (what B's workers would apply to their next job). */
  const segmentDurationOnB = async () =>
    (
      (
        await bWorker.inject({
          method: 'GET',
          url: '/api/worker/settings',
          headers: { 'x-worker-api-key': workerKey },
        })
      ).json() as {
        settings: Record<string, number>;
      }
    ).settings['transcoding.hls_segment_duration'];

  it('a PUT on A is heard by B (subscribers, its worker API, its upload limit) within 2 s', async () => {
    expect(await segmentDurationOnB()).toBe(6);
    await settingsClient(a)('GET', '/api/settings'); // A's app is ready (its schemas compiled) before timing
    const heard = new Promise<{ value: number; at: number }>((resolve) => {
      const off = b.services.settings.onChange('transcoding.hls_segment_duration', (value) => {
        off();
        resolve({ value, at: Date.now() });
      });
    });
    const started = Date.now();
    const put = await settingsClient(a)('PUT', '/api/settings/key/transcoding.hls_segment_duration', {
      value: 4,
    });
    expect(put.status).toBe(200);
    const putMs = Date.now() - started;
    const { value, at } = await heard;
    const latencyMs = at - started;
    expect(value).toBe(4);
    expect(latencyMs).toBeLessThan(2000);
    expect(await segmentDurationOnB()).toBe(4);

    // An upload limit lowered on A: B refuses the next large upload, polled for at most 2 s.
    const limited = Date.now();
    await settingsClient(a)('PUT', '/api/settings/key/storage.max_upload_size_mb', { value: 1 });
    const status = await waitFor(
      async () => {
        const body = multipart({ title: 'big' }, { name: 'big.mp4', content: Buffer.alloc(1.5 * MIB, 1) });
        const r = await bAdmin.inject({
          method: 'POST',
          url: '/api/videos',
          headers: { ...body.headers, 'x-admin-secret': TEST_ADMIN_SECRET },
          payload: body.payload,
        });
        return r.statusCode === 413 ? r.statusCode : undefined;
      },
      { timeoutMs: 2000, intervalMs: 50, what: 'B to refuse an upload over the new limit' },
    );
    expect(status).toBe(413);
    expect(Date.now() - limited).toBeLessThan(2000);
    console.info(
      `settings change heard by the other process after ${latencyMs} ms (the PUT itself: ${putMs} ms)`,
    );
  });

  it('a delete on A falls back on B; writes on B reach A', async () => {
    await settingsClient(a)('DELETE', '/api/settings/key/transcoding.hls_segment_duration');
    await waitFor(async () => ((await segmentDurationOnB()) === 6 ? true : undefined), {
      timeoutMs: 2000,
      intervalMs: 20,
      what: 'B back to the default',
    });
    const put = await bAdmin.inject({
      method: 'PUT',
      url: '/api/settings/key/workers.poll_interval',
      headers: { 'x-admin-secret': TEST_ADMIN_SECRET },
      payload: { value: 42 },
    });
    expect(put.statusCode).toBe(200);
    await waitFor(
      async () => (a.container.services.settings.get('workers.poll_interval') === 42 ? true : undefined),
      {
        timeoutMs: 2000,
        intervalMs: 20,
        what: 'A to hear of the change made on B',
      },
    );
  });

  it('a change made while B was not listening is caught up when its connection is back', async () => {
    const killed = await sql<{ n: number }>`
      SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = ${RELAY_APPLICATION_NAME}
    `.execute(a.container.db);
    expect(killed.rows[0]?.n).toBe(2);
    // Written at once: A's own relay is down too, so no signal is sent for it.
    await settingsClient(a)('PUT', '/api/settings/key/watermark.padding', { value: 77 });
    await waitFor(async () => (b.services.settings.get('watermark.padding') === 77 ? true : undefined), {
      timeoutMs: 10_000,
      intervalMs: 50,
      what: 'B to reload after its LISTEN connection came back',
    });
  });
});
