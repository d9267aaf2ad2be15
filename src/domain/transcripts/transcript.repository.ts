import type { Kysely } from 'kysely';
import type { Database, Transcription } from '../../db/database.types.js';
import { CLEARED_RUN } from '../transcription/transcription-queue.repository.js';

/** The video a transcript belongs to, as the transcript use cases need it. */
export interface TranscriptVideo {
  id: number;
  slug: string;
  status: string | null;
  deleted_at: Date | null;
}

/** The `transcriptions` rows behind the transcript and caption endpoints (one row per video at most). */
export function createTranscriptRepository(db: Kysely<Database>) {
  const videoColumns = ['id', 'slug', 'status', 'deleted_at'] as const;
  return {
    videoById: (id: number): Promise<TranscriptVideo | undefined> =>
      db.selectFrom('videos').select(videoColumns).where('id', '=', id).executeTakeFirst(),

    /** Archived videos are not found (api-public.md §4.2: not deleted, published not required). */
    activeVideoBySlug: (slug: string): Promise<TranscriptVideo | undefined> =>
      db
        .selectFrom('videos')
        .select(videoColumns)
        .where('slug', '=', slug)
        .where('deleted_at', 'is', null)
        .executeTakeFirst(),

    find: (videoId: number): Promise<Transcription | undefined> =>
      db.selectFrom('transcriptions').selectAll().where('video_id', '=', videoId).executeTakeFirst(),

    /** New text and its word count; false when the video has no transcription. */
    async updateText(videoId: number, text: string, wordCount: number): Promise<boolean> {
      const result = await db
        .updateTable('transcriptions')
        .set({ transcript_text: text, word_count: wordCount })
        .where('video_id', '=', videoId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** The deleted row, if there was one. */
    delete: (videoId: number): Promise<Transcription | undefined> =>
      db.deleteFrom('transcriptions').where('video_id', '=', videoId).returningAll().executeTakeFirst(),

    /**
     * The video's transcription as completed from uploaded captions (a new row, or the existing one
     * replaced). False, and nothing changed, while a transcription of it is being processed.
     */
    async storeCaptions(
      videoId: number,
      captions: { text: string; wordCount: number; language: string; vttPath: string },
    ): Promise<boolean> {
      const values = {
        status: 'completed',
        language: captions.language,
        ...CLEARED_RUN,
        completed_at: new Date(),
        transcript_text: captions.text,
        word_count: captions.wordCount,
        vtt_path: captions.vttPath,
      };
      const row = await db
        .insertInto('transcriptions')
        .values({ video_id: videoId, ...values })
        .onConflict((oc) =>
          oc.column('video_id').doUpdateSet(values).where('transcriptions.status', '<>', 'processing'),
        )
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

export type TranscriptRepository = ReturnType<typeof createTranscriptRepository>;
