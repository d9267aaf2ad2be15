// The periodic tasks each role runs (src/server/periodic-tasks.ts through schedules.ts): the worker API's
// stale-job recovery brings an abandoned job of any kind back to the queue.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { periodicTasks } from '../../src/server/periodic-tasks.js';
import { startSchedules } from '../../src/server/schedules.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

const quiet = { info: () => undefined, error: () => undefined };

describe.each(DRIVERS)('periodic tasks (%s)', (driver) => {
  const t = useTestApp(driver);

  it('each role runs its own tasks', () => {
    const names = (roles: Parameters<typeof periodicTasks>[1]) =>
      periodicTasks(t.container, roles, quiet).map((task) => task.name);
    expect(names(['public'])).toEqual([]);
    expect(names(['admin'])).toEqual(['archive retention', 'admin session purge', 'webhook delivery purge']);
    expect(names(['worker-api'])).toEqual(['worker sweep', 'stale job recovery']);
  });

  it("the worker API's stale-job recovery returns an abandoned sprite job to the queue, a fresh one stays", async () => {
    const db = t.container.db;
    const video = await db
      .insertInto('videos')
      .values({ title: 'Stale sprites', slug: 'stale-sprites', status: 'ready' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const job = (startedAgo: string) =>
      db
        .insertInto('sprite_queue')
        .values({
          video_id: video.id,
          status: 'processing',
          priority: 'normal',
          started_at: sql<Date>`now() - ${startedAgo}::interval`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const abandoned = await job('1 day');
    const running = await job('5 seconds');
    const schedules = startSchedules(periodicTasks(t.container, ['worker-api'], quiet), quiet);
    try {
      await schedules.runNow('stale job recovery');
    } finally {
      await schedules.stop();
    }
    const status = async (id: number) =>
      (await db.selectFrom('sprite_queue').select('status').where('id', '=', id).executeTakeFirstOrThrow())
        .status;
    expect(await status(abandoned.id)).toBe('pending');
    expect(await status(running.id)).toBe('processing');
  });
});
