import type { TranscriptionEngineChoice, TranscriptionJob } from '../../contracts/transcription-job.js';
import { claimRunnable, notReadyOrGone } from '../queue/claim-runnable.js';
import type { JobEvents } from '../queue/job-events.js';
import { lazyRecovery, retryDecision, type LeaseOptions } from '../queue/stale-rule.js';
import { conflict, forbidden, notFound } from '../shared/errors.js';
import type { WebhookEvent } from '../webhooks/webhook-trigger.js';
import type { TranscriptionQueueRepository, TranscriptionRecord } from './transcription-queue.repository.js';

/** Attempts per transcription (a crash or a retryable failure counts one), as re-encodes have. */
export const MAX_TRANSCRIPTION_ATTEMPTS = 3;
const MAX_ERROR = 500;

/** An ISO 639 code (lower-cased), or null for anything else (empty: detect). */
const languageCode = (v: string | null) =>
  v && /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/i.test(v.trim()) ? v.trim().toLowerCase() : null;

/** Read at each claim (getters over the settings): a change applies to the next job. */
export interface TranscriptionJobOptions extends LeaseOptions {
  /** transcription.enabled: when off, no transcription is handed out (rows wait). */
  readonly enabled: boolean;
  readonly engine: TranscriptionEngineChoice;
  /** transcription.language: '' = detect. */
  readonly language: string;
  readonly timeoutSeconds: number;
  readonly audioExtractionTimeoutSeconds: number;
  readonly webhooksEnabled: boolean;
}

/**
 * The transcription worker's side of the queue (claim → progress → complete | fail, release on shutdown),
 * the use cases the worker API's transcription routes expose to every worker, the local one included.
 */
export function createTranscriptionJobService(deps: {
  queue: TranscriptionQueueRepository;
  events: JobEvents;
  options: TranscriptionJobOptions;
  webhooks: { trigger(event: WebhookEvent, data: object): Promise<number> };
  onWebhookError?: (err: unknown) => void;
}) {
  const { queue, events, options } = deps;
  const { recoverStale, recoverIfDue } = lazyRecovery({
    options,
    maxAttempts: MAX_TRANSCRIPTION_ATTEMPTS,
    recover: (rule) => queue.recoverStale(rule),
    onRecovered: () => events.queued(),
  });

  const toJob = (row: {
    id: number;
    video_id: number;
    slug: string;
    language: string | null;
    retry_count: number | null;
  }): TranscriptionJob => ({
    jobId: row.id,
    videoId: row.video_id,
    slug: row.slug,
    language: languageCode(row.language) ?? languageCode(options.language),
    engine: options.engine,
    timeoutSeconds: options.timeoutSeconds,
    audioExtractionTimeoutSeconds: options.audioExtractionTimeoutSeconds,
    attempt: (row.retry_count ?? 0) + 1,
    maxAttempts: MAX_TRANSCRIPTION_ATTEMPTS,
  });

  async function announce(job: TranscriptionJob, record: TranscriptionRecord): Promise<void> {
    if (!options.webhooksEnabled) return;
    const video = await queue.videoTitle(job.videoId);
    // pipeline.md §16: transcription.completed {video_id, video_slug, title, transcription_id, language, word_count, duration_seconds}
    await deps.webhooks.trigger('transcription.completed', {
      video_id: job.videoId,
      video_slug: video?.slug ?? job.slug,
      title: video?.title ?? '',
      transcription_id: job.jobId,
      language: record.language,
      word_count: record.wordCount,
      duration_seconds: record.durationSeconds,
    });
  }

  return {
    /** Abandoned jobs back to pending (a crash counting as an attempt); how many were changed. */
    recoverStale,

    /** The next transcription of a ready, live video (newest published first), or null. */
    async claim(workerPk: number | null = null): Promise<TranscriptionJob | null> {
      await recoverIfDue();
      if (!options.enabled) return null;
      const claimed = await claimRunnable({
        claim: () => queue.claimNext(workerPk),
        // The claim only takes ready, live videos; one deleted in between is refused here.
        problem: notReadyOrGone,
        refuse: ({ job }, error) => queue.fail(job.id, { error, retry: false }),
      });
      if (!claimed) return null;
      events.changed(claimed.video.id);
      return toJob({ ...claimed.job, video_id: claimed.video.id, slug: claimed.video.slug });
    },

    /** The job, if this registered worker claimed it and it is still processing (worker API checks). */
    async ownedBy(jobId: number, workerPk: number): Promise<TranscriptionJob> {
      const row = await queue.findWithSlug(jobId);
      if (!row || row.video_id === null || !row.slug) throw notFound('Transcription job not found');
      if (row.processed_by_worker_id !== workerPk) throw forbidden('Not your job');
      if (row.status !== 'processing') throw conflict('Transcription job is no longer processing');
      return toJob({ ...row, video_id: row.video_id, slug: row.slug });
    },

    async progress(job: TranscriptionJob, workerPk: number, percent: number): Promise<void> {
      if (!(await queue.progress(job.jobId, workerPk, percent)))
        throw conflict('Transcription job is no longer processing');
      events.changed(job.videoId);
    },

    /**
     * Records the result with `publish` (captions.vtt swapped in) in the same fenced transaction, then
     * triggers transcription.completed; conflict, with nothing published, when the job or video is gone.
     */
    async complete(
      job: TranscriptionJob,
      workerPk: number,
      record: TranscriptionRecord,
      publish: () => Promise<void>,
    ): Promise<void> {
      if (!(await queue.complete({ ...job, workerPk }, record, publish)))
        throw conflict('Transcription job is no longer processing, or the video was deleted');
      events.changed(job.videoId);
      await announce(job, record).catch((err: unknown) => deps.onWebhookError?.(err));
    },

    /** A failed attempt; returns whether the job goes back to the queue. */
    async fail(
      job: TranscriptionJob,
      failure: { error: string; retry: boolean },
    ): Promise<{ willRetry: boolean }> {
      const { willRetry } = retryDecision({ ...job, retryable: failure.retry, backoffBaseSeconds: 0 });
      const error = willRetry ? `Attempt ${job.attempt} failed: ${failure.error}` : failure.error;
      await queue.fail(job.jobId, { error: error.slice(0, MAX_ERROR), retry: willRetry });
      events.changed(job.videoId);
      if (willRetry) events.queued();
      return { willRetry };
    },

    async release(job: TranscriptionJob): Promise<void> {
      await queue.release(job.jobId);
      events.changed(job.videoId);
      events.queued();
    },
  };
}

export type TranscriptionJobService = ReturnType<typeof createTranscriptionJobService>;
