import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.js';

/** What the video events' payloads say of a video (pipeline.md §16 "Event payloads"). */
export function createVideoFactsRepository(db: Kysely<Database>) {
  return {
    async find(videoId: number) {
      const video = await db
        .selectFrom('videos')
        .select(['id', 'slug', 'title', 'streaming_format'])
        .where('id', '=', videoId)
        .executeTakeFirst();
      if (!video) return null;
      const qualities = await db
        .selectFrom('video_qualities')
        .select('quality')
        .where('video_id', '=', videoId)
        .orderBy('height', 'desc')
        .orderBy('id')
        .execute();
      return { ...video, qualities: qualities.flatMap((q) => (q.quality ? [q.quality] : [])) };
    },
  };
}

export type VideoFactsRepository = ReturnType<typeof createVideoFactsRepository>;
