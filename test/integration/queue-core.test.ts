// The one job queue (src/domain/queue) on both databases, through two descriptors of different shapes:
// reencode_queue (status + started_at lease + retry_count) and webhook_deliveries (expires-style lease on
// next_retry_at, attempt_number, no priority) — the same code serves both.
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ReencodeQueueEntry, Transcription, WebhookDelivery } from '../../src/db/database.types.js';
import { createJobQueue } from '../../src/domain/queue/job-queue.repository.js';
import {
  REENCODE_QUEUE,
  TRANSCRIPTION_QUEUE,
  WEBHOOK_DELIVERY_QUEUE,
} from '../../src/domain/queue/queue-descriptor.js';
import { enqueueJobs } from '../helpers/queue-fixtures.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestDb } from '../helpers/use-test-db.js';
import { claimUntilEmpty, mixedPriorities } from '../helpers/concurrent-claims.js';

describe.each(DRIVERS)('the job queue on %s', (driver) => {
  const t = useTestDb(driver);
  beforeEach(async () => {
    await t.db.deleteFrom('videos').execute();
    await t.db.deleteFrom('workers').execute();
    await t.db.deleteFrom('webhook_deliveries').execute();
  });
  const reencode = () => createJobQueue<ReencodeQueueEntry>(t.db, REENCODE_QUEUE);
  const deliveries = () => createJobQueue<WebhookDelivery>(t.db, WEBHOOK_DELIVERY_QUEUE);

  const enqueue = (priorities: string[]) =>
    enqueueJobs(t.db, 'reencode_queue', priorities, () =>
      t.db
        .insertInto('videos')
        .values({ title: 'Q', slug: `q-${Math.random().toString(36).slice(2, 10)}`, status: 'ready' })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );

  const statusOf = async (id: number) =>
    (await t.db.selectFrom('reencode_queue').selectAll().where('id', '=', id).executeTakeFirstOrThrow())
      .status;

  it('claims high > normal > low, then oldest; a `where` hook narrows the candidates', async () => {
    const [low, normal, high, normal2] = await enqueue(['low', 'normal', 'high', 'normal']);
    const q = reencode();
    const skipNormal2 = sql<boolean>`id <> ${normal2}`;
    const order: number[] = [];
    for (;;) {
      const job = await q.claimNext(t.db, { workerPk: null, where: skipNormal2 });
      if (!job) break;
      expect(job.status).toBe('in_progress');
      expect(job.started_at).not.toBeNull();
      order.push(job.id);
    }
    expect(order).toEqual([high, normal, low]);
    expect(await statusOf(normal2!)).toBe('pending');
    expect(await q.counts()).toEqual({ in_progress: 3, pending: 1 });
  });

  it('never hands one job to two of 8 parallel claimers, and loses none', async () => {
    const ids = await enqueue(mixedPriorities(40));
    const q = reencode();
    const claimed = await claimUntilEmpty(
      8,
      () => async () => (await t.db.transaction().execute((trx) => q.claimNext(trx)))?.id,
    );
    expect(claimed).toHaveLength(ids.length);
    expect([...claimed].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  });

  it('complete, fail (retry counts an attempt, permanent ends it), release and cancel act only in the right status', async () => {
    const [a, b, c, d] = await enqueue(['high', 'high', 'high', 'low']);
    const q = reencode();
    for (let i = 0; i < 3; i++) await q.claimNext(t.db);
    expect(await q.complete(t.db, a!)).toBe(true);
    expect(await q.complete(t.db, a!)).toBe(false); // not running any more
    expect(await q.fail(t.db, b!, { error: 'boom', retry: true })).toBe(true);
    expect(await q.release(t.db, c!)).toBe(true);
    expect(await q.release(t.db, c!)).toBe(false);
    expect(await q.cancel(t.db, a!)).toBe(false); // only a waiting job
    expect(await q.cancel(t.db, d!)).toBe(true);
    const rows = await t.db.selectFrom('reencode_queue').selectAll().orderBy('id').execute();
    expect(
      rows.map((r) => [r.status, r.retry_count, r.started_at === null, r.completed_at === null]),
    ).toEqual([
      ['completed', 0, false, false],
      ['pending', 1, true, true], // retried: an attempt counted, back in the queue
      ['pending', 0, true, true], // released: no attempt counted
      ['cancelled', 0, true, false],
    ]);
    expect(rows[1]!.error_message).toBe('boom');
    // b is claimed again (high, older than c), then fails for good.
    expect((await q.claimNext(t.db))?.id).toBe(b);
    expect(await q.fail(t.db, b!, { error: 'for good', retry: false })).toBe(true);
    const failed = await q.findById(t.db, b!);
    expect(failed).toMatchObject({ status: 'failed', retry_count: 2, error_message: 'for good' });
    expect(failed?.completed_at).not.toBeNull();
    const listed = await q.list({ status: 'pending', limit: 10, offset: 0 });
    expect(listed.total).toBe(1);
    expect(listed.rows[0]).toMatchObject({
      id: c,
      video_slug: expect.stringMatching(/^q-/),
      video_title: 'Q',
    });
  });

  it('recovers a job whose worker stopped heartbeating, not one whose worker is alive; the crash is an attempt', async () => {
    const [alive, dead, old, last] = await enqueue(['high', 'high', 'high', 'high']);
    const worker = (name: string, heartbeatAgo: string) =>
      t.db
        .insertInto('workers')
        .values({
          worker_id: `${name}-${Math.random()}`,
          worker_name: name,
          registered_at: new Date(),
          last_heartbeat: sql<Date>`now() - ${heartbeatAgo}::interval`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const [w1, w2] = [await worker('alive', '1 second'), await worker('dead', '10 minutes')];
    const running = (id: number, workerPk: number | null, startedAgo: string, retries = 0) =>
      t.db
        .updateTable('reencode_queue')
        .set({
          status: 'in_progress',
          processed_by_worker_id: workerPk,
          started_at: sql<Date>`now() - ${startedAgo}::interval`,
          retry_count: retries,
        })
        .where('id', '=', id)
        .execute();
    await running(alive!, w1.id, '10 minutes');
    await running(dead!, w2.id, '10 minutes');
    await running(old!, w1.id, '5 hours'); // alive worker, but past the longest run
    await running(last!, w2.id, '10 minutes', 2); // third attempt crashed: fails for good
    const q = reencode();
    const rule = { leaseSeconds: 60, maxRunSeconds: 3600, maxAttempts: 3 };
    const recovered = await t.db.transaction().execute((trx) => q.recoverStale(trx, rule));
    expect(recovered.map((r) => [r.id, r.status]).sort()).toEqual(
      [
        [dead, 'pending'],
        [old, 'pending'],
        [last, 'failed'],
      ].sort(),
    );
    expect(await statusOf(alive!)).toBe('in_progress');
    const lastRow = await q.findById(t.db, last!);
    expect(lastRow).toMatchObject({
      retry_count: 3,
      error_message: 'The worker stopped responding (3 attempts)',
    });
    expect(await q.findById(t.db, dead!)).toMatchObject({ retry_count: 1, started_at: null });
    // A job started within the lease is never recovered, whatever its worker.
    await running(dead!, w2.id, '5 seconds');
    expect(await t.db.transaction().execute((trx) => q.recoverStale(trx, rule))).toEqual([]);
  });

  it('an expires-style queue (webhook deliveries): backoff holds a retry back; an expired claim comes back', async () => {
    const insert = (n: number) =>
      t.db
        .insertInto('webhook_deliveries')
        .values(Array.from({ length: n }, (_, i) => ({ event_type: `e${i}`, event_data: '{}' })))
        .returning('id')
        .execute();
    const [first, second] = (await insert(2)).map((r) => r.id);
    const q = deliveries();
    const claimed = await q.claimNext(t.db, { leaseSeconds: 30 });
    expect(claimed).toMatchObject({ id: first, status: 'delivering' });
    expect(claimed!.next_retry_at!.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(await q.fail(t.db, first!, { error: '502', retry: true, backoffSeconds: 3600 })).toBe(true);
    expect(await q.findById(t.db, first!)).toMatchObject({ status: 'failed', attempt_number: 2 });
    // The retry waits out its backoff: the next claim takes the other one.
    expect((await q.claimNext(t.db, { leaseSeconds: 30 }))?.id).toBe(second);
    expect(await q.claimNext(t.db, { leaseSeconds: 30 })).toBeNull();
    await t.db
      .updateTable('webhook_deliveries')
      .set({ next_retry_at: sql<Date>`now() - interval '1 second'` })
      .execute();
    // The expired claim (second) goes back; then both are claimable.
    const back = await t.db
      .transaction()
      .execute((trx) => q.recoverStale(trx, { leaseSeconds: 30, maxRunSeconds: 60, maxAttempts: 5 }));
    expect(back).toEqual([{ id: second, video_id: null, status: 'failed' }]);
    const again = [await q.claimNext(t.db), await q.claimNext(t.db)].map((j) => j?.id);
    expect(again).toEqual([first, second]);
    expect(await q.complete(t.db, first!)).toBe(true);
    expect(await q.counts()).toEqual({ delivered: 1, delivering: 1 });
    expect((await q.findById(t.db, first!))?.delivered_at).not.toBeNull();
  });

  it('a queue without priority or created_at (transcriptions): oldest id first, listed newest first', async () => {
    const video = () =>
      t.db
        .insertInto('videos')
        .values({ title: 'T', slug: `t-${Math.random().toString(36).slice(2, 10)}`, status: 'ready' })
        .returning('id')
        .executeTakeFirstOrThrow();
    const [v, w] = [await video(), await video()]; // one transcription per video
    const ids = (
      await t.db
        .insertInto('transcriptions')
        .values([{ video_id: v.id }, { video_id: w.id }])
        .returning('id')
        .execute()
    ).map((r) => r.id);
    const q = createJobQueue<Transcription>(t.db, TRANSCRIPTION_QUEUE);
    const claimed = await q.claimWithVideo({});
    expect(claimed?.job).toMatchObject({ id: ids[0], status: 'processing' });
    expect(claimed?.video).toMatchObject({ id: v.id, deleted: false });
    expect(await q.cancel(t.db, ids[1]!)).toBe(false); // the table has no cancelled status
    expect(await q.complete(t.db, ids[0]!)).toBe(true);
    const listed = await q.list({ limit: 10, offset: 0 });
    expect(listed.rows.map((r) => [r.id, r.status, r.video_title])).toEqual([
      [ids[1], 'pending', 'T'],
      [ids[0], 'completed', 'T'],
    ]);
  });
});
