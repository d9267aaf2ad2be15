// Issue 3: crash-safe at segment granularity. A job interrupted after its first segments are published
// (a crash, or a graceful release) resumes from segment k: the segments already published are kept as
// they are, ffmpeg restarts at k, and the finished ladder is continuous across the resume point.
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { flag, freezeLadderAfterFirstSegments, watchChildren } from '../helpers/ffmpeg-children.js';
import { fingerprints, published, walk } from '../helpers/ladder-output.js';
import {
  CASE_TIMEOUT,
  CLIP_SECONDS,
  expectFinished,
  jobRow,
  LADDER_720,
  SEGMENT,
  upload,
  useLadderApps,
  videoRow,
} from '../helpers/live-ladder.js';
import { waitFor } from '../helpers/wait.js';

const { app, worker } = useLadderApps();

interface Scenario {
  driver: 'pglite' | 'postgres';
  format: 'cmaf' | 'hls_ts';
  /** abandon: stop like a crash (claim kept); release: graceful shutdown (claim given back). */
  interrupt: 'abandon' | 'release';
  /** Who resumes: a worker with another id (once the lease expired), or the same stable id restarted. */
  next: 'other-id' | 'same-id';
}

/** Interrupts a job after its first segments are published, resumes it, and checks it resumed from k. */
async function interruptAndResume(s: Scenario): Promise<void> {
  const t = await app(s.driver, { VLOG_STREAMING_FORMAT: s.format });
  const first = await worker(t);
  const video = await upload(t, 'landscape720x8s');
  const frozen = await freezeLadderAfterFirstSegments();
  expect(Math.min(...frozen.counts)).toBeLessThan(CLIP_SECONDS / SEGMENT);
  // The publisher catches up with what ffmpeg finished, then the worker goes away.
  await waitFor(
    async () => {
      const counts = await published(video.dir, s.format, LADDER_720);
      return counts.every((n, i) => n >= (frozen.counts[i] ?? 0)) ? true : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 20, what: 'the publisher to catch up' },
  );
  const interrupted = s.interrupt === 'abandon' ? first.abandon() : first.stop();
  // Its SIGTERM is pending: on SIGCONT ffmpeg flushes the segment it was on, cut short: never published.
  process.kill(frozen.pid, 'SIGCONT');
  await interrupted;
  if (s.interrupt === 'abandon' && s.next === 'other-id') {
    // The crashed worker's lease runs out (here at once, not after VLOG_WORKER_CLAIM_DURATION: a busy
    // machine must not let it lapse while the encode is frozen).
    await t.container.db
      .updateTable('transcoding_jobs')
      .set({ claim_expires_at: sql<Date>`now() - interval '1 second'` })
      .where('video_id', '=', video.id)
      .execute();
  }
  const held = await jobRow(t, video.id);
  if (s.interrupt === 'abandon') expect([held.worker_id, held.completed_at]).toEqual([first.workerId, null]);
  else expect([held.worker_id, (await videoRow(t, video.id)).status]).toEqual([null, 'pending']);

  const counts = await published(video.dir, s.format, LADDER_720);
  expect(counts).toEqual(frozen.counts);
  const k = Math.min(...counts);
  expect(k).toBeGreaterThanOrEqual(1);
  const kept = (await walk(video.dir)).filter((f) => /\.(m4s|ts|mp4|jpg)$/.test(f));
  expect(kept.map((f) => path.basename(f))).toContain('thumbnail.jpg');
  const before = await fingerprints(kept);

  const children = watchChildren();
  const next = await worker(t, s.next === 'other-id' ? undefined : first);
  const job = await expectFinished(t, { video, format: s.format, names: LADDER_720, resumed: true });
  const ran = await children();
  // Restarted at segment k: input seek to k × segment, numbering from k; no new probe or thumbnail.
  const ladders = ran.filter((a) => a.includes('-filter_complex'));
  expect(ladders.map((a) => [flag(a, '-ss'), flag(a, '-start_number')])).toEqual([
    [String(k * SEGMENT), String(k)],
  ]);
  expect(ran.filter((a) => a.includes('-show_format') || a.includes('-frames:v'))).toEqual([]);
  expect(await fingerprints(kept)).toEqual(before);
  expect(job.worker_id).toBe(next.workerId);
  if (s.next === 'other-id') expect(next.workerId).not.toBe(first.workerId);
  expect(job.attempt_number).toBe(1);
}

describe('crash-safe resume at segment granularity', () => {
  it(
    'after a crash, another worker resumes from the checkpoint once the lease expires',
    async () => {
      await interruptAndResume({ driver: 'pglite', format: 'cmaf', interrupt: 'abandon', next: 'other-id' });
    },
    CASE_TIMEOUT,
  );

  it(
    'after a crash, the same worker id restarted reclaims its job at once (PostgreSQL)',
    async () => {
      // The default 30 min lease: only reclaiming its own claim lets the restarted worker in.
      await interruptAndResume({ driver: 'postgres', format: 'cmaf', interrupt: 'abandon', next: 'same-id' });
    },
    CASE_TIMEOUT,
  );

  it(
    'a graceful release keeps the checkpoint too (HLS/TS)',
    async () => {
      await interruptAndResume({
        driver: 'pglite',
        format: 'hls_ts',
        interrupt: 'release',
        next: 'other-id',
      });
    },
    CASE_TIMEOUT,
  );
});
