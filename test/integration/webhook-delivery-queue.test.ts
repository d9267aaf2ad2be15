// The webhook sender's one statement (webhook-delivery.repository.ts settleAndClaim) on both databases:
// answers stored and counted, the oldest due deliveries claimed with their webhooks, a delivery no longer
// held left alone, and the claim served by the partial index of waiting deliveries (migration 0007).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWebhookDeliveryRepository,
  type DeliveredAttempt,
} from '../../src/domain/webhooks/webhook-delivery.repository.js';
import { createWebhookRepository } from '../../src/domain/webhooks/webhook.repository.js';
import { createTestDb, DRIVERS, type TestDatabase } from '../helpers/test-db.js';

describe.each(DRIVERS)('webhook delivery queue (%s)', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDb(driver);
  });
  afterAll(async () => {
    await t.close();
  });

  const hook = async (name: string) =>
    (
      await t.db
        .insertInto('webhooks')
        .values({
          name,
          url: `http://127.0.0.1/${name}`,
          events: '["video.ready"]',
          secret: 's3',
          active: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const row = (id: number) =>
    t.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const answer = (delivery: DeliveredAttempt['delivery'], status = 200): DeliveredAttempt => ({
    delivery,
    attempt: {
      requestBody: `{"id":${delivery.id}}`,
      responseStatus: status,
      responseBody: 'ok',
      durationMs: 7,
    },
  });

  it('stores answers, counts them on their webhooks and claims the oldest due deliveries, in one statement', async () => {
    const webhooks = createWebhookRepository(t.db);
    const repo = createWebhookDeliveryRepository(t.db, webhooks);
    const [a, b] = [await hook('a'), await hook('b')];
    for (const ids of [[a, b], [a], [b]])
      await webhooks.transaction((trx) =>
        webhooks.queueDeliveries(trx, { webhookIds: ids, event: 'video.ready', eventData: '{"n":1}' }),
      );

    const first = await repo.settleAndClaim([], 35, 3);
    expect(first.held.size).toBe(0);
    expect(first.claimed.map((c) => c.webhook?.id)).toEqual([a, b, a]);
    expect(first.claimed[0]!.webhook).toEqual({
      id: a,
      url: 'http://127.0.0.1/a',
      secret: 's3',
      headers: null,
      active: true,
    });
    expect(first.claimed.every((c) => c.delivery.status === 'delivering')).toBe(true);
    expect(first.claimed[0]!.delivery.created_at).toBeInstanceOf(Date);

    // The first answered twice (a duplicate is not held the second time); the last is still waiting.
    const [d1, d2, d3] = first.claimed.map((c) => c.delivery);
    const second = await repo.settleAndClaim([answer(d1!), answer(d2!, 204)], 35, 5);
    expect([...second.held].sort()).toEqual([d1!.id, d2!.id].sort());
    expect(second.claimed.map((c) => c.webhook?.id)).toEqual([b]);
    expect(await row(d1!.id)).toMatchObject({
      status: 'delivered',
      response_status: 200,
      response_body: 'ok',
      request_body: `{"id":${d1!.id}}`,
      duration_ms: 7,
      error_message: null,
    });
    expect((await row(d1!.id)).delivered_at).toBeInstanceOf(Date);
    expect((await row(d3!.id)).status).toBe('delivering');

    const third = await repo.settleAndClaim([answer(d1!), answer(d3!)], 35, 0);
    expect([...third.held]).toEqual([d3!.id]);
    expect(third.claimed).toEqual([]);
    const counts = await t.db
      .selectFrom('webhooks')
      .select(['id', 'successful_deliveries'])
      .where('id', 'in', [a, b])
      .orderBy('id')
      .execute();
    expect(counts).toEqual([
      { id: a, successful_deliveries: 2 },
      { id: b, successful_deliveries: 1 },
    ]);
  });

  it('claims a delivery whose webhook is gone with a null webhook, and nothing not yet due', async () => {
    const webhooks = createWebhookRepository(t.db);
    const repo = createWebhookDeliveryRepository(t.db, webhooks);
    await t.db.updateTable('webhook_deliveries').set({ status: 'delivered' }).execute();
    const gone = await hook('gone');
    await webhooks.transaction((trx) =>
      webhooks.queueDeliveries(trx, { webhookIds: [gone], event: 'video.ready', eventData: '{}' }),
    );
    await t.db
      .insertInto('webhook_deliveries')
      .values({
        webhook_id: null,
        event_type: 'video.ready',
        event_data: '{}',
        status: 'failed',
        attempt_number: 2,
        created_at: sql<Date>`now()`,
        next_retry_at: sql<Date>`now() + interval '1 hour'`,
      })
      .execute();
    await t.db
      .updateTable('webhook_deliveries')
      .set({ webhook_id: null })
      .where('webhook_id', '=', gone)
      .execute();
    const { claimed } = await repo.settleAndClaim([], 35, 10);
    expect(claimed).toHaveLength(1);
    expect(claimed[0]!.webhook).toBeNull();
    expect(claimed[0]!.delivery.event_type).toBe('video.ready');
  });

  it('never deadlocks a trigger against the sender storing answers (webhook counters locked in id order)', async () => {
    const webhooks = createWebhookRepository(t.db);
    const repo = createWebhookDeliveryRepository(t.db, webhooks);
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) ids.push(await hook(`lock${i}`));
    const trigger = () =>
      webhooks.transaction((trx) =>
        webhooks.queueDeliveries(trx, { webhookIds: ids, event: 'video.ready', eventData: '{}' }),
      );
    await trigger();
    // Triggers over all 40 webhooks race senders storing answers for them, newest webhook first.
    for (let round = 0; round < 15; round++) {
      const { claimed } = await repo.settleAndClaim([], 35, 40);
      const answers = claimed.reverse().map((c) => answer(c.delivery));
      await Promise.all([trigger(), repo.settleAndClaim(answers, 35, 0), trigger()]);
    }
    const left = await t.db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending')
      .where('webhook_id', 'in', ids)
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(40 * 31 - 40 * 15);
  });

  it('walks the index of waiting deliveries for a claim instead of sorting them all', async () => {
    // A backlog (a receiver back after an outage): 5,000 waiting deliveries, all due.
    await sql`insert into webhook_deliveries (webhook_id, event_type, event_data, status, attempt_number,
        created_at, next_retry_at)
      select null, 'video.ready', '{}', 'failed', 2, now() - make_interval(secs => g), now() - interval '1 second'
      from generate_series(1, 5000) g`.execute(t.db);
    await sql`analyze webhook_deliveries`.execute(t.db);
    const plan = await sql<Record<string, string>>`explain select id from webhook_deliveries
      where status in ('pending', 'failed') and (next_retry_at is null or next_retry_at <= now())
      order by created_at, id limit 10 for update skip locked`.execute(t.db);
    const text = plan.rows.map((r) => Object.values(r)[0]).join('\n');
    expect(text).toContain('ix_webhook_deliveries_due');
    expect(text).not.toMatch(/\bSort\b/);
  });
});
