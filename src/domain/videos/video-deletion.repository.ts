import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database.types.js';

type Trx = Transaction<Database>;

/** What archive, restore and permanent delete decide on, read under the video's lock. */
export interface LockedVideo {
  id: number;
  slug: string;
  status: string | null;
  deleted_at: Date | null;
}

/** The error text a cancelled job keeps (admin job lists show it). */
const DELETED = 'Cancelled: the video was deleted';

/**
 * SQL of deleting and restoring a video together with its jobs (api-admin.md §5.3). Every method runs in
 * the transaction of `withVideoLocked`, which locks the video's job rows first and then the video row:
 * the order claims, completions and failures use (job, then video), so the two never deadlock, and a
 * worker's publish (which holds the video row FOR SHARE, see TranscodingJobRepository.withLease) either
 * lands before the fence or sees it.
 */
export function createVideoDeletionRepository(db: Kysely<Database>) {
  async function lockJobs(trx: Trx, videoId: number): Promise<void> {
    for (const table of ['transcoding_jobs', 'sprite_queue', 'reencode_queue'] as const) {
      await trx.selectFrom(table).select('id').where('video_id', '=', videoId).forUpdate().execute();
    }
  }

  return {
    /** Runs `fn` with the video's jobs and row locked (FOR UPDATE); null when there is no such video. */
    async withVideoLocked<T>(
      videoId: number,
      fn: (trx: Trx, video: LockedVideo) => Promise<T>,
    ): Promise<{ result: T } | null> {
      return db.transaction().execute(async (trx) => {
        await lockJobs(trx, videoId);
        const video = await trx
          .selectFrom('videos')
          .select(['id', 'slug', 'status', 'deleted_at'])
          .where('id', '=', videoId)
          .forUpdate()
          .executeTakeFirst();
        return video ? { result: await fn(trx, video) } : null;
      });
    },

    setDeletedAt: async (trx: Trx, videoId: number, at: Date | null): Promise<void> => {
      await trx.updateTable('videos').set({ deleted_at: at }).where('id', '=', videoId).execute();
    },

    /**
     * The fence of a delete: the transcoding claim is taken back (the worker's next call, upload or
     * completion is refused; the job itself stays queued for a restore), a processing video goes back to
     * pending, and open sprite and re-encode jobs are cancelled.
     */
    async fenceJobs(trx: Trx, videoId: number): Promise<void> {
      const released = await trx
        .updateTable('transcoding_jobs')
        .set({ worker_id: null, claimed_at: null, claim_expires_at: null, current_step: 'pending' })
        .where('video_id', '=', videoId)
        .where('completed_at', 'is', null)
        .returning('id')
        .execute();
      if (released.length > 0)
        await trx
          .updateTable('workers')
          .set({ current_job_id: null })
          .where(
            'current_job_id',
            'in',
            released.map((r) => r.id),
          )
          .execute();
      await trx
        .updateTable('videos')
        .set({ status: 'pending' })
        .where('id', '=', videoId)
        .where('status', '=', 'processing')
        .execute();
      const cancel = { status: 'cancelled', completed_at: sql<Date>`now()`, error_message: DELETED };
      const sprites = await trx
        .updateTable('sprite_queue')
        .set(cancel)
        .where('video_id', '=', videoId)
        .where('status', 'in', ['pending', 'processing'])
        .executeTakeFirst();
      if (Number(sprites.numUpdatedRows) > 0)
        await trx
          .updateTable('videos')
          .set({
            sprite_sheet_status: sql`case when coalesce(sprite_sheet_count, 0) > 0 then 'ready' end`,
          })
          .where('id', '=', videoId)
          .execute();
      await trx
        .updateTable('reencode_queue')
        .set(cancel)
        .where('video_id', '=', videoId)
        .where('status', 'in', ['pending', 'in_progress'])
        .execute();
    },

    /** Rows go (child tables cascade); their locks were taken by withVideoLocked. */
    async deleteVideo(trx: Trx, videoId: number): Promise<void> {
      await trx.deleteFrom('videos').where('id', '=', videoId).execute();
    },
  };
}

export type VideoDeletionRepository = ReturnType<typeof createVideoDeletionRepository>;
