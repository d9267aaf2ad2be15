// Re-encode queue (issue 3): queue semantics on both databases (priority order, SKIP LOCKED exclusivity,
// retries up to 3, stale recovery), the admin endpoints (api-admin.md §15), and a real legacy hls_ts video
// re-encoded to CMAF by the local worker: directory swapped, extras kept, qualities and format refreshed,
// video ready throughout; a failure after the swap puts the old directory back.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobEvents } from '../../src/domain/queue/job-events.js';
import { createReencodeJobService } from '../../src/domain/reencode/reencode-jobs.service.js';
import { createReencodeQueueRepository } from '../../src/domain/reencode/reencode-queue.repository.js';
import { createReencodePublisher } from '../../src/domain/reencode/reencode-publish.js';
import { createReencodeRunner } from '../../src/worker/reencode.runner.js';
import { findLocalSource } from '../../src/domain/shared/local-source.js';
import {
  insertLegacyVideo,
  legacyVideo as makeLegacyVideo,
  makeSmallClip,
  type LegacyVideoOptions,
} from '../helpers/legacy-video.js';
import { probePlaylist } from '../helpers/ffprobe.js';
import { expectLegacyExtrasKept, expectReencoded360p } from '../helpers/reencode-output.js';
import { startApiWorker } from '../helpers/api-worker.js';
import { createTestApp, TEST_ADMIN_SECRET, type TestApp } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestDb } from '../helpers/use-test-db.js';
import { enqueueJobs } from '../helpers/queue-fixtures.js';
import { waitFor } from '../helpers/wait.js';
import { videoRow } from '../helpers/rows.js';
import { claimUntilEmpty, mixedPriorities } from '../helpers/concurrent-claims.js';

const auth = { 'x-admin-secret': TEST_ADMIN_SECRET };

describe.each(DRIVERS)('re-encode queue on %s', (driver) => {
  const db = useTestDb(driver);
  const service = () =>
    createReencodeJobService({
      queue: createReencodeQueueRepository(db.db),
      events: new JobEvents(),
      options: { staleAfterSeconds: 3600, recoveryIntervalSeconds: 0 },
    });

  const queueRow = (id: number) =>
    db.db.selectFrom('reencode_queue').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const queue = (priorities: string[]) =>
    enqueueJobs(db.db, 'reencode_queue', priorities, () => insertLegacyVideo(db.db));

  it('claims by priority, then age; concurrent claimers never share a job', async () => {
    await db.db.deleteFrom('videos').execute();
    const [low, normal, high] = await queue(['low', 'normal', 'high']);
    const jobs = service();
    const first = [await jobs.claim(), await jobs.claim(), await jobs.claim()].map((j) => j?.jobId);
    expect(first).toEqual([high, normal, low]);
    expect(await jobs.claim()).toBeNull();

    const ids = await queue(mixedPriorities(18));
    const claimed = await claimUntilEmpty(6, () => {
      const s = service();
      return async () => (await s.claim())?.jobId;
    });
    expect(claimed.sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  });

  it('retries up to 3 attempts, then fails with a readable message; targets default to cmaf/hevc', async () => {
    await db.db.deleteFrom('videos').execute();
    const [id] = await queue(['normal']);
    const jobs = service();
    for (const attempt of [1, 2]) {
      const job = await jobs.claim();
      expect(job).toMatchObject({ jobId: id, attempt, format: 'cmaf', codec: 'hevc' });
      expect(await jobs.fail(job!, { error: 'encoder crashed', retry: true })).toEqual({ willRetry: true });
      const row = await queueRow(id!);
      expect(row).toMatchObject({
        status: 'pending',
        retry_count: attempt,
        error_message: `Attempt ${attempt} failed: encoder crashed`,
      });
    }
    const last = await jobs.claim();
    expect(last?.attempt).toBe(3);
    expect(await jobs.fail(last!, { error: 'encoder crashed', retry: true })).toEqual({ willRetry: false });
    const row = await queueRow(id!);
    expect(row).toMatchObject({
      status: 'failed',
      retry_count: 3,
      error_message: 'Failed after 3 attempts: encoder crashed',
    });
    expect(row.completed_at).not.toBeNull();
    expect(await jobs.claim()).toBeNull();
  });

  it('recovers jobs abandoned in_progress, and fails jobs whose video is gone or not ready', async () => {
    await db.db.deleteFrom('videos').execute();
    const [stale, doomed] = await queue(['normal', 'normal']);
    await db.db
      .updateTable('reencode_queue')
      .set({ status: 'in_progress', started_at: sql<Date>`now() - interval '2 hours'` })
      .where('id', 'in', [stale!, doomed!])
      .execute();
    await db.db.updateTable('reencode_queue').set({ retry_count: 2 }).where('id', '=', doomed!).execute();
    const processing = await insertLegacyVideo(db.db, { status: 'processing' });
    await db.db.insertInto('reencode_queue').values({ video_id: processing.id, priority: 'high' }).execute();

    const job = await service().claim();
    expect(job).toMatchObject({ jobId: stale, attempt: 2 });
    const rows = await db.db.selectFrom('reencode_queue').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.id, r.status])).toEqual([
      [stale, 'in_progress'],
      [doomed, 'failed'],
      [rows[2]!.id, 'failed'],
    ]);
    expect(rows[1]!.error_message).toMatch(/stopped responding/);
    expect(rows[2]!.error_message).toBe('Video status is processing');
  });
});

describe('re-encoding a legacy video (PGlite, local worker)', () => {
  let t: TestApp;
  let tmp: string;
  let clip: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'vlog-reencode-'));
    [t, clip] = await Promise.all([
      createTestApp('pglite', { VLOG_HLS_SEGMENT_DURATION: '1' }),
      makeSmallClip(path.join(tmp, 'clip180.mp4')),
    ]);
  });
  afterAll(async () => {
    await t?.close();
    await rm(tmp, { recursive: true, force: true });
  });

  const api = (method: 'GET' | 'POST' | 'DELETE', url: string) =>
    t.adminApp.inject({ method, url, headers: auth });

  const legacyVideo = (opts?: LegacyVideoOptions) =>
    makeLegacyVideo({ db: t.container.db, layout: t.container.layout }, clip, opts);

  /** Queues through the API, runs the local worker until the job ends; records the video status meanwhile. */
  async function reencode(videoId: number, codec = 'h264') {
    const res = await api(
      'POST',
      `/api/reencode/queue?video_ids=${videoId}&target_format=cmaf&target_codec=${codec}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ queued: [videoId], total_queued: 1 });
    const [job] = (await api('GET', '/api/reencode/jobs?status=pending')).json<{ jobs: { id: number }[] }>()
      .jobs;
    const statuses = new Set<string | null>();
    const worker = await startApiWorker(t);
    try {
      // Polled every 50 ms: the video's status while the job runs, and the job until it ends.
      const done = await waitFor(
        async () => {
          const v = await t.container.db
            .selectFrom('videos')
            .select('status')
            .where('id', '=', videoId)
            .executeTakeFirst();
          statuses.add(v?.status ?? null);
          const j = await t.container.db
            .selectFrom('reencode_queue')
            .selectAll()
            .where('id', '=', job!.id)
            .executeTakeFirstOrThrow();
          return j.status === 'completed' || j.status === 'failed' ? j : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 50, what: `re-encode job ${job!.id}` },
      );
      return { job: done, statuses };
    } finally {
      await worker.stop();
    }
  }

  it('re-encodes hls_ts to CMAF: new layout swapped in, extras kept, qualities and format refreshed, ready throughout', async () => {
    const v = await legacyVideo();
    const { job, statuses } = await reencode(v.id);
    expect(job.error_message).toBeNull();
    expect(job.status).toBe('completed');
    expect([...statuses]).toEqual(['ready']);

    const files = await readdir(v.dir);
    expect(files.filter((f) => f.endsWith('.ts') || f === '360p.m3u8')).toEqual([]); // old layout gone
    expect(files.sort()).toEqual([
      '360p',
      'captions.vtt',
      'manifest.mpd',
      'master.m3u8',
      'sprites',
      'sprites.vtt',
      'thumbnail.jpg',
    ]);
    await expectLegacyExtrasKept(v.dir);
    expect(await readdir(path.join(v.dir, '360p'))).toContain('init.mp4');
    const master = await readFile(path.join(v.dir, 'master.m3u8'), 'utf8');
    expect(master).toContain('#EXT-X-VERSION:7');
    expect(master).toContain('360p/stream.m3u8');
    await expectReencoded360p(v.dir);
    // Nothing staged or backed up is left beside the videos.
    expect((await readdir(t.container.layout.dirs.videosDir)).filter((f) => f.startsWith('.'))).toEqual([]);

    const qualities = await t.container.db
      .selectFrom('video_qualities')
      .select(['quality', 'width', 'height', 'bitrate'])
      .where('video_id', '=', v.id)
      .execute();
    expect(qualities).toEqual([{ quality: '360p', width: 320, height: 180, bitrate: 600 }]);
    const row = await videoRow(t, v.id);
    expect(row).toMatchObject({ status: 'ready', streaming_format: 'cmaf', primary_codec: 'h264' });
    const detail = await t.publicApp.inject({ method: 'GET', url: `/api/videos/${v.slug}` });
    expect(detail.json()).toMatchObject({
      streaming_format: 'cmaf',
      stream_url: `/videos/${v.slug}/master.m3u8`,
    });
  });

  it('re-encodes to HEVC in CMAF (the video codec and primary_codec change)', async () => {
    const v = await legacyVideo();
    const { job } = await reencode(v.id, 'hevc');
    expect(job.error_message).toBeNull();
    const row = await videoRow(t, v.id);
    expect(row).toMatchObject({ status: 'ready', streaming_format: 'cmaf', primary_codec: 'hevc' });
    expect((await probePlaylist(path.join(v.dir, '360p', 'stream.m3u8'))).videoCodec).toBe('hevc');
    expect(await readFile(path.join(v.dir, 'master.m3u8'), 'utf8')).toMatch(/CODECS="hvc1\./);
  });

  it('an unusable source fails the job for good with a readable message; the video is untouched', async () => {
    const v = await legacyVideo({ upload: Buffer.from('not a video at all') });
    const before = (await readdir(v.dir)).sort();
    const { job, statuses } = await reencode(v.id);
    expect(job).toMatchObject({ status: 'failed', retry_count: 1 });
    expect(job.error_message).toMatch(/not a playable video/);
    expect([...statuses]).toEqual(['ready']);
    expect((await readdir(v.dir)).sort()).toEqual(before);
  });

  it('a failure after the swap puts the old directory back', async () => {
    const v = await legacyVideo();
    const before = (await readdir(v.dir)).sort();
    const master = await readFile(path.join(v.dir, 'master.m3u8'), 'utf8');
    const failures: Array<{ error: string; retry: boolean }> = [];
    const job = {
      jobId: 9999,
      videoId: v.id,
      slug: v.slug,
      format: 'cmaf',
      codec: 'h264',
      attempt: 1,
      maxAttempts: 3,
    } as const;
    const layout = t.container.layout;
    const publisher = createReencodePublisher({
      layout,
      complete: () => Promise.reject(new Error('database went away')),
    });
    const runner = createReencodeRunner({
      jobs: {
        claim: () => Promise.resolve(null),
        fail: (_job, failure) => {
          failures.push(failure);
          return Promise.resolve({ willRetry: true });
        },
        release: () => Promise.resolve(),
      },
      files: {
        recover: (j) => publisher.recover(j),
        kept: (j) => publisher.kept(j),
        publish: (j, dir, result) => publisher.publish(j, dir, result),
        fetchSource: async (j) => (await findLocalSource(layout, j)) ?? '',
      },
      settings: { segmentDuration: 1, timeouts: { multiplier: 2, minimum: 60, maximum: 600 } },
    });
    const outcome = await runner.run(job, {
      signal: new AbortController().signal,
      scratchDir: path.join(tmp, 'scratch-rollback'),
    });
    expect(outcome).toBe('retrying');
    expect(failures).toEqual([{ error: 'database went away', retry: true }]);
    expect((await readdir(v.dir)).sort()).toEqual(before);
    expect(await readFile(path.join(v.dir, 'master.m3u8'), 'utf8')).toBe(master);
    expect((await readdir(t.container.layout.dirs.videosDir)).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('admin endpoints: per-id results, validation, status, jobs list, cancel, queue-all', async () => {
    await t.container.db.deleteFrom('videos').execute();
    const ready = await insertLegacyVideo(t.container.db);
    const pending = await insertLegacyVideo(t.container.db, { status: 'pending' });
    const cmaf = await insertLegacyVideo(t.container.db, { format: 'cmaf' });
    const res = await api(
      'POST',
      `/api/reencode/queue?video_ids=${ready.id}&video_ids=${pending.id}&video_ids=999999&target_codec=h264`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      queued: [ready.id],
      skipped: [],
      errors: [
        { video_id: pending.id, error: 'Video status is pending' },
        { video_id: 999999, error: 'Video not found' },
      ],
      total_queued: 1,
    });
    expect((await api('POST', `/api/reencode/queue?video_ids=${ready.id}`)).json()).toMatchObject({
      queued: [],
      skipped: [ready.id],
    });
    for (const bad of [
      '',
      '?video_ids=abc',
      `?video_ids=${ready.id}&priority=urgent`,
      `?video_ids=${ready.id}&target_format=mp4`,
    ])
      expect((await api('POST', `/api/reencode/queue${bad}`)).statusCode, bad).toBe(400);
    const tsHevc = await api(
      'POST',
      `/api/reencode/queue?video_ids=${ready.id}&target_format=hls_ts&target_codec=av1`,
    );
    expect(tsHevc.json()).toEqual({ detail: 'target_codec av1 requires target_format cmaf' });

    expect((await api('GET', '/api/reencode/status')).json()).toEqual({
      queue_stats: { pending: 1, in_progress: 0, completed: 0, failed: 0, cancelled: 0 },
      legacy_videos_remaining: 1,
      total_in_queue: 1,
    });
    const { jobs } = (await api('GET', '/api/reencode/jobs')).json<{
      jobs: Array<Record<string, unknown>>;
    }>();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      video_id: ready.id,
      video_slug: ready.slug,
      target_format: 'cmaf',
      target_codec: 'h264',
      priority: 'normal',
      status: 'pending',
      retry_count: 0,
    });
    // queue-all: everything ready not yet in the target (cmaf/hevc by default) and without an open job.
    expect((await api('POST', '/api/reencode/queue-all?batch_size=5')).json()).toEqual({
      queued_count: 1,
      message: 'Queued 1 video for re-encoding to cmaf/hevc',
    });
    expect((await api('POST', '/api/reencode/queue-all?batch_size=0')).statusCode).toBe(400);
    const queuedAll = (await api('GET', '/api/reencode/jobs?status=pending&limit=10')).json<{
      jobs: Array<{ id: number; video_id: number; priority: string }>;
      total: number;
    }>();
    expect(queuedAll.total).toBe(2);
    expect(queuedAll.jobs.find((j) => j.video_id === cmaf.id)?.priority).toBe('low');

    const id = queuedAll.jobs[0]!.id;
    expect((await api('DELETE', `/api/reencode/jobs/${id}`)).json()).toMatchObject({ status: 'cancelled' });
    const again = await api('DELETE', `/api/reencode/jobs/${id}`);
    expect(again.statusCode).toBe(400);
    expect(again.json()).toEqual({ detail: "Cannot cancel job with status 'cancelled'" });
    expect((await api('DELETE', '/api/reencode/jobs/999999')).statusCode).toBe(404);
    expect((await api('GET', '/api/reencode/jobs?status=running')).statusCode).toBe(400);
  });
});
