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

/** Thrown inside a transaction to roll it back as a refusal (not an error). */
const REFUSED = Symbol('refused');

async function replaceQualities(trx: Kysely<Database>, videoId: number, qualities: ProducedQuality[]) {
  const names = qualities.map((q) => q.name);
  if (names.length === 0) return;
  await trx
    .deleteFrom('video_qualities')
    .where('video_id', '=', videoId)
    .where('quality', 'in', names)
    .execute();
  await trx
    .insertInto('video_qualities')
    .values(
      qualities.map((q) => ({
        video_id: videoId,
        quality: q.name,
        width: q.width,
        height: q.height,
        bitrate: q.bitrateKbps,
      })),
    )
    .execute();
}

/** SQL for the end of a job: completion, failure (retry or final) and release on shutdown. */
export function createJobOutcomeRepository(db: Kysely<Database>) {
  return {
    /**
     * Marks the job done and the video ready, replacing its quality rows, in one transaction; false (and
     * nothing changed) when the worker no longer holds a live lease or the video was deleted. The job row
     * is locked first, then the video row: the order of a delete's fence (VideoDeletionRepository).
     */
    async complete(input: {
      jobId: number;
      workerId: string;
      videoId: number;
      qualities: ProducedQuality[];
      duration?: number;
    }): Promise<boolean> {
      return db
        .transaction()
        .execute(async (trx) => {
          const job = await trx
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
            .where('worker_id', '=', input.workerId)
            .where('completed_at', 'is', null)
            .where('claim_expires_at', '>', sql<Date>`now()`)
            .executeTakeFirst();
          if (Number(job.numUpdatedRows) === 0) return false;
          const video = await trx
            .selectFrom('videos')
            .select('deleted_at')
            .where('id', '=', input.videoId)
            .forUpdate()
            .executeTakeFirst();
          if (!video || video.deleted_at) throw REFUSED; // rolls the job update back
          await replaceQualities(trx, input.videoId, input.qualities);
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
          await clearCurrentJob(trx, input.jobId);
          return true;
        })
        .catch((err: unknown) => {
          if (err === REFUSED) return false;
          throw err;
        });
    },

    /**
     * Retry: the job returns to the queue after `backoffSeconds` (kept in claim_expires_at while
     * unclaimed) with attempt_number + 1. Final: job completed with last_error, video failed. Nothing
     * changes when the worker no longer holds the job (a delete took it back meanwhile).
     */
    async fail(input: {
      jobId: number;
      workerId: string;
      videoId: number;
      error: string;
      retry: boolean;
      backoffSeconds: number;
    }) {
      await db.transaction().execute(async (trx) => {
        const job = await trx
          .updateTable('transcoding_jobs')
          .set(
            input.retry
              ? {
                  last_error: input.error,
                  worker_id: null,
                  claimed_at: null,
                  claim_expires_at: sql<Date>`now() + make_interval(secs => ${input.backoffSeconds})`,
                  current_step: 'pending',
                  attempt_number: sql<number>`attempt_number + 1`,
                }
              : {
                  last_error: input.error,
                  completed_at: sql<Date>`now()`,
                  claimed_at: null,
                  claim_expires_at: null,
                },
          )
          .where('id', '=', input.jobId)
          .where('worker_id', '=', input.workerId)
          .where('completed_at', 'is', null)
          .executeTakeFirst();
        if (Number(job.numUpdatedRows) === 0) return;
        await trx
          .updateTable('quality_progress')
          .set(input.retry ? { status: 'pending', progress_percent: 0 } : { status: 'failed' })
          .where('job_id', '=', input.jobId)
          .where(
            'status',
            input.retry ? 'not in' : 'in',
            input.retry ? ['completed', 'uploaded', 'skipped'] : ['pending', 'in_progress'],
          )
          .execute();
        await trx
          .updateTable('videos')
          .set(input.retry ? { status: 'pending' } : { status: 'failed', error_message: input.error })
          .where('id', '=', input.videoId)
          .execute();
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
