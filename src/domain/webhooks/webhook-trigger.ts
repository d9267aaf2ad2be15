import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.types.js';

/** The events a webhook may subscribe to (seed: webhooks.events). */
export const WEBHOOK_EVENTS = [
  'video.uploaded',
  'video.ready',
  'video.failed',
  'video.deleted',
  'video.restored',
  'transcription.completed',
  'worker.registered',
  'worker.offline',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The subscribed events of a row (a JSON array); anything else subscribes to nothing. */
function subscribedEvents(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((e): e is string => typeof e === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Records an event for webhooks (pipeline.md §16, "Trigger"): one pending delivery per active webhook
 * subscribed to it, due now, with the webhook's counters updated — in one transaction. The deliveries are
 * only recorded: nothing sends them yet (no signed POSTs, retries or circuit breaker in this codebase).
 */
export function createWebhookTrigger(db: Kysely<Database>) {
  return {
    /** Returns how many deliveries were queued. */
    async trigger(event: WebhookEvent, data: object): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const hooks = await trx
          .selectFrom('webhooks')
          .select(['id', 'events'])
          .where(sql<boolean>`coalesce(active, true)`)
          .execute();
        const ids = hooks.filter((h) => subscribedEvents(h.events).includes(event)).map((h) => h.id);
        if (ids.length === 0) return 0;
        const eventData = JSON.stringify(data);
        await trx
          .insertInto('webhook_deliveries')
          .values(
            ids.map((id) => ({
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
          .where('id', 'in', ids)
          .execute();
        return ids.length;
      });
    },
  };
}

export type WebhookTrigger = ReturnType<typeof createWebhookTrigger>;
