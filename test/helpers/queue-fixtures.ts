import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.types.js';

/**
 * One pending job per priority in `table`, each for a new video made by `video()`, queued in this order
 * 10 ms apart (a minute ago): claim order then depends on priority and age only. Returns the job ids.
 */
export async function enqueueJobs(
  db: Kysely<Database>,
  table: 'sprite_queue' | 'reencode_queue',
  priorities: readonly string[],
  video: () => Promise<{ id: number }>,
): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, priority] of priorities.entries()) {
    const v = await video();
    // Both tables take these columns; Kysely types one table at a time.
    const job = await db
      .insertInto(table as 'sprite_queue')
      .values({ video_id: v.id, priority, created_at: new Date(Date.now() - 60_000 + i * 10) })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(job.id);
  }
  return ids;
}
