import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.types.js';
import type { Beat } from './heartbeat-batch.js';
import { COMPLETION_FRACTION } from './tracking-rules.js';
import { watchCreditSql } from './watch-time.query.js';

/** SQL of viewer tracking: viewers and playback_sessions rows. No IP address is read or written. */
export function createTrackingRepository(db: Kysely<Database>) {
  return {
    /** Whether playback of the video may be tracked: it exists, is ready and is not deleted. */
    async isTrackable(videoId: number): Promise<boolean> {
      const row = await db
        .selectFrom('videos')
        .select('id')
        .where('id', '=', videoId)
        .where('status', '=', 'ready')
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** The viewer of a cookie (its last_seen now), or null when no viewer holds it. */
    async touchViewer(sessionId: string): Promise<number | null> {
      const row = await db
        .updateTable('viewers')
        .set({ last_seen: sql`now()` })
        .where('session_id', '=', sessionId)
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? null;
    },

    /** A new viewer with a fresh random id (the cookie's value). */
    async createViewer(): Promise<{ id: number; sessionId: string }> {
      const sessionId = randomUUID();
      const row = await db
        .insertInto('viewers')
        .values({ session_id: sessionId })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, sessionId };
    },

    /** A new playback session, started now at `position`; its token. */
    async startSession(input: {
      videoId: number;
      viewerId: number;
      quality: string | null;
      position: number;
    }): Promise<string> {
      const token = randomUUID();
      await db
        .insertInto('playback_sessions')
        .values({
          video_id: input.videoId,
          viewer_id: input.viewerId,
          session_token: token,
          quality_used: input.quality,
          last_position: input.position,
        })
        .execute();
      return token;
    },

    /**
     * Credits each beat's watched time (watch-time.query.ts) in one statement; the tokens that matched a
     * session. At most one beat per session (heartbeat-batch.ts sees to it).
     */
    async heartbeats(beats: Beat[]): Promise<Set<string>> {
      const rows = sql.join(
        beats.map((b) => sql`(${b.token}::varchar, ${b.position}::float8, ${b.quality}::varchar)`),
      );
      const at = sql<number>`b.position`;
      const result = await sql<{ session_token: string }>`
        update playback_sessions set
          duration_watched = coalesce(duration_watched, 0) + ${watchCreditSql(at)},
          max_position = greatest(coalesce(max_position, 0), b.position),
          last_position = b.position,
          last_heartbeat_at = now(),
          quality_used = coalesce(b.quality, quality_used)
        from (values ${rows}) as b (token, position, quality)
        where session_token = b.token
        returning session_token`.execute(db);
      return new Set(result.rows.map((r) => r.session_token));
    },

    /**
     * The last beat: credits it like a heartbeat, sets ended_at, and completes the session when the client
     * says so or its furthest position reached 90 % of the video (a complete session stays complete).
     */
    async end(input: { token: string; position: number; completed: boolean }): Promise<boolean> {
      const furthest = sql<number>`greatest(coalesce(max_position, 0), ${input.position}::float8)`;
      const duration = sql`(select v.duration from videos v where v.id = playback_sessions.video_id)`;
      const row = await db
        .updateTable('playback_sessions')
        .set({
          duration_watched: sql`coalesce(duration_watched, 0) + ${watchCreditSql(input.position)}`,
          max_position: furthest,
          last_position: input.position,
          last_heartbeat_at: sql`now()`,
          ended_at: sql`now()`,
          completed: sql`(coalesce(completed, false) or ${input.completed}
            or coalesce(${duration} > 0 and ${furthest} / ${duration} >= ${COMPLETION_FRACTION}, false))`,
        })
        .where('session_token', '=', input.token)
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

export type TrackingRepository = ReturnType<typeof createTrackingRepository>;
