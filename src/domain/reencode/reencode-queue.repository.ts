import { sql, type Kysely, type Transaction } from 'kysely';
import type { ProducedQuality, TargetCodec, TargetFormat } from '../../contracts/reencode-job.js';
import type { Database, ReencodeQueueEntry } from '../../db/database.types.js';
import type { ReencodeStatus, ReencodeTarget } from './reencode-queue.types.js';

type Db = Kysely<Database> | Transaction<Database>;

/** high > normal > low, then oldest first. */
const PRIORITY_RANK = sql<number>`case priority when 'high' then 0 when 'normal' then 1 else 2 end`;

export interface ClaimedReencodeRow {
  job: ReencodeQueueEntry;
  video: { id: number; slug: string; status: string | null; deleted: boolean } | null;
}

/** The video's renditions after a re-encode: quality rows replaced, format and codec set. */
async function replaceQualities(
  trx: Db,
  input: {
    videoId: number;
    format: TargetFormat;
    codec: TargetCodec;
    qualities: ProducedQuality[];
    keepOriginal: boolean;
  },
): Promise<void> {
  await trx
    .deleteFrom('video_qualities')
    .where('video_id', '=', input.videoId)
    .$if(input.keepOriginal, (q) => q.where('quality', 'is distinct from', 'original'))
    .execute();
  if (input.qualities.length > 0)
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
  await trx
    .updateTable('videos')
    .set({ streaming_format: input.format, primary_codec: input.codec })
    .where('id', '=', input.videoId)
    .execute();
}

/** SQL for reencode_queue; completion also rewrites the video's renditions and format. */
export function createReencodeQueueRepository(db: Kysely<Database>) {
  return {
    /** The video's row, locked until `trx` ends: two requests queueing the same video take turns. */
    lockVideo: (trx: Db, videoId: number) =>
      trx
        .selectFrom('videos')
        .select(['id', 'status', 'deleted_at'])
        .where('id', '=', videoId)
        .forUpdate()
        .executeTakeFirst(),

    async findOpenJob(trx: Db, videoId: number): Promise<ReencodeQueueEntry | null> {
      return (
        (await trx
          .selectFrom('reencode_queue')
          .selectAll()
          .where('video_id', '=', videoId)
          .where('status', 'in', ['pending', 'in_progress'])
          .orderBy('id')
          .executeTakeFirst()) ?? null
      );
    },

    async insert(trx: Db, videoId: number, target: ReencodeTarget): Promise<ReencodeQueueEntry> {
      return trx
        .insertInto('reencode_queue')
        .values({
          video_id: videoId,
          priority: target.priority,
          target_format: target.format,
          target_codec: target.codec,
          status: 'pending',
          retry_count: 0,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /**
     * Queues up to `batchSize` ready, live videos that are not in the target format/codec yet and
     * have no open job, oldest first. Returns how many were queued.
     */
    async enqueueCandidates(target: ReencodeTarget, batchSize: number): Promise<number> {
      const rows = await db
        .insertInto('reencode_queue')
        .columns(['video_id', 'priority', 'target_format', 'target_codec', 'status', 'retry_count'])
        .expression((eb) =>
          eb
            .selectFrom('videos as v')
            .select([
              'v.id',
              sql<string>`${target.priority}::varchar`.as('priority'),
              sql<string>`${target.format}::varchar`.as('target_format'),
              sql<string>`${target.codec}::varchar`.as('target_codec'),
              sql<string>`'pending'::varchar`.as('status'),
              sql<number>`0`.as('retry_count'),
            ])
            .where('v.status', '=', 'ready')
            .where('v.deleted_at', 'is', null)
            .where(
              sql<boolean>`(v.streaming_format is distinct from ${target.format} or v.primary_codec is distinct from ${target.codec})`,
            )
            .where(({ not, exists, selectFrom }) =>
              not(
                exists(
                  selectFrom('reencode_queue as q')
                    .select('q.id')
                    .whereRef('q.video_id', '=', 'v.id')
                    .where('q.status', 'in', ['pending', 'in_progress']),
                ),
              ),
            )
            .orderBy('v.created_at')
            .orderBy('v.id')
            .limit(batchSize),
        )
        .returning('id')
        .execute();
      return rows.length;
    },

    async counts(): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom('reencode_queue')
        .select(['status', sql<number>`count(*)::int`.as('n')])
        .groupBy('status')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.status ?? 'unknown', Number(r.n)]));
    },

    /** Ready, live videos still in the legacy HLS/TS layout. */
    async legacyRemaining(): Promise<number> {
      const row = await db
        .selectFrom('videos')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('status', '=', 'ready')
        .where('deleted_at', 'is', null)
        .where((eb) => eb.or([eb('streaming_format', '=', 'hls_ts'), eb('streaming_format', 'is', null)]))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async list(q: { status?: ReencodeStatus; limit: number; offset: number }) {
      let base = db.selectFrom('reencode_queue as q');
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
      return { rows, total: Number(total?.n ?? 0) };
    },

    async findById(trx: Db, jobId: number): Promise<ReencodeQueueEntry | null> {
      return (
        (await trx.selectFrom('reencode_queue').selectAll().where('id', '=', jobId).executeTakeFirst()) ??
        null
      );
    },

    /** A job with its video's slug, for the ownership checks of the worker API. */
    async findWithSlug(jobId: number) {
      return db
        .selectFrom('reencode_queue as q')
        .leftJoin('videos as v', 'v.id', 'q.video_id')
        .select([
          'q.id',
          'q.status',
          'q.processed_by_worker_id',
          'q.video_id',
          'q.target_format',
          'q.target_codec',
          'q.retry_count',
          'v.slug',
        ])
        .where('q.id', '=', jobId)
        .executeTakeFirst();
    },

    async cancel(trx: Db, jobId: number): Promise<void> {
      await trx
        .updateTable('reencode_queue')
        .set({ status: 'cancelled', completed_at: sql<Date>`now()` })
        .where('id', '=', jobId)
        .where('status', '=', 'pending')
        .execute();
    },

    /**
     * Jobs left `in_progress` by a worker that died: the crash counts as an attempt; back to
     * pending, or failed once the attempts are used up.
     */
    async recoverStale(olderThanSeconds: number, maxAttempts: number): Promise<number> {
      const stale = sql<boolean>`started_at < now() - make_interval(secs => ${olderThanSeconds})`;
      return db.transaction().execute(async (trx) => {
        const failed = await trx
          .updateTable('reencode_queue')
          .set({
            status: 'failed',
            completed_at: sql<Date>`now()`,
            retry_count: sql<number>`coalesce(retry_count, 0) + 1`,
            error_message: `The worker stopped responding (${maxAttempts} attempts)`,
          })
          .where('status', '=', 'in_progress')
          .where(stale)
          .where(sql<boolean>`coalesce(retry_count, 0) + 1 >= ${maxAttempts}`)
          .executeTakeFirst();
        const retried = await trx
          .updateTable('reencode_queue')
          .set({
            status: 'pending',
            started_at: null,
            retry_count: sql<number>`coalesce(retry_count, 0) + 1`,
            error_message: 'The worker stopped responding; retrying',
          })
          .where('status', '=', 'in_progress')
          .where(stale)
          .executeTakeFirst();
        return Number(failed.numUpdatedRows) + Number(retried.numUpdatedRows);
      });
    },

    /**
     * Next pending job (priority, then age), locked FOR UPDATE SKIP LOCKED and marked in_progress;
     * `workerPk` is the claiming registered worker's row id (null: a claim made directly, as the queue tests do).
     */
    async claimNext(workerPk: number | null = null): Promise<ClaimedReencodeRow | null> {
      return db.transaction().execute(async (trx) => {
        const next = await trx
          .selectFrom('reencode_queue')
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
          .updateTable('reencode_queue')
          // Only this worker may report on the job over the worker API.
          .set({ status: 'in_progress', started_at: sql<Date>`now()`, processed_by_worker_id: workerPk })
          .where('id', '=', next.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        const video =
          job.video_id === null
            ? undefined
            : await trx
                .selectFrom('videos')
                .select(['id', 'slug', 'status', 'deleted_at'])
                .where('id', '=', job.video_id)
                .executeTakeFirst();
        return {
          job,
          video: video
            ? { id: video.id, slug: video.slug, status: video.status, deleted: video.deleted_at !== null }
            : null,
        };
      });
    },

    /**
     * In one transaction: job completed, `publish` run (the new directory swapped in), the video's quality
     * rows replaced (an `original` row is kept when its files were carried over) and its
     * streaming_format/primary_codec set. False (nothing changed, nothing published) when the job is no
     * longer in progress or the video was deleted. The job row is locked before the video row (the order of
     * a delete's fence), and the video row stays locked while `publish` runs: a delete waits for it.
     */
    async complete(
      input: {
        jobId: number;
        videoId: number;
        format: TargetFormat;
        codec: TargetCodec;
        qualities: ProducedQuality[];
        keepOriginal: boolean;
      },
      publish: () => Promise<void> = async () => undefined,
    ): Promise<boolean> {
      const refused = Symbol('refused');
      return db
        .transaction()
        .execute(async (trx) => {
          const r = await trx
            .updateTable('reencode_queue')
            .set({ status: 'completed', completed_at: sql<Date>`now()`, error_message: null })
            .where('id', '=', input.jobId)
            .where('status', '=', 'in_progress')
            .executeTakeFirst();
          if (Number(r.numUpdatedRows) === 0) return false;
          const video = await trx
            .selectFrom('videos')
            .select(['id', 'deleted_at'])
            .where('id', '=', input.videoId)
            .forUpdate()
            .executeTakeFirst();
          if (!video || video.deleted_at) throw refused; // rolls the job update back
          await publish();
          await replaceQualities(trx, input);
          return true;
        })
        .catch((err: unknown) => {
          if (err === refused) return false;
          throw err;
        });
    },

    /** Back to pending with retry_count + 1, or failed for good. */
    async fail(input: { jobId: number; error: string; retry: boolean }): Promise<void> {
      await db
        .updateTable('reencode_queue')
        .set(
          input.retry
            ? {
                status: 'pending',
                started_at: null,
                error_message: input.error,
                retry_count: sql<number>`coalesce(retry_count, 0) + 1`,
              }
            : {
                status: 'failed',
                completed_at: sql<Date>`now()`,
                error_message: input.error,
                retry_count: sql<number>`coalesce(retry_count, 0) + 1`,
              },
        )
        .where('id', '=', input.jobId)
        .where('status', '=', 'in_progress')
        .execute();
    },

    /** Gives a job back untouched (worker shutdown): no attempt counted. */
    async release(jobId: number): Promise<void> {
      await db
        .updateTable('reencode_queue')
        .set({ status: 'pending', started_at: null })
        .where('id', '=', jobId)
        .where('status', '=', 'in_progress')
        .execute();
    },
  };
}

export type ReencodeQueueRepository = ReturnType<typeof createReencodeQueueRepository>;
