import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, Transcription } from '../../db/database.types.js';
import { createJobQueue, lockVideo, type ClaimedRow, type StaleRule } from '../queue/job-queue.repository.js';
import { TRANSCRIPTION_QUEUE } from '../queue/queue-descriptor.js';

type Db = Kysely<Database> | Transaction<Database>;

export type ClaimedTranscriptionRow = ClaimedRow<Transcription>;

/** What a completed transcription records (pipeline.md §14 "Row update"). */
export interface TranscriptionRecord {
  text: string;
  language: string;
  wordCount: number;
  durationSeconds: number;
  vttPath: string;
}

/**
 * Everything a previous run left on the row: cleared when it is queued again, and when uploaded captions
 * complete it (domain/transcripts).
 */
export const CLEARED_RUN = {
  started_at: null,
  completed_at: null,
  duration_seconds: null,
  transcript_text: null,
  vtt_path: null,
  word_count: null,
  error_message: null,
  processed_by_worker_id: null,
  retry_count: 0,
  progress_percent: null,
} as const;

const FRESH = { status: 'pending', ...CLEARED_RUN } as const;

/**
 * transcriptions on the one job queue (src/domain/queue): one row per video (UNIQUE video_id) that is
 * both the queue entry and the result. Claims take pending rows of ready, live videos, the most recently
 * published first (pipeline.md §14).
 */
export function createTranscriptionQueueRepository(db: Kysely<Database>) {
  const queue = createJobQueue<Transcription>(db, TRANSCRIPTION_QUEUE);
  const runnable = sql<boolean>`video_id in (select id from videos where status = 'ready' and deleted_at is null)`;
  const newestPublished = sql`(select v.published_at from videos v where v.id = video_id) desc nulls last`;

  return {
    lockVideo,

    /** The video's row, if any. */
    findByVideo: (trx: Db, videoId: number) =>
      trx.selectFrom('transcriptions').selectAll().where('video_id', '=', videoId).executeTakeFirst(),

    /** A new pending row, or nothing when the video has one already (any status). True when inserted. */
    async insertIfNone(trx: Db, videoId: number, language: string | null): Promise<boolean> {
      const r = await trx
        .insertInto('transcriptions')
        .values({ ...FRESH, video_id: videoId, language })
        .onConflict((oc) => oc.column('video_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      return r !== undefined;
    },

    /** The video's row back to pending with everything of the previous run cleared (or a new one). */
    async resetToPending(trx: Db, videoId: number, language: string | null): Promise<Transcription> {
      return trx
        .insertInto('transcriptions')
        .values({ ...FRESH, video_id: videoId, language })
        .onConflict((oc) => oc.column('video_id').doUpdateSet({ ...FRESH, language }))
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    counts: () => queue.counts(),

    /** The next pending row of a ready, live video (newest published first), marked processing. */
    claimNext: (workerPk: number | null): Promise<ClaimedTranscriptionRow | null> =>
      queue.claimWithVideo({ workerPk, where: runnable, orderBy: newestPublished }, async (trx, { job }) => {
        await trx
          .updateTable('transcriptions')
          .set({ progress_percent: 0 })
          .where('id', '=', job.id)
          .execute();
      }),

    /** A job with its video's slug (the worker API's ownership checks). */
    findWithSlug: (jobId: number) => queue.findWithVideo(jobId),

    /** The worker's progress (0–100) on a job it still runs; false when it no longer does. */
    async progress(jobId: number, workerPk: number, percent: number): Promise<boolean> {
      const r = await db
        .updateTable('transcriptions')
        .set({ progress_percent: percent })
        .where('id', '=', jobId)
        .where('status', '=', 'processing')
        .where('processed_by_worker_id', '=', workerPk)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /**
     * Runs `publish` (captions.vtt moved into videos/{slug}/), then records the result, in one transaction
     * holding the video FOR SHARE: only while the job is processing for `workerPk` and the video is not
     * deleted (a delete waits for it). False when refused (nothing run).
     */
    async complete(
      job: { jobId: number; videoId: number; workerPk: number },
      record: TranscriptionRecord,
      publish: () => Promise<void>,
    ): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('transcriptions as t')
          .innerJoin('videos as v', 'v.id', 't.video_id')
          .select(['t.status', 't.processed_by_worker_id', 'v.deleted_at'])
          .where('t.id', '=', job.jobId)
          .forShare('v')
          .executeTakeFirst();
        if (row?.status !== 'processing' || row.processed_by_worker_id !== job.workerPk || row.deleted_at)
          return false;
        await publish();
        if (!(await queue.complete(trx, job.jobId))) return false;
        await trx
          .updateTable('transcriptions')
          .set({
            transcript_text: record.text,
            language: record.language,
            word_count: record.wordCount,
            duration_seconds: record.durationSeconds,
            vtt_path: record.vttPath,
            progress_percent: 100,
          })
          .where('id', '=', job.jobId)
          .execute();
        return true;
      });
    },

    /** A failed attempt: back to pending when `retry`, else failed for good. False when not processing. */
    fail: (jobId: number, f: { error: string; retry: boolean }) =>
      db.transaction().execute((trx) => queue.fail(trx, jobId, f)),

    /** Gives a job back untouched (worker shutdown). */
    release: (jobId: number) => db.transaction().execute((trx) => queue.release(trx, jobId)),

    /** Rows left processing by a worker that died go back to pending (a crash counts as an attempt). */
    recoverStale: (rule: StaleRule) =>
      db.transaction().execute(async (trx) => (await queue.recoverStale(trx, rule)).length),

    /** The facts the transcription.completed webhook carries about the video. */
    videoTitle: (videoId: number) =>
      db.selectFrom('videos').select(['id', 'slug', 'title']).where('id', '=', videoId).executeTakeFirst(),
  };
}

export type TranscriptionQueueRepository = ReturnType<typeof createTranscriptionQueueRepository>;
