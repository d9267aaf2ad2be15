import { sql, type Kysely, type Transaction, type UpdateObject } from 'kysely';
import type { SpriteResult } from '../../contracts/sprite-job.js';
import type { Database, SpriteQueueEntry } from '../../db/database.types.js';
import type { QueuePriority, SpriteJobStatus } from './sprite-queue.types.js';

type Db = Kysely<Database> | Transaction<Database>;

/** high > normal > low, then oldest first (the ORDER BY of every claim). */
const PRIORITY_RANK = sql<number>`case priority when 'high' then 0 when 'normal' then 1 else 2 end`;

export interface ClaimedSpriteRow {
  job: SpriteQueueEntry;
  video: {
    id: number;
    slug: string;
    status: string | null;
    deleted: boolean;
    duration: number;
  } | null;
}

export interface SpriteJobListRow extends SpriteQueueEntry {
  video_slug: string | null;
  video_title: string | null;
}

/** SQL for sprite_queue and the videos.sprite_sheet_* columns it drives. */
export function createSpriteQueueRepository(db: Kysely<Database>) {
  const setVideo = (trx: Db, videoId: number, values: UpdateObject<Database, 'videos'>) =>
    trx.updateTable('videos').set(values).where('id', '=', videoId).execute();

  /** The oldest job of the video in one of `statuses`, if any. */
  async function hasOpenJob(trx: Db, videoId: number, statuses: SpriteJobStatus[]) {
    const job = await trx
      .selectFrom('sprite_queue')
      .selectAll()
      .where('video_id', '=', videoId)
      .where('status', 'in', statuses)
      .orderBy('id')
      .executeTakeFirst();
    return job ?? null;
  }

  return {
    hasOpenJob,

    /** The video's row, locked until `trx` ends: two requests queueing the same video take turns. */
    lockVideo: (trx: Db, videoId: number) =>
      trx
        .selectFrom('videos')
        .select(['id', 'status', 'deleted_at'])
        .where('id', '=', videoId)
        .forUpdate()
        .executeTakeFirst(),

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
              .where(({ not, exists, selectFrom }) =>
                not(
                  exists(
                    selectFrom('sprite_queue as q')
                      .select('q.id')
                      .whereRef('q.video_id', '=', 'v.id')
                      .where('q.status', '=', 'pending'),
                  ),
                ),
              )
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

    async counts(): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom('sprite_queue')
        .select(['status', sql<number>`count(*)::int`.as('n')])
        .groupBy('status')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.status ?? 'unknown', Number(r.n)]));
    },

    /** Newest first, with the video's slug and title. */
    async list(q: { status?: SpriteJobStatus; limit: number; offset: number }) {
      let base = db.selectFrom('sprite_queue as q');
      if (q.status) base = base.where('q.status', '=', q.status);
      const rows = await base
        .leftJoin('videos as v', 'v.id', 'q.video_id')
        .selectAll('q')
        .select(['v.slug as video_slug', 'v.title as video_title'])
        .orderBy('q.created_at', 'desc')
        .orderBy('q.id', 'desc')
        .limit(q.limit)
        .offset(q.offset)
        .execute();
      const total = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirst();
      return { rows: rows as SpriteJobListRow[], total: Number(total?.n ?? 0) };
    },

    async findById(trx: Db, jobId: number): Promise<SpriteQueueEntry | null> {
      return (
        (await trx.selectFrom('sprite_queue').selectAll().where('id', '=', jobId).executeTakeFirst()) ?? null
      );
    },

    /** Cancels a pending job. The video keeps 'ready' if it still has sheets from an earlier run. */
    async cancel(trx: Db, job: SpriteQueueEntry): Promise<void> {
      await trx
        .updateTable('sprite_queue')
        .set({ status: 'cancelled', completed_at: sql<Date>`now()` })
        .where('id', '=', job.id)
        .execute();
      if (job.video_id === null) return;
      // Only when no other job still wants sprites for this video.
      const other = await hasOpenJob(trx, job.video_id, ['pending', 'processing']);
      if (other) return;
      await setVideo(trx, job.video_id, {
        sprite_sheet_status: sql`case when coalesce(sprite_sheet_count, 0) > 0 then 'ready' end`,
        sprite_sheet_error: null,
      });
    },

    /**
     * Jobs left in `processing` by a worker that died go back to pending (their videos too).
     * Returns how many were recovered.
     */
    async recoverStale(olderThanSeconds: number): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const rows = await trx
          .updateTable('sprite_queue')
          .set({ status: 'pending', started_at: null })
          .where('status', '=', 'processing')
          .where('started_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`)
          .returning('video_id')
          .execute();
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
     * Claims the next pending job (priority, then age) with FOR UPDATE SKIP LOCKED, so concurrent
     * claimers never get the same row; marks it processing and returns it with its video.
     */
    async claimNext(workerPk: number | null = null): Promise<ClaimedSpriteRow | null> {
      return db.transaction().execute(async (trx) => {
        const next = await trx
          .selectFrom('sprite_queue')
          .select('id')
          .where('status', '=', 'pending')
          .orderBy(PRIORITY_RANK)
          .orderBy('created_at')
          .orderBy('id')
          .limit(1)
          .forUpdate()
          .skipLocked()
          .executeTakeFirst();
        if (!next) return null;
        const job = await trx
          .updateTable('sprite_queue')
          .set({
            status: 'processing',
            started_at: sql<Date>`now()`,
            error_message: null,
            // A registered (remote) worker's row id: only it may report on the job. Null for the local worker.
            processed_by_worker_id: workerPk,
          })
          .where('id', '=', next.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        const video =
          job.video_id === null
            ? undefined
            : await trx
                .selectFrom('videos')
                .select(['id', 'slug', 'status', 'deleted_at', 'duration'])
                .where('id', '=', job.video_id)
                .executeTakeFirst();
        if (video) await setVideo(trx, video.id, { sprite_sheet_status: 'generating' });
        return {
          job,
          video: video
            ? {
                id: video.id,
                slug: video.slug,
                status: video.status,
                deleted: video.deleted_at !== null,
                duration: video.duration ?? 0,
              }
            : null,
        };
      });
    },

    /** A job with its video's slug, for the ownership checks of the worker API. */
    async findWithSlug(jobId: number) {
      return db
        .selectFrom('sprite_queue as q')
        .leftJoin('videos as v', 'v.id', 'q.video_id')
        .select(['q.id', 'q.status', 'q.processed_by_worker_id', 'q.video_id', 'v.slug', 'v.duration'])
        .where('q.id', '=', jobId)
        .executeTakeFirst();
    },

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
        const r = await trx
          .updateTable('sprite_queue')
          .set({ status: 'completed', completed_at: sql<Date>`now()`, error_message: null })
          .where('id', '=', jobId)
          .where('status', '=', 'processing')
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) return false;
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

    async fail(jobId: number, videoId: number | null, error: string): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('sprite_queue')
          .set({ status: 'failed', completed_at: sql<Date>`now()`, error_message: error })
          .where('id', '=', jobId)
          .where('status', '=', 'processing')
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) return false;
        if (videoId !== null)
          await setVideo(trx, videoId, { sprite_sheet_status: 'failed', sprite_sheet_error: error });
        return true;
      });
    },

    /** Gives a job back untouched (worker shutdown). */
    async release(jobId: number, videoId: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('sprite_queue')
          .set({ status: 'pending', started_at: null })
          .where('id', '=', jobId)
          .where('status', '=', 'processing')
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) > 0) await setVideo(trx, videoId, { sprite_sheet_status: 'pending' });
      });
    },
  };
}

export type SpriteQueueRepository = ReturnType<typeof createSpriteQueueRepository>;
