import { conflict, forbidden, notFound } from '../shared/errors.js';
import type { JobOutcomeRepository, ProducedQuality } from './job-outcome.repository.js';
import type {
  LeaseProblem,
  QualityProgressInput,
  TranscodingJobRepository,
} from './transcoding-job.repository.js';
import type { ClaimedJobRow } from './transcoding-job.repository.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.js';
import type { JobEvents } from '../queue/job-events.js';
import { retryDecision } from '../queue/stale-rule.js';
import { NO_CHECKPOINT, type CheckpointReader, type JobCheckpoint } from './job-checkpoint.js';
import type { SourceInfo, VideoSourceRepository } from './video-source.repository.js';

/** The worker API's answer to a refused call (api-worker.md §4: 403 not its job, 409 no longer its job). */
function throwFor(problem: LeaseProblem): void {
  if (problem === 'not_found') throw notFound('Job not found');
  if (problem === 'cancelled') throw conflict(JOB_CANCELLED);
  if (problem === 'not_owner') throw forbidden('Not your job');
  if (problem === 'expired' || problem === 'completed')
    throw conflict('Claim expired - job may have been reassigned');
}

export const JOB_CANCELLED = 'Job cancelled: the video was deleted';

export interface JobServiceOptions {
  leaseSeconds: number;
  retryBackoffBaseSeconds: number;
}

export interface ClaimedJob {
  jobId: number;
  videoId: number;
  slug: string;
  /** What to produce: the video's streaming_format and primary_codec, fixed at upload. */
  format: string;
  codec: string;
  attemptNumber: number;
  maxAttempts: number;
  currentStep: string | null;
  claimExpiresAt: Date | null;
  /** What earlier attempts published: the worker resumes after it (job-checkpoint.ts). */
  checkpoint: JobCheckpoint;
}

/** A failed transcode attempt, as the afterFail hook hears of it. */
export interface FailedAttempt {
  videoId: number;
  error: string;
  attemptNumber: number;
  maxAttempts: number;
  willRetry: boolean;
}

/**
 * The job protocol's use cases (claim → progress → complete | fail | release). The local worker
 * and the worker API both call these, so there is one execution path for transcoding.
 */
export function createJobService(deps: {
  db: Kysely<Database>;
  jobs: TranscodingJobRepository;
  outcomes: JobOutcomeRepository;
  events: JobEvents;
  options: JobServiceOptions;
  /** Runs after the claim committed, before the worker starts (deferred retranscode cleanup). */
  afterClaim?: (claimed: ClaimedJobRow) => Promise<void>;
  /** Runs after a job completed (sprite auto-enqueue, webhook video.ready); must not throw. */
  afterComplete?: (videoId: number) => Promise<void>;
  /** Runs after a failed attempt was recorded (webhook video.failed, alerts); must not throw. */
  afterFail?: (f: FailedAttempt) => Promise<void>;
  /** Reads a claimed job's checkpoint; without it every claim starts from scratch. */
  checkpoints?: CheckpointReader;
  /** Where a progress report's probed source facts are recorded. */
  sources: VideoSourceRepository;
}) {
  const { db, jobs, outcomes, events, options } = deps;

  async function requireLease(jobId: number, workerId: string) {
    throwFor(await jobs.leaseProblem(db, jobId, workerId));
    const job = await jobs.findById(db, jobId);
    if (!job?.video_id) throw notFound('Job not found');
    return { ...job, video_id: job.video_id };
  }

  return {
    /** `reclaimOwn`: also take back a job this worker id still holds (its previous run crashed). */
    async claim(worker: {
      workerId: string;
      workerName: string;
      reclaimOwn?: boolean;
    }): Promise<ClaimedJob | null> {
      const claimed = await jobs.claimNext({ ...worker, leaseSeconds: options.leaseSeconds });
      if (!claimed) return null;
      await deps.afterClaim?.(claimed);
      // After the cleanup hook: a retranscode's deleted renditions must not count as published.
      const checkpoint = deps.checkpoints
        ? await deps.checkpoints({
            jobId: claimed.job.id,
            videoId: claimed.videoId,
            slug: claimed.slug,
            format: claimed.streamingFormat === 'hls_ts' ? 'hls_ts' : 'cmaf',
          })
        : NO_CHECKPOINT;
      events.changed(claimed.videoId);
      return {
        jobId: claimed.job.id,
        videoId: claimed.videoId,
        slug: claimed.slug,
        format: claimed.streamingFormat,
        codec: claimed.primaryCodec,
        attemptNumber: claimed.job.attempt_number ?? 1,
        maxAttempts: claimed.job.max_attempts ?? 3,
        currentStep: claimed.job.current_step,
        claimExpiresAt: claimed.job.claim_expires_at,
        checkpoint,
      };
    },

    async progress(input: {
      jobId: number;
      workerId: string;
      step: string;
      percent: number;
      qualities?: QualityProgressInput[];
      /** Source facts from the worker's probe (duration, size), recorded on the video. */
      source?: SourceInfo;
    }): Promise<{ claimExpiresAt: Date | null }> {
      const ok = await jobs.recordProgress({ ...input, leaseSeconds: options.leaseSeconds });
      if (!ok) await requireLease(input.jobId, input.workerId); // throws the precise reason
      if (input.qualities) await jobs.upsertQualityProgress(input.jobId, input.qualities);
      const job = await jobs.findById(db, input.jobId);
      if (job?.video_id) {
        if (input.source) await deps.sources.setSourceInfo(job.video_id, input.source);
        events.changed(job.video_id);
      }
      return { claimExpiresAt: job?.claim_expires_at ?? null };
    },

    async complete(input: {
      jobId: number;
      workerId: string;
      qualities: ProducedQuality[];
      duration?: number;
    }) {
      const job = await requireLease(input.jobId, input.workerId);
      const done = await outcomes.complete({
        jobId: job.id,
        workerId: input.workerId,
        videoId: job.video_id,
        qualities: input.qualities,
        duration: input.duration,
      });
      // The lease or the video went away since the check above: say precisely why.
      if (!done) throwFor((await jobs.leaseProblem(db, job.id, input.workerId)) ?? 'expired');
      events.changed(job.video_id);
      await deps.afterComplete?.(job.video_id);
    },

    /** Returns whether the job will be retried. Permanent errors pass retry=false. */
    async fail(input: {
      jobId: number;
      workerId: string;
      error: string;
      retry: boolean;
    }): Promise<{ willRetry: boolean; attemptNumber: number }> {
      const job = await requireLease(input.jobId, input.workerId);
      const attempt = job.attempt_number ?? 1;
      const { willRetry, backoffSeconds } = retryDecision({
        attempt,
        maxAttempts: job.max_attempts ?? 3,
        retryable: input.retry,
        backoffBaseSeconds: options.retryBackoffBaseSeconds,
      });
      await outcomes.fail({
        jobId: job.id,
        workerId: input.workerId,
        videoId: job.video_id,
        error: input.error.slice(0, 500),
        retry: willRetry,
        backoffSeconds,
      });
      events.changed(job.video_id);
      await deps.afterFail?.({
        videoId: job.video_id,
        error: input.error,
        attemptNumber: attempt,
        maxAttempts: job.max_attempts ?? 3,
        willRetry,
      });
      return { willRetry, attemptNumber: willRetry ? attempt + 1 : attempt };
    },

    /** The video of a job the worker holds a live lease on (throws the precise reason otherwise). */
    async leasedVideo(input: {
      jobId: number;
      workerId: string;
    }): Promise<{ videoId: number; slug: string }> {
      const job = await requireLease(input.jobId, input.workerId);
      const video = await jobs.videoRef(job.video_id);
      if (!video) throw notFound('Job not found');
      return { videoId: video.id, slug: video.slug };
    },

    /**
     * Only the worker holding a live lease on the video's job may read its source: a worker cannot
     * read other videos' uploads by guessing ids.
     */
    async assertSourceAccess(input: { videoId: number; workerId: string }): Promise<void> {
      const job = await jobs.findByVideo(input.videoId);
      if (!job) throw notFound('Source file not found');
      const problem = await jobs.leaseProblem(db, job.id, input.workerId);
      if (problem === 'not_found') throw notFound('Source file not found');
      if (problem === 'cancelled') throw conflict(JOB_CANCELLED);
      if (problem === 'not_owner' || problem === 'completed') throw forbidden('Not your job');
      if (problem === 'expired') throw conflict('Claim expired - job may have been reassigned');
    },

    /** Throws unless the worker holds a live lease on the job (and its video is not deleted). */
    async assertLease(input: { jobId: number; workerId: string }): Promise<void> {
      throwFor(await jobs.leaseProblem(db, input.jobId, input.workerId));
    },

    /**
     * Runs `publish` (a file put into the video's directory) under the lease, fenced against a delete:
     * see TranscodingJobRepository.withLease. Throws the precise refusal instead when the lease is gone.
     */
    async underLease(
      input: { jobId: number; workerId: string },
      publish: () => Promise<void>,
    ): Promise<void> {
      throwFor(await jobs.withLease(input.jobId, input.workerId, publish));
    },

    async release(input: { jobId: number; workerId: string }): Promise<void> {
      await outcomes.release(input);
      const job = await jobs.findById(db, input.jobId);
      if (job?.video_id) events.changed(job.video_id);
    },
  };
}

export type JobService = ReturnType<typeof createJobService>;
