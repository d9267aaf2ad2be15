import { sql, type Kysely, type Transaction } from 'kysely';
import type { ProducedQuality, TargetCodec, TargetFormat } from '../../contracts/reencode-job.js';
import type { Database, ReencodeQueueEntry } from '../../db/database.types.js';
import { createJobQueue, lockVideo, type ClaimedRow, type StaleRule } from '../queue/job-queue.repository.js';
import { REENCODE_QUEUE } from '../queue/queue-descriptor.js';
import type { ReencodeStatus, ReencodeTarget } from './reencode-queue.types.js';

type Db = Kysely<Database> | Transaction<Database>;

export type ClaimedReencodeRow = ClaimedRow<ReencodeQueueEntry>;

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

/**
 * reencode_queue on the one job queue (src/domain/queue), plus the kind's own SQL: queueing candidates,
 * and a completion that rewrites the video's renditions and format in the same transaction.
 */
export function createReencodeQueueRepository(db: Kysely<Database>) {
  const queue = createJobQueue<ReencodeQueueEntry>(db, REENCODE_QUEUE);
  return {
    lockVideo,

    /** The video's oldest job waiting or running, if any. */
    findOpenJob: (trx: Db, videoId: number) => queue.openJobOf(trx, videoId),

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
            .where(queue.noOpenJob())
            .orderBy('v.created_at')
            .orderBy('v.id')
            .limit(batchSize),
        )
        .returning('id')
        .execute();
      return rows.length;
    },

    counts: () => queue.counts(),

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

    list: (q: { status?: ReencodeStatus; limit: number; offset: number }) => queue.list(q),

    findById: (trx: Db, jobId: number) => queue.findById(trx, jobId),

    /** A job with its video's slug, for the ownership checks of the worker API. */
    findWithSlug: (jobId: number) => queue.findWithVideo(jobId),

    cancel: (trx: Db, jobId: number) => queue.cancel(trx, jobId),

    /**
     * Jobs left `in_progress` by a worker that died (see StaleRule): the crash counts as an attempt;
     * back to pending, or failed once the attempts are used up.
     */
    async recoverStale(rule: StaleRule): Promise<number> {
      return (await db.transaction().execute((trx) => queue.recoverStale(trx, rule))).length;
    },

    /**
     * Next pending job (priority, then age), locked FOR UPDATE SKIP LOCKED and marked in_progress, with its
     * video. `workerPk`: the claiming registered worker's row id, the only one that may report on the job
     * (null: a claim made directly, as the queue tests do).
     */
    claimNext: (workerPk: number | null = null): Promise<ClaimedReencodeRow | null> =>
      queue.claimWithVideo({ workerPk }),

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
          if (!(await queue.complete(trx, input.jobId))) return false;
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
      await queue.fail(db, input.jobId, { error: input.error, retry: input.retry });
    },

    /** Gives a job back untouched (worker shutdown): no attempt counted. */
    async release(jobId: number): Promise<void> {
      await queue.release(db, jobId);
    },
  };
}

export type ReencodeQueueRepository = ReturnType<typeof createReencodeQueueRepository>;
