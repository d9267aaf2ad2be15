/**
 * Viewer-analytics ingest (issue 13 target): `vlog serve` on PostgreSQL takes session / heartbeat / end
 * traffic from many simulated players. Prints sustained heartbeats per second and their p50 / p99 latency,
 * then checks the database against what was sent: every session and viewer row exists, every session
 * ended, and each session's furthest and last positions are those of its last heartbeat and end.
 * Target (2-core machine, client and server and PostgreSQL sharing it): ≥ 5,000 heartbeats/s at p99 < 25 ms.
 *
 * Usage: npm run bench:analytics -- [--sessions 2000] [--beats 20] [--concurrency 32]
 * (needs PostgreSQL as for the tests: VLOG_TEST_POSTGRES_URL or postgresql://postgres@127.0.0.1:5432/postgres)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createTestDb, prepareTemplates } from '../test/helpers/test-db.js';
import { driveRequests } from './lib/http-load.js';
import { cpuNow, cpuPerRequest } from './lib/cpu-split.js';
import { loadAvg, table } from './lib/stats.js';
import { startServer, stopServer } from './lib/vlog-server.js';

const { values: flags } = parseArgs({
  options: {
    sessions: { type: 'string', default: '2000' },
    beats: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '32' },
  },
});
const SESSIONS = Number(flags.sessions);
const BEATS = Number(flags.beats);
const CONCURRENCY = Number(flags.concurrency);
const VIDEOS = 20;
const TARGET = { beatsPerSecond: 5000, p99Ms: 25 };

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

/** Opens the sessions over plain fetch (their tokens are needed; their speed is not the target). */
async function openSessions(publicUrl: string, videoIds: number[]): Promise<string[]> {
  const tokens: string[] = new Array(SESSIONS);
  let next = 0;
  const worker = async () => {
    while (next < SESSIONS) {
      const i = next++;
      const res = await fetch(`${publicUrl}/api/analytics/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ video_id: videoIds[i % videoIds.length], quality: '720p' }),
      });
      if (res.status !== 200) throw new Error(`session: ${res.status} ${await res.text()}`);
      tokens[i] = ((await res.json()) as { session_token: string }).session_token;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return tokens;
}

await prepareTemplates();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vlog-bench-analytics-'));
const db = await createTestDb('postgres');
try {
  const videos = await db.db
    .insertInto('videos')
    .values(
      Array.from({ length: VIDEOS }, (_, i) => ({
        title: `Bench ${i}`,
        slug: `bench-analytics-${i}`,
        status: 'ready',
        duration: 600,
        published_at: new Date(),
      })),
    )
    .returning('id')
    .execute();
  const server = await startServer(dataDir, { VLOG_DATABASE_URL: db.url, VLOG_LOG_LEVEL: 'warn' });
  try {
    const port = Number(new URL(server.publicUrl).port);
    console.log(
      `${SESSIONS} sessions × ${BEATS} heartbeats, ${CONCURRENCY} concurrent clients; load average ${loadAvg()}`,
    );
    let t = performance.now();
    const tokens = await openSessions(
      server.publicUrl,
      videos.map((v) => v.id),
    );
    const sessionSeconds = (performance.now() - t) / 1000;

    // Request n beats session n % SESSIONS for the (n / SESSIONS + 1)-th time: a session's beats are
    // SESSIONS requests apart, so they reach the server in order.
    const beat = (n: number) => ({
      path: '/api/analytics/heartbeat',
      json: {
        session_token: tokens[n % SESSIONS],
        position: Math.floor(n / SESSIONS) + 1,
        quality: '1080p',
        playing: true,
      },
    });
    await driveRequests(port, beat, Math.min(2000, SESSIONS), CONCURRENCY); // warm-up: JIT, pool, buffers
    const cpuBefore = cpuNow(server.pid);
    t = performance.now();
    const beats = await driveRequests(port, beat, SESSIONS * BEATS, CONCURRENCY);
    const beatSeconds = (performance.now() - t) / 1000;
    const cpu = cpuPerRequest(cpuBefore, cpuNow(server.pid), beats.length);
    const end = (n: number) => ({
      path: '/api/analytics/end',
      json: { session_token: tokens[n], position: BEATS + 0.5, completed: false },
    });
    t = performance.now();
    const ends = await driveRequests(port, end, SESSIONS, CONCURRENCY);
    const endSeconds = (performance.now() - t) / 1000;

    const perSecond = beats.length / beatSeconds;
    const p99 = percentile(beats, 99);
    console.log(
      table(
        ['phase', 'requests', 'per second', 'p50 ms', 'p99 ms'],
        [
          ['session', SESSIONS, (SESSIONS / sessionSeconds).toFixed(0), '', ''],
          ['heartbeat', beats.length, perSecond.toFixed(0), percentile(beats, 50).toFixed(1), p99.toFixed(1)],
          [
            'end',
            ends.length,
            (ends.length / endSeconds).toFixed(0),
            percentile(ends, 50).toFixed(1),
            percentile(ends, 99).toFixed(1),
          ],
        ],
      ),
    );

    const counts = await sql<{ sessions: number; viewers: number; ended: number; exact: number }>`
      select (select count(*)::int from playback_sessions) as sessions,
             (select count(*)::int from viewers) as viewers,
             (select count(*)::int from playback_sessions where ended_at is not null) as ended,
             (select count(*)::int from playback_sessions
               where max_position = ${BEATS + 0.5} and last_position = ${BEATS + 0.5}
                 and quality_used = '1080p') as exact`.execute(db.db);
    const c = counts.rows[0]!;
    const lost = [
      c.sessions !== SESSIONS && `sessions ${c.sessions} ≠ ${SESSIONS}`,
      c.viewers !== SESSIONS && `viewers ${c.viewers} ≠ ${SESSIONS}`,
      c.ended !== SESSIONS && `ended ${c.ended} ≠ ${SESSIONS}`,
      c.exact !== SESSIONS &&
        `sessions with the last beat's quality and the end's position ${c.exact} ≠ ${SESSIONS}`,
    ].filter(Boolean);
    console.log(
      lost.length
        ? `DATABASE MISMATCH: ${lost.join('; ')}`
        : `database: ${SESSIONS} sessions, viewers and ends, all as sent`,
    );
    console.log(
      `CPU per heartbeat: server ${cpu.server} ms, PostgreSQL ${cpu.postgres} ms, bench client ${cpu.client} ms ` +
        `(all PostgreSQL processes on the machine are counted)`,
    );
    const met = perSecond >= TARGET.beatsPerSecond && p99 < TARGET.p99Ms;
    console.log(
      `target ≥ ${TARGET.beatsPerSecond} heartbeats/s at p99 < ${TARGET.p99Ms} ms: ${met ? 'met' : 'MISSED'} ` +
        `(${perSecond.toFixed(0)}/s, p99 ${p99.toFixed(1)} ms); load average after ${loadAvg()}`,
    );
    if (lost.length) process.exitCode = 1;
  } finally {
    await stopServer(server);
  }
} finally {
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
}
