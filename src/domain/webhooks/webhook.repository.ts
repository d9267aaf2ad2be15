import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database.types.js';

type Db = Kysely<Database> | Transaction<Database>;

/** SQL for webhooks and the deliveries an event queues for them. */
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
        .where('id', 'in', webhookIds)
        .execute();
    },
  };
}

export type WebhookRepository = ReturnType<typeof createWebhookRepository>;
