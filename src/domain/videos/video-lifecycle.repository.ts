import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, VideoUpdate } from '../../db/database.types.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A job back at the start of the queue: unclaimed, unfinished, first attempt (pipeline.md §3). */
const FRESH_JOB = {
  worker_id: null,
  current_step: 'pending',
  progress_percent: 0,
  started_at: null,
  last_checkpoint: null,
  completed_at: null,
  claimed_at: null,
  claim_expires_at: null,
  attempt_number: 1,
  last_error: null,
} as const;

/** SQL of the video lifecycle: retry, re-upload, retranscode, publishing, edits, thumbnails. */
export function createVideoLifecycleRepository(db: Kysely<Database>) {
  return {
    transaction: <T>(fn: (trx: Transaction<Database>) => Promise<T>) => db.transaction().execute(fn),

    /** Locks the video row for the rest of `trx` and returns its state. */
    async lockVideo(trx: Transaction<Database>, id: number) {
      return (
        (await trx
          .selectFrom('videos')
          .select(['id', 'slug', 'status', 'deleted_at'])
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst()) ?? null
      );
    },

    /**
     * Retry (api-admin.md §5.1, §19 item 7): the video goes back to pending and its job is reset
     * in place (or created when missing), so a worker claims it again.
     */
    async resetForRetry(trx: Db, videoId: number, maxAttempts: number): Promise<void> {
      await trx
        .updateTable('videos')
        .set({ status: 'pending', error_message: null })
        .where('id', '=', videoId)
        .execute();
      const job = await trx
        .updateTable('transcoding_jobs')
        .set({ ...FRESH_JOB, retranscode_metadata: null })
        .where('video_id', '=', videoId)
        .returning('id')
        .executeTakeFirst();
      if (job) {
        await trx.deleteFrom('quality_progress').where('job_id', '=', job.id).execute();
      } else {
        await trx
          .insertInto('transcoding_jobs')
          .values({ video_id: videoId, ...FRESH_JOB, max_attempts: maxAttempts })
          .execute();
      }
    },

    /** Deletes the video's job (quality_progress cascades) and queues a fresh one. */
    async replaceJob(
      trx: Db,
      input: { videoId: number; maxAttempts: number; retranscodeMetadata: string | null },
    ): Promise<number> {
      await trx.deleteFrom('transcoding_jobs').where('video_id', '=', input.videoId).execute();
      const row = await trx
        .insertInto('transcoding_jobs')
        .values({
          video_id: input.videoId,
          ...FRESH_JOB,
          max_attempts: input.maxAttempts,
          retranscode_metadata: input.retranscodeMetadata,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** Re-upload: forget every output of the old source; title, slug, dates etc. are kept. */
    async resetForReupload(
      trx: Db,
      videoId: number,
      source: { duration: number; width: number; height: number },
    ): Promise<void> {
      await trx.deleteFrom('transcriptions').where('video_id', '=', videoId).execute();
      await trx.deleteFrom('video_qualities').where('video_id', '=', videoId).execute();
      await trx
        .updateTable('videos')
        .set({
          status: 'pending',
          error_message: null,
          duration: source.duration,
          source_width: source.width,
          source_height: source.height,
          thumbnail_source: 'auto',
          thumbnail_timestamp: null,
        })
        .where('id', '=', videoId)
        .execute();
    },

    async setStatus(trx: Db, videoId: number, status: 'pending'): Promise<void> {
      await trx
        .updateTable('videos')
        .set({ status, error_message: null })
        .where('id', '=', videoId)
        .execute();
    },

    async setPublished(videoId: number, published: boolean): Promise<void> {
      await db
        .updateTable('videos')
        .set({ published_at: published ? sql<Date>`coalesce(published_at, now())` : null })
        .where('id', '=', videoId)
        .execute();
    },

    async update(videoId: number, values: VideoUpdate): Promise<void> {
      if (Object.keys(values).length === 0) return;
      await db.updateTable('videos').set(values).where('id', '=', videoId).execute();
    },

    async setThumbnail(videoId: number, source: string, timestamp: number | null): Promise<void> {
      await db
        .updateTable('videos')
        .set({ thumbnail_source: source, thumbnail_timestamp: timestamp })
        .where('id', '=', videoId)
        .execute();
    },
  };
}

export type VideoLifecycleRepository = ReturnType<typeof createVideoLifecycleRepository>;
