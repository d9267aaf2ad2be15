// The worker API's long poll (GET /api/worker/wait): an idle worker claims new work within seconds
// even with a long poll interval; cursors, timeouts, quiet logging and bad input.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWorkerApp } from '../../src/http/worker-app.js';
import { startApiWorker } from '../helpers/api-worker.js';
import { uploadClip } from '../helpers/test-app.js';
import { useTestApp } from '../helpers/use-test-app.js';
import { waitFor } from '../helpers/wait.js';
import { WORKER_SECRET, workerFixtures } from '../helpers/worker-fixtures.js';

describe('long poll of idle workers (GET /api/worker/wait)', () => {
  // A poll interval far longer than the test: only the long poll can make the worker claim in time.
  const t = useTestApp('pglite', {
    VLOG_WORKER_ADMIN_SECRET: WORKER_SECRET,
    VLOG_WORKER_POLL_INTERVAL: '60',
  });
  let w: { id: string; key: string };
  const wait = (query: string) =>
    t.workerApp.inject({
      method: 'GET',
      url: `/api/worker/wait?${query}`,
      headers: { 'x-worker-api-key': w.key },
    });

  beforeAll(async () => {
    w = await workerFixtures(() => t).registerViaApi('long-poller');
  });

  it('an idle worker (60 s poll interval) claims an upload within seconds', async () => {
    // First in this app: no other job is queued, so the new worker finds nothing and goes idle.
    const worker = await startApiWorker(t);
    try {
      await new Promise((r) => setTimeout(r, 500)); // idle: the worker now waits in the long poll
      const video = await uploadClip(t, 'claimed at once');
      const uploaded = performance.now();
      const claimed = await waitFor(
        async () => {
          const job = await t.db.db
            .selectFrom('transcoding_jobs')
            .select(['worker_id'])
            .where('video_id', '=', video.video_id)
            .executeTakeFirst();
          return job?.worker_id ? job.worker_id : undefined;
        },
        { timeoutMs: 10_000, intervalMs: 20, what: 'the claim' },
      );
      expect(claimed).toBe(worker.workerId);
      expect(performance.now() - uploaded).toBeLessThan(5_000);
    } finally {
      await worker.stop();
    }
  });

  it('answers at once without a cursor, holds until the timeout, and answers as soon as work is queued', async () => {
    const first = await wait('timeout=5');
    expect(first.statusCode, first.body).toBe(200);
    const { cursor } = first.json<{ queued: boolean; cursor: string }>();
    expect(first.json()).toEqual({ queued: true, cursor });

    const started = performance.now();
    const idle = await wait(`timeout=0.3&after=${cursor}`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(idle.json()).toEqual({ queued: false, cursor });

    const held = wait(`timeout=30&after=${cursor}`);
    const uploaded = performance.now();
    await uploadClip(t, 'long poll');
    const answer = await held;
    expect(performance.now() - uploaded).toBeLessThan(5_000);
    const next = answer.json<{ queued: boolean; cursor: string }>();
    expect(next.queued).toBe(true);
    expect(next.cursor).not.toBe(cursor);
    // A cursor of another server run (or a garbled one) means "maybe": at once.
    expect((await wait('timeout=30&after=other.1')).json()).toMatchObject({ queued: true });
  });

  it('a long poll that ends by its timeout is not logged at info level (a refused one is)', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const app = await buildWorkerApp(t.container, {
      logLevel: 'info',
      trustedProxies: [],
      logStream: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    });
    const waitLines = () =>
      lines.filter((l) => l.msg === 'request' && String(l.url).startsWith('/api/worker/wait'));
    try {
      const get = (query: string, key = w.key) =>
        app.inject({ method: 'GET', url: `/api/worker/wait?${query}`, headers: { 'x-worker-api-key': key } });
      const { cursor } = (await get('timeout=5')).json<{ cursor: string }>();
      // Longer than the 1 s after which an ordinary request is logged as slow.
      const idle = await get(`timeout=1.3&after=${cursor}`);
      expect(idle.json()).toEqual({ queued: false, cursor });
      expect(waitLines()).toEqual([]);
      expect((await get('timeout=1', 'not-a-key')).statusCode).toBe(401);
      expect(waitLines()).toEqual([expect.objectContaining({ level: 30, status: 401 })]);
    } finally {
      await app.close();
    }
  });

  it('refuses a bad timeout with 400', async () => {
    for (const q of ['timeout=61', 'timeout=-1', 'timeout=soon']) {
      const res = await wait(q);
      expect(res.statusCode, q).toBe(400);
      expect(res.json<{ detail: string }>().detail).toMatch(/timeout/);
    }
  });
});
