// The transcoding job queue on both databases: exclusive claims (FOR UPDATE SKIP LOCKED), lease
// expiry and reclaim, retries with backoff up to max_attempts, final failure, release.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createJobOutcomeRepository } from '../../src/domain/transcode/job-outcome.repository.js';
import { JobEvents } from '../../src/domain/queue/job-events.js';
import { createJobService, type JobService } from '../../src/domain/transcode/job.service.js';
import { createTranscodingJobRepository } from '../../src/domain/transcode/transcoding-job.repository.js';
import { createVideoSourceRepository } from '../../src/domain/transcode/video-source.repository.js';
import { DomainError } from '../../src/domain/shared/errors.js';
import { DRIVERS, type TestDatabase } from '../helpers/test-db.js';
import { useTestDb } from '../helpers/use-test-db.js';
import { claimUntilEmpty } from '../helpers/concurrent-claims.js';

function service(
  db: TestDatabase,
  options: { leaseSeconds: number; retryBackoffBaseSeconds: number },
): JobService {
  return createJobService({
    db: db.db,
    jobs: createTranscodingJobRepository(db.db),
    outcomes: createJobOutcomeRepository(db.db),
    events: new JobEvents(),
    sources: createVideoSourceRepository(db.db),
    options,
  });
}

async function queueVideos(db: TestDatabase, count: number, maxAttempts = 3): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = await db.db
      .insertInto('videos')
      .values({
        title: `v${i}`,
        slug: `v-${i}-${Math.random().toString(36).slice(2, 8)}`,
        status: 'pending',
        created_at: new Date(Date.now() + i),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await createTranscodingJobRepository(db.db).createForVideo(db.db, v.id, maxAttempts);
    ids.push(v.id);
  }
  return ids;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DRIVERS)('job queue on %s', (driver) => {
  const db = useTestDb(driver);
  /** The transcoding_jobs row of a video, and the video row. */
  const jobOf = (videoId: number) =>
    db.db
      .selectFrom('transcoding_jobs')
      .selectAll()
      .where('video_id', '=', videoId)
      .executeTakeFirstOrThrow();
  const videoOf = (id: number) =>
    db.db.selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('never hands the same job to two concurrent claimers, and loses none', async () => {
    await db.db.deleteFrom('videos').execute();
    const ids = await queueVideos(db, 30);
    const jobs = service(db, { leaseSeconds: 600, retryBackoffBaseSeconds: 0 });
    const claimed = await claimUntilEmpty(
      8,
      (w) => async () => (await jobs.claim({ workerId: `worker-${w}`, workerName: `w${w}` }))?.videoId,
    );
    expect(claimed.sort((a, b) => a - b)).toEqual(ids);
    const statuses = await db.db.selectFrom('videos').select('status').where('id', 'in', ids).execute();
    expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(['processing']));
  });

  it('claims oldest first and records the claim on the job', async () => {
    await db.db.deleteFrom('videos').execute();
    const [first] = await queueVideos(db, 3);
    const job = await service(db, { leaseSeconds: 60, retryBackoffBaseSeconds: 0 }).claim({
      workerId: 'w1',
      workerName: 'one',
    });
    expect(job?.videoId).toBe(first);
    const row = await jobOf(first!);
    expect(row.worker_id).toBe('w1');
    expect(row.current_step).toBe('claimed');
    expect(row.processed_by_worker_name).toBe('one');
    const leaseSeconds = (row.claim_expires_at!.getTime() - row.claimed_at!.getTime()) / 1000;
    expect(leaseSeconds).toBeCloseTo(60, 0);
  });

  it('lets another worker take over a job whose lease expired; the old owner is refused (409)', async () => {
    await db.db.deleteFrom('videos').execute();
    const [videoId] = await queueVideos(db, 1);
    const jobs = service(db, { leaseSeconds: 0.3, retryBackoffBaseSeconds: 0 });
    const a = await jobs.claim({ workerId: 'a', workerName: 'a' });
    expect(a?.videoId).toBe(videoId);
    expect(await jobs.claim({ workerId: 'b', workerName: 'b' })).toBeNull(); // lease still live
    await jobs.progress({ jobId: a!.jobId, workerId: 'a', step: 'transcode', percent: 40 }); // extends the lease
    await sleep(450);
    const b = await jobs.claim({ workerId: 'b', workerName: 'b' });
    expect(b?.jobId).toBe(a!.jobId);
    const err = await jobs
      .progress({ jobId: a!.jobId, workerId: 'a', step: 'transcode', percent: 50 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).kind).toBe('forbidden'); // now owned by b
    await sleep(450);
    const late = await jobs
      .complete({ jobId: b!.jobId, workerId: 'b', qualities: [] })
      .catch((e: unknown) => e);
    expect((late as DomainError).kind).toBe('conflict');
  });

  it('retries with backoff up to max_attempts, then fails the video for good', async () => {
    await db.db.deleteFrom('videos').execute();
    const [videoId] = await queueVideos(db, 1, 2);
    const jobs = service(db, { leaseSeconds: 60, retryBackoffBaseSeconds: 0.4 });
    const first = await jobs.claim({ workerId: 'w', workerName: 'w' });
    expect(
      await jobs.fail({ jobId: first!.jobId, workerId: 'w', error: 'encoder crashed', retry: true }),
    ).toEqual({ willRetry: true, attemptNumber: 2 });
    let job = await jobOf(videoId!);
    expect(job.attempt_number).toBe(2);
    expect(job.last_error).toBe('encoder crashed');
    expect(job.completed_at).toBeNull();
    expect(
      (await db.db.selectFrom('videos').select('status').where('id', '=', videoId!).executeTakeFirstOrThrow())
        .status,
    ).toBe('pending');
    expect(await jobs.claim({ workerId: 'w', workerName: 'w' })).toBeNull(); // backing off
    await sleep(500);
    const second = await jobs.claim({ workerId: 'w', workerName: 'w' });
    expect(second?.attemptNumber).toBe(2);
    expect(
      await jobs.fail({ jobId: second!.jobId, workerId: 'w', error: 'encoder crashed again', retry: true }),
    ).toEqual({ willRetry: false, attemptNumber: 2 });
    job = await jobOf(videoId!);
    expect(job.completed_at).not.toBeNull();
    const video = await videoOf(videoId!);
    expect(video.status).toBe('failed');
    expect(video.error_message).toBe('encoder crashed again');
    await sleep(500);
    expect(await jobs.claim({ workerId: 'w', workerName: 'w' })).toBeNull();
  });

  it('release gives the job back at once without counting an attempt', async () => {
    await db.db.deleteFrom('videos').execute();
    const [videoId] = await queueVideos(db, 1);
    const jobs = service(db, { leaseSeconds: 60, retryBackoffBaseSeconds: 60 });
    const job = await jobs.claim({ workerId: 'w', workerName: 'w' });
    await jobs.release({ jobId: job!.jobId, workerId: 'w' });
    const again = await jobs.claim({ workerId: 'other', workerName: 'o' });
    expect(again?.videoId).toBe(videoId);
    expect(again?.attemptNumber).toBe(1);
  });

  it('completion writes qualities, makes the video ready and published', async () => {
    await db.db.deleteFrom('videos').execute();
    const [videoId] = await queueVideos(db, 1);
    const jobs = service(db, { leaseSeconds: 60, retryBackoffBaseSeconds: 0 });
    const job = await jobs.claim({ workerId: 'w', workerName: 'w' });
    await jobs.progress({
      jobId: job!.jobId,
      workerId: 'w',
      step: 'transcode',
      percent: 50,
      qualities: [{ name: '720p', status: 'in_progress', progress: 50, segmentsCompleted: 3 }],
    });
    const qp = await db.db
      .selectFrom('quality_progress')
      .selectAll()
      .where('job_id', '=', job!.jobId)
      .executeTakeFirstOrThrow();
    expect([qp.quality, qp.status, qp.progress_percent, qp.segments_completed]).toEqual([
      '720p',
      'in_progress',
      50,
      3,
    ]);
    await jobs.complete({
      jobId: job!.jobId,
      workerId: 'w',
      qualities: [{ name: '720p', width: 1280, height: 720, bitrateKbps: 2500 }],
      duration: 12.5,
    });
    const video = await videoOf(videoId!);
    expect(video.status).toBe('ready');
    expect(video.published_at).not.toBeNull();
    expect(video.duration).toBe(12.5);
    const q = await db.db
      .selectFrom('video_qualities')
      .selectAll()
      .where('video_id', '=', videoId!)
      .execute();
    expect(q.map((r) => [r.quality, r.width, r.height, r.bitrate])).toEqual([['720p', 1280, 720, 2500]]);
    const row = await db.db
      .selectFrom('transcoding_jobs')
      .select([sql<boolean>`completed_at is not null`.as('done'), 'progress_percent'])
      .where('id', '=', job!.jobId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ done: true, progress_percent: 100 });
  });
});
