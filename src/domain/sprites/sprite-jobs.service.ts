import { conflict, forbidden, notFound } from '../shared/errors.js';
import type { JobEvents } from '../queue/job-events.js';
import type { SpriteJob, SpriteResult } from '../../contracts/sprite-job.js';
import { claimRunnable } from '../queue/claim-runnable.js';
import type { ClaimedVideo } from '../queue/job-queue.repository.js';
import { lazyRecovery, type LeaseOptions } from '../queue/stale-rule.js';
import type { SpriteQueueRepository } from './sprite-queue.repository.js';

/** staleAfterSeconds: spec §13's 2 h; leaseSeconds: workers.claim_duration_minutes (queue/stale-rule.ts). */
export interface SpriteJobServiceOptions extends LeaseOptions {
  /** VLOG_SPRITE_SHEET_MAX_VIDEO_DURATION: longer videos fail at once. */
  maxVideoDurationSeconds: number;
}

const MAX_ERROR = 500;

/**
 * The sprite worker's side of the queue, deliberately narrow (claim → complete | fail, release on
 * shutdown) so a remote worker can later call the same use cases over HTTP.
 */
export function createSpriteJobService(deps: {
  queue: SpriteQueueRepository;
  events: JobEvents;
  options: SpriteJobServiceOptions;
}) {
  const { queue, events, options } = deps;
  const { recoverStale, recoverIfDue } = lazyRecovery({
    options,
    recover: (rule) => queue.recoverStale(rule),
    onRecovered: () => events.queued(),
  });

  /** Why a claimed job cannot run, or null. */
  function refusal(video: ClaimedVideo | null) {
    if (!video || video.deleted) return 'Video not found';
    if (video.status !== 'ready') return `Video is not ready (status is ${video.status ?? 'unknown'})`;
    if (video.duration > options.maxVideoDurationSeconds)
      return `Video is too long for sprite sheets (${Math.round(video.duration)} s > ${options.maxVideoDurationSeconds} s)`;
    return null;
  }

  return {
    /** Abandoned jobs back to pending (their videos too); how many. */
    recoverStale,

    /** The next runnable job, or null. Jobs whose video cannot have sprites are failed on the way. */
    async claim(workerPk: number | null = null): Promise<SpriteJob | null> {
      await recoverIfDue();
      const claimed = await claimRunnable({
        claim: () => queue.claimNext(workerPk),
        problem: refusal,
        refuse: ({ job, video }, problem) => queue.fail(job.id, video?.id ?? null, problem),
      });
      if (!claimed) return null;
      const { job, video } = claimed;
      events.changed(video.id);
      return { jobId: job.id, videoId: video.id, slug: video.slug, duration: video.duration };
    },

    /** The job, if this registered worker claimed it and it is still processing (worker API checks). */
    async ownedBy(jobId: number, workerPk: number): Promise<SpriteJob> {
      const row = await queue.findWithSlug(jobId);
      if (!row || row.video_id === null || !row.slug) throw notFound('Sprite job not found');
      if (row.processed_by_worker_id !== workerPk) throw forbidden('Not your job');
      if (row.status !== 'processing') throw conflict('Sprite job is no longer processing');
      return { jobId: row.id, videoId: row.video_id, slug: row.slug, duration: row.duration ?? 0 };
    },

    /** Runs `publish` fenced against a delete (see SpriteQueueRepository.withProcessingJob), or throws 409. */
    async whileProcessing(job: SpriteJob, workerPk: number, publish: () => Promise<void>): Promise<void> {
      if (!(await queue.withProcessingJob(job.jobId, workerPk, publish)))
        throw conflict('Sprite job is no longer processing');
    },

    async complete(job: SpriteJob, result: SpriteResult): Promise<void> {
      if (!(await queue.complete(job.jobId, job.videoId, result)))
        throw conflict('Sprite job is no longer processing');
      events.changed(job.videoId);
    },

    async fail(job: SpriteJob, error: string): Promise<void> {
      await queue.fail(job.jobId, job.videoId, error.slice(0, MAX_ERROR));
      events.changed(job.videoId);
    },

    async release(job: SpriteJob): Promise<void> {
      await queue.release(job.jobId, job.videoId);
      events.changed(job.videoId);
    },
  };
}

export type SpriteJobService = ReturnType<typeof createSpriteJobService>;
