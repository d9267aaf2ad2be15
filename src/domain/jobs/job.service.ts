import { conflict, forbidden, notFound } from '../shared/errors.js';
import type { JobOutcomeRepository, ProducedQuality } from './job-outcome.repository.js';
import type { QualityProgressInput, TranscodingJobRepository } from './transcoding-job.repository.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.js';
import type { JobEvents } from './job-events.js';

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
}) {
  const { db, jobs, outcomes, events, options } = deps;

  async function requireLease(jobId: number, workerId: string) {
    const problem = await jobs.leaseProblem(db, jobId, workerId);
    if (problem === 'not_found') throw notFound('Job not found');
    if (problem === 'not_owner') throw forbidden('Not your job');
    if (problem === 'expired' || problem === 'completed')
      throw conflict('Claim expired - job may have been reassigned');
    const job = await jobs.findById(db, jobId);
    if (!job?.video_id) throw notFound('Job not found');
    return { ...job, video_id: job.video_id };
  }

  return {
    async claim(worker: { workerId: string; workerName: string }): Promise<ClaimedJob | null> {
      const claimed = await jobs.claimNext({ ...worker, leaseSeconds: options.leaseSeconds });
      if (!claimed) return null;
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
      };
    },

    async progress(input: {
      jobId: number;
      workerId: string;
      step: string;
      percent: number;
      qualities?: QualityProgressInput[];
    }): Promise<void> {
      const ok = await jobs.recordProgress({ ...input, leaseSeconds: options.leaseSeconds });
      if (!ok) await requireLease(input.jobId, input.workerId); // throws the precise reason
      if (input.qualities) await jobs.upsertQualityProgress(input.jobId, input.qualities);
      const job = await jobs.findById(db, input.jobId);
      if (job?.video_id) events.changed(job.video_id);
    },

    async complete(input: {
      jobId: number;
      workerId: string;
      qualities: ProducedQuality[];
      duration?: number;
    }) {
      const job = await requireLease(input.jobId, input.workerId);
      await outcomes.complete({
        jobId: job.id,
        videoId: job.video_id,
        qualities: input.qualities,
        duration: input.duration,
      });
      events.changed(job.video_id);
    },

    /** Returns whether the job will be retried. Permanent errors pass retry=false. */
    async fail(input: {
      jobId: number;
      workerId: string;
      error: string;
      retry: boolean;
    }): Promise<{ willRetry: boolean }> {
      const job = await requireLease(input.jobId, input.workerId);
      const attempt = job.attempt_number ?? 1;
      const willRetry = input.retry && attempt < (job.max_attempts ?? 3);
      const backoffSeconds = options.retryBackoffBaseSeconds * 2 ** (attempt - 1);
      await outcomes.fail({
        jobId: job.id,
        videoId: job.video_id,
        error: input.error.slice(0, 500),
        retry: willRetry,
        backoffSeconds,
      });
      events.changed(job.video_id);
      return { willRetry };
    },

    async release(input: { jobId: number; workerId: string }): Promise<void> {
      await outcomes.release(input);
      const job = await jobs.findById(db, input.jobId);
      if (job?.video_id) events.changed(job.video_id);
    },
  };
}

export type JobService = ReturnType<typeof createJobService>;
