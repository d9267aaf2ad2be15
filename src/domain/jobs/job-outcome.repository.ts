import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.types.js';

export interface ProducedQuality {
  name: string;
  width: number;
  height: number;
  bitrateKbps: number;
}

/** The worker that held the job no longer works on it (workers.current_job_id, shown to admins). */
async function clearCurrentJob(trx: Kysely<Database>, jobId: number): Promise<void> {
  await trx
    .updateTable('workers')
    .set({ current_job_id: null })
    .where('current_job_id', '=', jobId)
    .execute();
}

/** SQL for the end of a job: completion, failure (retry or final) and release on shutdown. */
export function createJobOutcomeRepository(db: Kysely<Database>) {
  return {
    /** Marks the job done and the video ready, replacing its quality rows, in one transaction. */
    async complete(input: {
      jobId: number;
      videoId: number;
      qualities: ProducedQuality[];
      duration?: number;
    }) {
      await db.transaction().execute(async (trx) => {
        const names = input.qualities.map((q) => q.name);
        if (names.length > 0) {
          await trx
            .deleteFrom('video_qualities')
            .where('video_id', '=', input.videoId)
            .where('quality', 'in', names)
            .execute();
          await trx
            .insertInto('video_qualities')
            .values(
              input.qualities.map((q) => ({
                video_id: input.videoId,
                quality: q.name,
                width: q.width,
                height: q.height,
                bitrate: q.bitrateKbps,
              })),
            )
            .execute();
        }
        await trx
          .updateTable('videos')
          .set({
            status: 'ready',
            error_message: null,
            published_at: sql<Date>`coalesce(published_at, now())`,
            ...(input.duration !== undefined ? { duration: input.duration } : {}),
          })
          .where('id', '=', input.videoId)
          .execute();
        await trx
          .updateTable('transcoding_jobs')
          .set({
            completed_at: sql<Date>`now()`,
            progress_percent: 100,
            current_step: 'finalize',
            claimed_at: null,
            claim_expires_at: null,
            last_checkpoint: sql<Date>`now()`,
            retranscode_metadata: null,
          })
          .where('id', '=', input.jobId)
          .execute();
        await clearCurrentJob(trx, input.jobId);
      });
    },

    /**
     * Retry: the job returns to the queue after `backoffSeconds` (kept in claim_expires_at while
     * unclaimed) with attempt_number + 1. Final: job completed with last_error, video failed.
     */
    async fail(input: {
      jobId: number;
      videoId: number;
      error: string;
      retry: boolean;
      backoffSeconds: number;
    }) {
      await db.transaction().execute(async (trx) => {
        if (input.retry) {
          await trx
            .updateTable('transcoding_jobs')
            .set({
              last_error: input.error,
              worker_id: null,
              claimed_at: null,
              claim_expires_at: sql<Date>`now() + make_interval(secs => ${input.backoffSeconds})`,
              current_step: 'pending',
              attempt_number: sql<number>`attempt_number + 1`,
            })
            .where('id', '=', input.jobId)
            .execute();
          await trx
            .updateTable('quality_progress')
            .set({ status: 'pending', progress_percent: 0 })
            .where('job_id', '=', input.jobId)
            .where('status', 'not in', ['completed', 'uploaded', 'skipped'])
            .execute();
          await trx
            .updateTable('videos')
            .set({ status: 'pending' })
            .where('id', '=', input.videoId)
            .execute();
        } else {
          await trx
            .updateTable('transcoding_jobs')
            .set({
              last_error: input.error,
              completed_at: sql<Date>`now()`,
              claimed_at: null,
              claim_expires_at: null,
            })
            .where('id', '=', input.jobId)
            .execute();
          await trx
            .updateTable('quality_progress')
            .set({ status: 'failed' })
            .where('job_id', '=', input.jobId)
            .where('status', 'in', ['pending', 'in_progress'])
            .execute();
          await trx
            .updateTable('videos')
            .set({ status: 'failed', error_message: input.error })
            .where('id', '=', input.videoId)
            .execute();
        }
        await clearCurrentJob(trx, input.jobId);
      });
    },

    /** Gives a claimed job back untouched (graceful shutdown): no attempt is counted. */
    async release(input: { jobId: number; workerId: string }): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const job = await trx
          .updateTable('transcoding_jobs')
          .set({ worker_id: null, claimed_at: null, claim_expires_at: null })
          .where('id', '=', input.jobId)
          .where('worker_id', '=', input.workerId)
          .where('completed_at', 'is', null)
          .returning('video_id')
          .executeTakeFirst();
        if (job) {
          await trx
            .updateTable('videos')
            .set({ status: 'pending' })
            .where('id', '=', job.video_id)
            .where('status', '=', 'processing')
            .execute();
        }
        await clearCurrentJob(trx, input.jobId);
      });
    },
  };
}

export type JobOutcomeRepository = ReturnType<typeof createJobOutcomeRepository>;
