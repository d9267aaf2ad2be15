import type { JobEvents } from '../jobs/job-events.js';
import { conflict } from '../shared/errors.js';
import {
  TARGET_CODECS,
  TARGET_FORMATS,
  type ProducedQuality,
  type ReencodeQueueRepository,
  type TargetCodec,
  type TargetFormat,
} from './reencode-queue.repository.js';

/** Attempts per re-encode job (api-worker.md §10.6). */
export const MAX_REENCODE_ATTEMPTS = 3;
const MAX_ERROR = 500;

export interface ReencodeJobServiceOptions {
  /** A job `in_progress` for longer than this is considered abandoned. */
  staleAfterSeconds: number;
  /** Minimum seconds between two stale-job sweeps (run from claim). */
  recoveryIntervalSeconds: number;
}

/** What a re-encode worker gets for one job. */
export interface ReencodeJob {
  jobId: number;
  videoId: number;
  slug: string;
  format: TargetFormat;
  codec: TargetCodec;
  /** 1-based attempt number of this run. */
  attempt: number;
  maxAttempts: number;
}

const toFormat = (v: string | null): TargetFormat =>
  (TARGET_FORMATS as readonly string[]).includes(v ?? '') ? (v as TargetFormat) : 'cmaf';
const toCodec = (v: string | null): TargetCodec =>
  (TARGET_CODECS as readonly string[]).includes(v ?? '') ? (v as TargetCodec) : 'hevc';

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
  let lastRecovery = 0;

  return {
    async claim(): Promise<ReencodeJob | null> {
      if (Date.now() - lastRecovery >= options.recoveryIntervalSeconds * 1000) {
        lastRecovery = Date.now();
        await queue.recoverStale(options.staleAfterSeconds, MAX_REENCODE_ATTEMPTS);
      }
      for (;;) {
        const claimed = await queue.claimNext();
        if (!claimed) return null;
        const { job, video } = claimed;
        if (!video || video.deleted || video.status !== 'ready') {
          const error = !video || video.deleted ? 'Video not found' : `Video status is ${video.status}`;
          await queue.fail({ jobId: job.id, error, retry: false });
          continue;
        }
        return {
          jobId: job.id,
          videoId: video.id,
          slug: video.slug,
          format: toFormat(job.target_format),
          codec: toCodec(job.target_codec),
          attempt: (job.retry_count ?? 0) + 1,
          maxAttempts: MAX_REENCODE_ATTEMPTS,
        };
      }
    },

    /** Records the new renditions and format; throws conflict when the job or video is gone. */
    async complete(
      job: ReencodeJob,
      result: { qualities: ProducedQuality[]; keepOriginal: boolean },
    ): Promise<void> {
      const ok = await queue.complete({
        jobId: job.jobId,
        videoId: job.videoId,
        format: job.format,
        codec: job.codec,
        ...result,
      });
      if (!ok) throw conflict('Re-encode job is no longer in progress, or the video was deleted');
      events.changed(job.videoId);
    },

    /** Returns whether the job goes back to the queue. */
    async fail(
      job: ReencodeJob,
      failure: { error: string; retry: boolean },
    ): Promise<{ willRetry: boolean }> {
      const willRetry = failure.retry && job.attempt < job.maxAttempts;
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
