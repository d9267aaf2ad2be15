// Sprite sheets (issue 3): the queue on both databases (priority order, SKIP LOCKED exclusivity, stale
// recovery), and the watch page's reading of the WebVTT track the worker writes.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { JobEvents } from '../../src/domain/queue/job-events.js';
import { createSpriteJobService } from '../../src/domain/sprites/sprite-jobs.service.js';
import { createSpriteQueueRepository } from '../../src/domain/sprites/sprite-queue.repository.js';
import { buildSpriteVtt, spriteSheetFileName } from '../../src/media/sprites.js';
import { cueAt, parseSpriteVtt, tileFromInfo } from '../../web/src/public/lib/sprite-preview.js';
import { enqueueJobs } from '../helpers/queue-fixtures.js';
import { insertSpriteVideo } from '../helpers/sprite-fixtures.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestDb } from '../helpers/use-test-db.js';
import { claimUntilEmpty, mixedPriorities } from '../helpers/concurrent-claims.js';

describe('the watch page reads the track the worker writes', () => {
  it('VTT cues and the sprite_sheet_info formula agree on every tile', () => {
    const grid = { tileSize: 3, frameWidth: 160, frameHeight: 90 };
    const vtt = buildSpriteVtt({
      durationSeconds: 47.5,
      intervalSeconds: 5,
      ...grid,
      sheetUrl: (i) => `sprites/${spriteSheetFileName(i)}`,
    });
    const cues = parseSpriteVtt(vtt, 'http://localhost/videos/demo/sprites.vtt');
    expect(cues).toHaveLength(10);
    const info = {
      base_url: 'http://localhost/videos/demo/sprites/sprite_',
      count: 2,
      interval: 5,
      tile_size: 3,
      frame_width: 160,
      frame_height: 90,
    };
    for (const t of [0, 4.9, 5, 22, 44.99, 45, 47.4]) {
      const { url, x, y, w, h } = cueAt(cues, t)!;
      expect({ url, x, y, w, h }, `t=${t}`).toEqual(tileFromInfo(info, t));
    }
    expect(tileFromInfo(info, 90)).toBeNull(); // past the last sheet
  });
});

describe.each(DRIVERS)('sprite queue on %s', (driver) => {
  const db = useTestDb(driver);
  const service = (maxVideoDurationSeconds = 14_400) =>
    createSpriteJobService({
      queue: createSpriteQueueRepository(db.db),
      events: new JobEvents(),
      options: { staleAfterSeconds: 7200, maxVideoDurationSeconds, recoveryIntervalSeconds: 0 },
    });

  const queue = (priorities: string[]) =>
    enqueueJobs(db.db, 'sprite_queue', priorities, () => insertSpriteVideo(db.db));

  it('claims by priority (high > normal > low), then oldest first', async () => {
    await db.db.deleteFrom('videos').execute();
    const [low1, normal1, high1, low2, high2, normal2] = await queue([
      'low',
      'normal',
      'high',
      'low',
      'high',
      'normal',
    ]);
    const jobs = service();
    const order: number[] = [];
    for (let job = await jobs.claim(); job; job = await jobs.claim()) order.push(job.jobId);
    expect(order).toEqual([high1, high2, normal1, normal2, low1, low2]);
    const video = await db.db
      .selectFrom('videos')
      .innerJoin('sprite_queue as q', 'q.video_id', 'videos.id')
      .select(['sprite_sheet_status', 'q.status', 'q.started_at'])
      .where('q.id', '=', high1!)
      .executeTakeFirstOrThrow();
    expect(video).toMatchObject({ sprite_sheet_status: 'generating', status: 'processing' });
    expect(video.started_at).not.toBeNull();
  });

  it('never hands the same job to two concurrent claimers (FOR UPDATE SKIP LOCKED), and loses none', async () => {
    await db.db.deleteFrom('videos').execute();
    const ids = await queue(mixedPriorities(24));
    const claimed = await claimUntilEmpty(6, () => {
      const jobs = service();
      return async () => (await jobs.claim())?.jobId;
    });
    expect(claimed.sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  });

  it('recovers jobs stuck in processing, and fails jobs whose video cannot have sprites', async () => {
    await db.db.deleteFrom('videos').execute();
    const [stuck] = await queue(['normal']);
    await db.db
      .updateTable('sprite_queue')
      .set({ status: 'processing', started_at: sql<Date>`now() - interval '3 hours'` })
      .where('id', '=', stuck!)
      .execute();
    const long = await insertSpriteVideo(db.db, { duration: 20_000 });
    const notReady = await insertSpriteVideo(db.db, { status: 'processing' });
    for (const v of [long, notReady])
      await db.db.insertInto('sprite_queue').values({ video_id: v.id, priority: 'high' }).execute();

    const job = await service(14_400).claim();
    expect(job?.jobId).toBe(stuck);
    expect(await service().claim()).toBeNull();
    const failed = await db.db
      .selectFrom('sprite_queue as q')
      .innerJoin('videos as v', 'v.id', 'q.video_id')
      .select(['q.status', 'q.error_message', 'v.sprite_sheet_status', 'v.sprite_sheet_error', 'v.id'])
      .where('q.status', '=', 'failed')
      .orderBy('v.id')
      .execute();
    expect(failed.map((f) => [f.id, f.sprite_sheet_status])).toEqual([
      [long.id, 'failed'],
      [notReady.id, 'failed'],
    ]);
    expect(failed[0]!.error_message).toMatch(/too long/);
    expect(failed[1]!.sprite_sheet_error).toMatch(/not ready/);
  });
});
