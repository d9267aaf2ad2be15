import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.js';

/** Writes what a worker learnt by probing the source onto the video row. */
export function createVideoSourceRepository(db: Kysely<Database>) {
  return {
    async setSourceInfo(
      videoId: number,
      info: { duration: number; width: number; height: number },
    ): Promise<void> {
      await db
        .updateTable('videos')
        .set({ duration: info.duration, source_width: info.width, source_height: info.height })
        .where('id', '=', videoId)
        .execute();
    },
  };
}

export type VideoSourceRepository = ReturnType<typeof createVideoSourceRepository>;
