import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, WebhookUpdate } from '../../db/database.types.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What a webhook row is saved from (JSON columns already serialised). */
export interface WebhookValues {
  name: string;
  url: string;
  events: string;
  secret: string | null;
  active: boolean;
  headers: string | null;
}

/** SQL for webhooks: the admin's CRUD and stats, and the deliveries an event queues for them. */
export function createWebhookRepository(db: Kysely<Database>) {
  return {
    /** Runs `work` in one transaction (deliveries and counters commit together). */
    transaction: <T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> =>
      db.transaction().execute(work),

    /** The active webhooks with their subscribed events (a JSON array as text). */
    active: (trx: Db) =>
      trx
        .selectFrom('webhooks')
        .select(['id', 'events'])
        .where(sql<boolean>`coalesce(active, true)`)
        .execute(),

    /** One pending delivery per webhook, due now; each webhook's counters updated. */
    async queueDeliveries(trx: Db, input: { webhookIds: number[]; event: string; eventData: string }) {
      const { webhookIds, event, eventData } = input;
      await trx
        .insertInto('webhook_deliveries')
        .values(
          webhookIds.map((id) => ({
            webhook_id: id,
            event_type: event,
            event_data: eventData,
            status: 'pending',
            attempt_number: 1,
            created_at: sql<Date>`now()`,
            next_retry_at: sql<Date>`now()`,
          })),
        )
        .execute();
      await trx
        .updateTable('webhooks')
        .set({
          total_deliveries: sql<number>`coalesce(total_deliveries, 0) + 1`,
          last_triggered_at: sql<Date>`now()`,
        })
        // Locked in id order, as the sender locks them (webhook-delivery.repository.ts): no deadlock.
        .where('id', 'in', (eb) =>
          eb.selectFrom('webhooks').select('id').where('id', 'in', webhookIds).orderBy('id').forNoKeyUpdate(),
        )
        .execute();
    },

    /** Newest first; `total` counts every match. */
    async list(q: { limit: number; offset: number; activeOnly: boolean }) {
      let query = db.selectFrom('webhooks');
      if (q.activeOnly) query = query.where(sql<boolean>`coalesce(active, true)`);
      const rows = await query
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(q.limit)
        .offset(q.offset)
        .execute();
      const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      return { rows, total: Number(total?.n ?? 0) };
    },

    find: (id: number, trx: Db = db) =>
      trx.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst(),

    insert: (values: WebhookValues) =>
      db
        .insertInto('webhooks')
        .values({ ...values, created_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
        .returningAll()
        .executeTakeFirstOrThrow(),

    update: (id: number, patch: WebhookUpdate) =>
      db
        .updateTable('webhooks')
        .set({ ...patch, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst(),

    /** Deletes the webhook (its deliveries cascade); its name, or undefined when there was none. */
    delete: (id: number) =>
      db.deleteFrom('webhooks').where('id', '=', id).returning(['name']).executeTakeFirst(),

    /** One more delivered (`delivered`) or finally failed delivery on the webhook's counters. */
    async countOutcome(trx: Db, id: number, outcome: 'delivered' | 'failed') {
      await trx
        .updateTable('webhooks')
        .set(
          outcome === 'delivered'
            ? { successful_deliveries: sql<number>`coalesce(successful_deliveries, 0) + 1` }
            : { failed_deliveries: sql<number>`coalesce(failed_deliveries, 0) + 1` },
        )
        .where('id', '=', id)
        .execute();
    },

    /** GET /api/webhooks/stats: waiting deliveries count those retrying and in flight too. */
    async stats() {
      const r = await sql<{
        total_webhooks: number;
        active_webhooks: number;
        pending_deliveries: number;
        failed_deliveries: number;
        total_deliveries_24h: number;
        successful_deliveries_24h: number;
      }>`select
          (select count(*)::int from webhooks) as total_webhooks,
          (select count(*)::int from webhooks where coalesce(active, true)) as active_webhooks,
          count(*) filter (where d.status in ('pending', 'failed', 'delivering'))::int as pending_deliveries,
          count(*) filter (where d.status = 'failed_permanent')::int as failed_deliveries,
          count(*) filter (where d.created_at > now() - interval '24 hours')::int as total_deliveries_24h,
          count(*) filter (where d.created_at > now() - interval '24 hours'
            and d.status = 'delivered')::int as successful_deliveries_24h
        from webhook_deliveries d`.execute(db);
      const row = r.rows[0];
      return {
        total_webhooks: Number(row?.total_webhooks ?? 0),
        active_webhooks: Number(row?.active_webhooks ?? 0),
        pending_deliveries: Number(row?.pending_deliveries ?? 0),
        failed_deliveries: Number(row?.failed_deliveries ?? 0),
        total_deliveries_24h: Number(row?.total_deliveries_24h ?? 0),
        successful_deliveries_24h: Number(row?.successful_deliveries_24h ?? 0),
      };
    },
  };
}

export type WebhookRepository = ReturnType<typeof createWebhookRepository>;
export type WebhookRow = NonNullable<Awaited<ReturnType<WebhookRepository['find']>>>;
