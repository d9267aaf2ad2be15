import { sql, type Kysely, type Transaction, type UpdateObject } from 'kysely';
import type { SpriteResult } from '../../contracts/sprite-job.js';
import type { Database, SpriteQueueEntry } from '../../db/database.types.js';
import { createJobQueue, lockVideo, type ClaimedRow, type StaleRule } from '../queue/job-queue.repository.js';
import { SPRITE_QUEUE } from '../queue/queue-descriptor.js';
import type { QueuePriority, SpriteJobStatus } from './sprite-queue.types.js';

type Db = Kysely<Database> | Transaction<Database>;

export type ClaimedSpriteRow = ClaimedRow<SpriteQueueEntry>;

export interface SpriteJobListRow extends SpriteQueueEntry {
  video_slug: string | null;
  video_title: string | null;
}

/**
 * sprite_queue on the one job queue (src/domain/queue), plus what is the sprite kind's own: the
 * videos.sprite_sheet_* columns each step moves, in the same transaction as the job's change.
 */
export function createSpriteQueueRepository(db: Kysely<Database>) {
  const queue = createJobQueue<SpriteQueueEntry>(db, SPRITE_QUEUE);
  const setVideo = (trx: Db, videoId: number, values: UpdateObject<Database, 'videos'>) =>
    trx.updateTable('videos').set(values).where('id', '=', videoId).execute();

  return {
    /** The oldest job of the video in one of `statuses`, if any. */
    hasOpenJob: (trx: Db, videoId: number, statuses: SpriteJobStatus[]) =>
      queue.openJobOf(trx, videoId, statuses),

    lockVideo,

    /** The video's sprite_sheet_* columns; undefined when there is no such video. */
    videoSprites: (videoId: number) =>
      db
        .selectFrom('videos')
        .select([
          'id',
          'sprite_sheet_status',
          'sprite_sheet_error',
          'sprite_sheet_count',
          'sprite_sheet_interval',
          'sprite_sheet_tile_size',
          'sprite_sheet_frame_width',
          'sprite_sheet_frame_height',
        ])
        .where('id', '=', videoId)
        .executeTakeFirst(),

    /** Inserts a pending job and marks the video's sprites pending (error cleared). */
    async enqueue(trx: Db, videoId: number, priority: QueuePriority): Promise<SpriteQueueEntry> {
      const job = await trx
        .insertInto('sprite_queue')
        .values({ video_id: videoId, priority, status: 'pending' })
        .returningAll()
        .executeTakeFirstOrThrow();
      await setVideo(trx, videoId, { sprite_sheet_status: 'pending', sprite_sheet_error: null });
      return job;
    },

    /** One statement: every ready, live video without sprites (or with failed ones) and no pending job. */
    async enqueueAllMissing(priority: QueuePriority): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const rows = await trx
          .insertInto('sprite_queue')
          .columns(['video_id', 'priority', 'status'])
          .expression((eb) =>
            eb
              .selectFrom('videos as v')
              .select([
                'v.id',
                sql<string>`${priority}::varchar`.as('priority'),
                sql<string>`'pending'::varchar`.as('status'),
              ])
              .where('v.status', '=', 'ready')
              .where('v.deleted_at', 'is', null)
              .where((w) =>
                w.or([w('v.sprite_sheet_status', 'is', null), w('v.sprite_sheet_status', '=', 'failed')]),
              )
              .where(queue.noOpenJob(['pending']))
              .orderBy('v.id'),
          )
          .returning('video_id')
          .execute();
        const ids = rows.map((r) => r.video_id).filter((id): id is number => id !== null);
        if (ids.length > 0)
          await trx
            .updateTable('videos')
            .set({ sprite_sheet_status: 'pending', sprite_sheet_error: null })
            .where('id', 'in', ids)
            .execute();
        return ids.length;
      });
    },

    counts: () => queue.counts(),

    /** Newest first, with the video's slug and title. */
    list: (q: { status?: SpriteJobStatus; limit: number; offset: number }) => queue.list(q),

    findById: (trx: Db, jobId: number) => queue.findById(trx, jobId),

    /** Cancels a pending job. The video keeps 'ready' if it still has sheets from an earlier run. */
    async cancel(trx: Db, job: SpriteQueueEntry): Promise<void> {
      await queue.cancel(trx, job.id);
      if (job.video_id === null) return;
      // Only when no other job still wants sprites for this video.
      if (await queue.openJobOf(trx, job.video_id)) return;
      await setVideo(trx, job.video_id, {
        sprite_sheet_status: sql`case when coalesce(sprite_sheet_count, 0) > 0 then 'ready' end`,
        sprite_sheet_error: null,
      });
    },

    /**
     * Jobs left in `processing` by a worker that died go back to pending (their videos too); see
     * StaleRule. Returns how many were recovered.
     */
    async recoverStale(rule: StaleRule): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const rows = await queue.recoverStale(trx, rule);
        const ids = rows.map((r) => r.video_id).filter((id): id is number => id !== null);
        if (ids.length > 0)
          await trx
            .updateTable('videos')
            .set({ sprite_sheet_status: 'pending' })
            .where('id', 'in', ids)
            .execute();
        return rows.length;
      });
    },

    /**
     * Claims the next pending job (see JobQueue.claimNext) with its video, whose sprites turn 'generating'.
     * `workerPk`: a registered (remote) worker's row id, the only one that may report on the job.
     */
    claimNext: (workerPk: number | null = null): Promise<ClaimedSpriteRow | null> =>
      queue.claimWithVideo({ workerPk }, async (trx, { video }) => {
        if (video) await setVideo(trx, video.id, { sprite_sheet_status: 'generating' });
      }),

    /** A job with its video's slug, for the ownership checks of the worker API. */
    findWithSlug: (jobId: number) => queue.findWithVideo(jobId),

    /**
     * Runs `publish` (the sheets swapped into videos/{slug}/) only while the job is processing for
     * `workerPk` and its video is not deleted, with the video row held FOR SHARE until it is done: a
     * delete (FOR UPDATE) waits for it, and a publish after a delete sees the job cancelled. False when
     * refused (nothing run).
     */
    async withProcessingJob(jobId: number, workerPk: number, publish: () => Promise<void>): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('sprite_queue as q')
          .innerJoin('videos as v', 'v.id', 'q.video_id')
          .select(['q.status', 'q.processed_by_worker_id', 'v.deleted_at'])
          .where('q.id', '=', jobId)
          .forShare('v')
          .executeTakeFirst();
        const live =
          row?.status === 'processing' && row.processed_by_worker_id === workerPk && !row.deleted_at;
        if (live) await publish();
        return live;
      });
    },

    /** Job completed and the video's sprite columns set, together. False when the job was not processing. */
    async complete(jobId: number, videoId: number, result: SpriteResult): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        if (!(await queue.complete(trx, jobId))) return false;
        await setVideo(trx, videoId, {
          sprite_sheet_status: 'ready',
          sprite_sheet_error: null,
          sprite_sheet_count: result.count,
          sprite_sheet_interval: result.interval,
          sprite_sheet_tile_size: result.tileSize,
          sprite_sheet_frame_width: result.frameWidth,
          sprite_sheet_frame_height: result.frameHeight,
        });
        return true;
      });
    },

    /** Failed for good (sprites have no attempts column: an admin queues them again). */
    async fail(jobId: number, videoId: number | null, error: string): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        if (!(await queue.fail(trx, jobId, { error, retry: false }))) return false;
        if (videoId !== null)
          await setVideo(trx, videoId, { sprite_sheet_status: 'failed', sprite_sheet_error: error });
        return true;
      });
    },

    /** Gives a job back untouched (worker shutdown). */
    async release(jobId: number, videoId: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        if (await queue.release(trx, jobId)) await setVideo(trx, videoId, { sprite_sheet_status: 'pending' });
      });
    },
  };
}

export type SpriteQueueRepository = ReturnType<typeof createSpriteQueueRepository>;
