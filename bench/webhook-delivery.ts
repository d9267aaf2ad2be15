/**
 * Webhook delivery (issue 14 target): the compiled `vlog serve` (no local worker) sends webhooks to a
 * receiver on loopback in this process. Two phases, on PGlite and on PostgreSQL:
 * - quiet: one webhook, `--quiet` sequential uploads (each event waits for its delivery): event → receipt
 *   latency p50 / p99, the event time being the delivery's created_at (the body's timestamp, same clock);
 * - burst: `--hooks` webhooks on the event, `--uploads` uploads from 4 concurrent clients, so hooks × uploads
 *   deliveries: deliveries per second from the first event to the last receipt, and their latency p50 / p99.
 * Target: ≥ 200 deliveries/s. Every received body's signature is checked.
 *
 * Usage: npm run bench:webhooks -- [--driver pglite|postgres|both] [--hooks 100] [--uploads 10] [--quiet 30]
 * (few hooks per upload measure the uploads that raise the events, not the sender: 20 × 50 runs at ~120/s
 * with every delivery sent within ~50 ms of its event)
 * (`npm run build` first; PostgreSQL as for the tests: VLOG_TEST_POSTGRES_URL or postgres@127.0.0.1:5432)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { verifySignature } from '../src/domain/webhooks/webhook-request.js';
import { createTestDb, prepareTemplates, type TestDatabase } from '../test/helpers/test-db.js';
import { startReceiver, type Received } from '../test/helpers/webhook-receiver.js';
import { loadAvg } from './lib/stats.js';
import { startServer, stopServer, type VlogServer } from './lib/vlog-server.js';

const { values: flags } = parseArgs({
  options: {
    driver: { type: 'string', default: 'both' },
    hooks: { type: 'string', default: '100' },
    uploads: { type: 'string', default: '10' },
    quiet: { type: 'string', default: '30' },
  },
});
const HOOKS = Number(flags.hooks);
const UPLOADS = Number(flags.uploads);
const QUIET = Number(flags.quiet);
const SECRET = 'b'.repeat(40);
const TARGET_PER_SECOND = 200;

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const eventTime = (r: Received) => Date.parse((JSON.parse(r.body) as { timestamp: string }).timestamp);

async function admin(s: VlogServer, method: string, url: string, body?: object | FormData): Promise<unknown> {
  const json = body !== undefined && !(body instanceof FormData);
  const res = await fetch(`${s.adminUrl}${url}`, {
    method,
    headers: { 'X-Admin-Secret': s.secret, ...(json && { 'content-type': 'application/json' }) },
    body: json ? JSON.stringify(body) : body,
  });
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

const FAKE = new Blob([Buffer.from('not a video: no worker runs here\n'.repeat(10))]);
async function upload(s: VlogServer, title: string) {
  const form = new FormData();
  form.set('title', title);
  form.set('file', FAKE, 'clip.mp4');
  await admin(s, 'POST', '/api/videos', form);
}

async function run(driver: 'pglite' | 'postgres') {
  const db: TestDatabase | null = driver === 'postgres' ? await createTestDb('postgres') : null;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vlog-bench-webhooks-'));
  const rx = await startReceiver();
  const server = await startServer(dataDir, {
    VLOG_DATABASE_URL: db?.url ?? '',
    VLOG_LOCAL_WORKER: 'false',
    VLOG_WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true',
    VLOG_LOG_LEVEL: 'warn',
  });
  try {
    const hook = (i: number) =>
      admin(server, 'POST', '/api/webhooks', {
        name: `bench ${i}`,
        url: `${rx.url}/hook/${i}`,
        events: ['video.uploaded'],
        secret: SECRET,
      });
    await hook(0);
    for (let i = 0; i < QUIET; i++) {
      await upload(server, `quiet ${i}`);
      await rx.waitFor(i + 1, 10_000);
    }
    const quiet = rx.received.map((r) => r.at - eventTime(r));
    for (let i = 1; i < HOOKS; i++) await hook(i);
    rx.received.length = 0;
    const started = Date.now();
    let next = 0;
    const client = async () => {
      while (next < UPLOADS) await upload(server, `burst ${next++}`);
    };
    await Promise.all(Array.from({ length: 4 }, client));
    const all = await rx.waitFor(HOOKS * UPLOADS, 120_000).catch(async (err: unknown) => {
      // What the queue holds, by status and error, before giving up (PostgreSQL: the bench can read it).
      const rows = await db?.db
        .selectFrom('webhook_deliveries')
        .select(['status', 'error_message', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['status', 'error_message'])
        .execute();
      console.error('deliveries by status:', rows ?? '(PGlite: held by the server)');
      throw err;
    });
    const seconds = (Math.max(...all.map((r) => r.at)) - started) / 1000;
    const burst = all.map((r) => r.at - eventTime(r));
    const bad = all.filter((r) => !verifySignature(SECRET, r.body, r.headers['x-vlog-signature'] as string));
    const perSecond = all.length / seconds;
    console.log(
      `${driver.padEnd(8)} quiet: ${QUIET} deliveries, latency p50 ${percentile(quiet, 50)} ms, p99 ${percentile(quiet, 99)} ms`,
    );
    console.log(
      `${driver.padEnd(8)} burst: ${all.length} deliveries (${HOOKS} hooks × ${UPLOADS} uploads) in ${seconds.toFixed(2)} s = ` +
        `${perSecond.toFixed(0)}/s (target ≥ ${TARGET_PER_SECOND}: ${perSecond >= TARGET_PER_SECOND ? 'met' : 'MISSED'}), ` +
        `latency p50 ${percentile(burst, 50)} ms, p99 ${percentile(burst, 99)} ms, bad signatures ${bad.length}`,
    );
  } finally {
    await stopServer(server);
    await rx.close();
    await rm(dataDir, { recursive: true, force: true });
    await db?.close();
  }
}

await prepareTemplates();
console.log(`webhook delivery bench — load average ${loadAvg()}`);
for (const driver of flags.driver === 'both'
  ? (['pglite', 'postgres'] as const)
  : [flags.driver as 'pglite' | 'postgres'])
  await run(driver);
