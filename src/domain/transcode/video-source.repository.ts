import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.js';

export interface SourceInfo {
  duration: number;
  width: number;
  height: number;
}

/** Writes what a worker learnt by probing the source onto the video row, and reads it back. */
export function createVideoSourceRepository(db: Kysely<Database>) {
  return {
    async setSourceInfo(videoId: number, info: SourceInfo): Promise<void> {
      await db
        .updateTable('videos')
        .set({ duration: info.duration, source_width: info.width, source_height: info.height })
        .where('id', '=', videoId)
        .execute();
    },

    /** The recorded source facts, or null while any of them is unknown. */
    async sourceInfo(videoId: number): Promise<SourceInfo | null> {
      const v = await db
        .selectFrom('videos')
        .select(['duration', 'source_width', 'source_height'])
        .where('id', '=', videoId)
        .executeTakeFirst();
      if (!v?.duration || !v.source_width || !v.source_height) return null;
      return { duration: v.duration, width: v.source_width, height: v.source_height };
    },
  };
}

export type VideoSourceRepository = ReturnType<typeof createVideoSourceRepository>;
