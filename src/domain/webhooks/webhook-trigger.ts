import type { WebhookRepository } from './webhook.repository.js';

import type { WebhookEvent } from '../../contracts/api/webhook.contract.js';

export { WEBHOOK_EVENTS, type WebhookEvent } from '../../contracts/api/webhook.contract.js';

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
export function createWebhookTrigger(webhooks: WebhookRepository) {
  return {
    /** Returns how many deliveries were queued. */
    async trigger(event: WebhookEvent, data: object): Promise<number> {
      return webhooks.transaction(async (trx) => {
        const hooks = await webhooks.active(trx);
        const ids = hooks.filter((h) => subscribedEvents(h.events).includes(event)).map((h) => h.id);
        if (ids.length === 0) return 0;
        await webhooks.queueDeliveries(trx, { webhookIds: ids, event, eventData: JSON.stringify(data) });
        return ids.length;
      });
    },
  };
}

export type WebhookTrigger = ReturnType<typeof createWebhookTrigger>;
