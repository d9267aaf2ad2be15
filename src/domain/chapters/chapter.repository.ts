import { sql, type Kysely, type Transaction } from 'kysely';
import type { Chapter, Database } from '../../db/database.types.js';

export type ChapterRow = Chapter;

/** What a chapter is made of; the repository adds the video, the position and the timestamps. */
export interface ChapterValues {
  title: string;
  description: string | null;
  start_time: number;
  end_time: number | null;
}

/** The set a reorder named against the chapters the video has: both empty when they agree. */
export interface ChapterSetDifference {
  missing: number[];
  unknown: number[];
}

/** Another request holds the video's chapters (PostgreSQL lock_not_available under NOWAIT). */
const isLockBusy = (err: unknown) => (err as { code?: string } | null)?.code === '55P03';

/**
 * SQL for chapters. Every change runs in one transaction with the video row locked, keeps the positions
 * 0…n−1 and `videos.has_chapters` in step with the rows. uq_chapter_video_position is checked row by
 * row, so positions are rewritten in two phases (negative first).
 */
export function createChapterRepository(db: Kysely<Database>) {
  const ordered = (q: Kysely<Database> | Transaction<Database>, videoId: number) =>
    q.selectFrom('chapters').selectAll().where('video_id', '=', videoId).orderBy('position').orderBy('id');

  async function lockVideo(trx: Transaction<Database>, videoId: number, noWait = false): Promise<void> {
    const q = trx.selectFrom('videos').select('id').where('id', '=', videoId).forUpdate();
    await (noWait ? q.noWait() : q).execute();
  }

  /** Positions 0…n−1 in the order of `ids` (all of the video's chapters), then has_chapters. */
  async function renumber(trx: Transaction<Database>, videoId: number, ids: number[]): Promise<void> {
    if (ids.length > 0) {
      await trx
        .updateTable('chapters')
        .set({ position: sql<number>`-1 - position` })
        .where('video_id', '=', videoId)
        .execute();
      await trx
        .updateTable('chapters')
        .set({ position: sql<number>`array_position(ARRAY[${sql.join(ids)}]::int[], id) - 1` })
        .where('video_id', '=', videoId)
        .execute();
    }
    await trx
      .updateTable('videos')
      .set({ has_chapters: ids.length > 0 })
      .where('id', '=', videoId)
      .execute();
  }

  const idsOf = async (trx: Transaction<Database>, videoId: number) =>
    (await ordered(trx, videoId).execute()).map((r) => r.id);

  return {
    /** The video unless it is missing or archived. */
    activeVideo: (videoId: number) =>
      db
        .selectFrom('videos')
        .select(['id', 'duration', 'has_chapters'])
        .where('id', '=', videoId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst(),

    /**
     * The text of the video's completed transcript (transcribed, uploaded captions or edited) and the video's
     * duration it spans. Not `transcriptions.duration_seconds`: that is the time the transcription took.
     */
    async completedTranscript(videoId: number): Promise<{ text: string; duration: number } | null> {
      const r = await db
        .selectFrom('transcriptions as t')
        .innerJoin('videos as v', 'v.id', 't.video_id')
        .select(['t.transcript_text', 'v.duration'])
        .where('t.video_id', '=', videoId)
        .where('t.status', '=', 'completed')
        .executeTakeFirst();
      if (!r?.transcript_text) return null;
      return { text: r.transcript_text, duration: r.duration ?? 0 };
    },

    list: (videoId: number) => ordered(db, videoId).execute(),

    /** What the video detail shows of each chapter, in order. */
    marks: (videoId: number) =>
      db
        .selectFrom('chapters')
        .select(['id', 'title', 'start_time', 'end_time'])
        .where('video_id', '=', videoId)
        .orderBy('position')
        .orderBy('id')
        .execute(),

    find: (videoId: number, chapterId: number) =>
      db
        .selectFrom('chapters')
        .selectAll()
        .where('video_id', '=', videoId)
        .where('id', '=', chapterId)
        .executeTakeFirst(),

    /** Appends a chapter; null when the video already has `max`. */
    insert(videoId: number, values: ChapterValues, max: number): Promise<ChapterRow | null> {
      return db.transaction().execute(async (trx) => {
        await lockVideo(trx, videoId);
        const count = (await idsOf(trx, videoId)).length;
        if (count >= max) return null;
        const row = await trx
          .insertInto('chapters')
          .values({ ...values, video_id: videoId, position: count, created_at: new Date() })
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx.updateTable('videos').set({ has_chapters: true }).where('id', '=', videoId).execute();
        return row;
      });
    },

    async update(videoId: number, chapterId: number, values: Partial<ChapterValues>) {
      return db
        .updateTable('chapters')
        .set({ ...values, updated_at: new Date() })
        .where('video_id', '=', videoId)
        .where('id', '=', chapterId)
        .returningAll()
        .executeTakeFirst();
    },

    /** Deletes one chapter and closes the gap in the positions; false when it was not there. */
    delete(videoId: number, chapterId: number): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        await lockVideo(trx, videoId);
        const r = await trx
          .deleteFrom('chapters')
          .where('video_id', '=', videoId)
          .where('id', '=', chapterId)
          .executeTakeFirst();
        if (Number(r.numDeletedRows) === 0) return false;
        await renumber(trx, videoId, await idsOf(trx, videoId));
        return true;
      });
    },

    /** Puts the chapters in the order of `ids` when that is exactly the video's set, else says how not. */
    reorder(videoId: number, ids: number[]): Promise<ChapterSetDifference> {
      return db.transaction().execute(async (trx) => {
        await lockVideo(trx, videoId);
        const current = await idsOf(trx, videoId);
        const named = new Set(ids);
        const difference = {
          missing: current.filter((id) => !named.has(id)),
          unknown: ids.filter((id) => !current.includes(id)),
        };
        if (difference.missing.length === 0 && difference.unknown.length === 0)
          await renumber(trx, videoId, ids);
        return difference;
      });
    },

    /**
     * Replaces the video's chapters with `chapters` (positions in their order). 'busy' when another request
     * holds the video; 'changed' when chapters appeared although `replace` is false (a race with an add).
     */
    replaceAll(
      videoId: number,
      chapters: ChapterValues[],
      replace: boolean,
    ): Promise<ChapterRow[] | 'busy' | 'changed'> {
      return db
        .transaction()
        .execute(async (trx) => {
          await lockVideo(trx, videoId, true);
          if (!replace && (await idsOf(trx, videoId)).length > 0) return 'changed' as const;
          await trx.deleteFrom('chapters').where('video_id', '=', videoId).execute();
          const now = new Date();
          const rows =
            chapters.length === 0
              ? []
              : await trx
                  .insertInto('chapters')
                  .values(
                    chapters.map((c, position) => ({ ...c, video_id: videoId, position, created_at: now })),
                  )
                  .returningAll()
                  .execute();
          await trx
            .updateTable('videos')
            .set({ has_chapters: rows.length > 0 })
            .where('id', '=', videoId)
            .execute();
          return rows.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
        })
        .catch((err: unknown) => {
          if (isLockBusy(err)) return 'busy' as const;
          throw err;
        });
    },
  };
}

export type ChapterRepository = ReturnType<typeof createChapterRepository>;
