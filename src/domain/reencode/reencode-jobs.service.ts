import type { JobEvents } from '../queue/job-events.js';
import { conflict, forbidden, notFound } from '../shared/errors.js';
import {
  TARGET_CODECS,
  TARGET_FORMATS,
  type ProducedQuality,
  type ReencodeJob,
  type TargetCodec,
  type TargetFormat,
} from '../../contracts/reencode-job.js';
import { claimRunnable, notReadyOrGone } from '../queue/claim-runnable.js';
import { lazyRecovery, retryDecision, type LeaseOptions } from '../queue/stale-rule.js';
import type { ReencodeQueueRepository } from './reencode-queue.repository.js';

/** Attempts per re-encode job (api-worker.md §10.6). */
export const MAX_REENCODE_ATTEMPTS = 3;
const MAX_ERROR = 500;

/** staleAfterSeconds: the ffmpeg timeout maximum + a margin; leaseSeconds: the claim duration (queue/stale-rule.ts). */
export type ReencodeJobServiceOptions = LeaseOptions;

const toFormat = (v: string | null): TargetFormat =>
  (TARGET_FORMATS as readonly string[]).includes(v ?? '') ? (v as TargetFormat) : 'cmaf';
const toCodec = (v: string | null): TargetCodec =>
  (TARGET_CODECS as readonly string[]).includes(v ?? '') ? (v as TargetCodec) : 'hevc';

function toJob(row: {
  id: number;
  video_id: number;
  slug: string;
  target_format: string | null;
  target_codec: string | null;
  retry_count: number | null;
}): ReencodeJob {
  return {
    jobId: row.id,
    videoId: row.video_id,
    slug: row.slug,
    format: toFormat(row.target_format),
    codec: toCodec(row.target_codec),
    attempt: (row.retry_count ?? 0) + 1,
    maxAttempts: MAX_REENCODE_ATTEMPTS,
  };
}

/**
 * The re-encode worker's side of the queue, kept narrow (claim → complete | fail, release on
 * shutdown) so the worker API can expose the same use cases to remote workers.
 */
export function createReencodeJobService(deps: {
  queue: ReencodeQueueRepository;
  events: JobEvents;
  options: ReencodeJobServiceOptions;
}) {
  const { queue, events, options } = deps;
  const { recoverStale, recoverIfDue } = lazyRecovery({
    options,
    maxAttempts: MAX_REENCODE_ATTEMPTS,
    recover: (rule) => queue.recoverStale(rule),
    onRecovered: () => events.queued(),
  });

  return {
    /** Abandoned jobs back to pending, a crash counting as an attempt; how many were changed. */
    recoverStale,

    /** `workerPk`: the claiming registered worker's row id; null for a claim made directly (tests). */
    async claim(workerPk: number | null = null): Promise<ReencodeJob | null> {
      await recoverIfDue();
      const claimed = await claimRunnable({
        claim: () => queue.claimNext(workerPk),
        problem: notReadyOrGone,
        refuse: ({ job }, error) => queue.fail({ jobId: job.id, error, retry: false }),
      });
      return claimed && toJob({ ...claimed.job, video_id: claimed.video.id, slug: claimed.video.slug });
    },

    /** The job, if this registered worker claimed it and it is still in progress (worker API checks). */
    async ownedBy(jobId: number, workerPk: number): Promise<ReencodeJob> {
      const row = await queue.findWithSlug(jobId);
      if (!row || row.video_id === null || !row.slug) throw notFound('Re-encode job not found');
      if (row.processed_by_worker_id !== workerPk) throw forbidden('Not your job');
      if (row.status !== 'in_progress') throw conflict('Re-encode job is no longer in progress');
      return toJob({ ...row, video_id: row.video_id, slug: row.slug });
    },

    /**
     * Records the new renditions and format, running `publish` (the directory swap) inside the same
     * fenced transaction; throws conflict, with nothing published, when the job or video is gone.
     */
    async complete(
      job: ReencodeJob,
      result: { qualities: ProducedQuality[]; keepOriginal: boolean },
      publish?: () => Promise<void>,
    ): Promise<void> {
      const ok = await queue.complete(
        { jobId: job.jobId, videoId: job.videoId, format: job.format, codec: job.codec, ...result },
        publish,
      );
      if (!ok) throw conflict('Re-encode job is no longer in progress, or the video was deleted');
      events.changed(job.videoId);
    },

    /** Returns whether the job goes back to the queue. */
    async fail(
      job: ReencodeJob,
      failure: { error: string; retry: boolean },
    ): Promise<{ willRetry: boolean }> {
      // No backoff column on reencode_queue: a retry is claimable at once.
      const { willRetry } = retryDecision({ ...job, retryable: failure.retry, backoffBaseSeconds: 0 });
      const error = willRetry
        ? `Attempt ${job.attempt} failed: ${failure.error}`
        : job.attempt > 1 && failure.retry
          ? `Failed after ${job.attempt} attempts: ${failure.error}`
          : failure.error;
      await queue.fail({ jobId: job.jobId, error: error.slice(0, MAX_ERROR), retry: willRetry });
      if (willRetry) events.queued();
      return { willRetry };
    },

    release: (job: ReencodeJob) => queue.release(job.jobId),
  };
}

export type ReencodeJobService = ReturnType<typeof createReencodeJobService>;
