import type { WebhookEvent } from '../../contracts/api/webhook.contract.js';
import { isTransactionConflict } from '../../db/db-errors.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import { parseJson } from './webhook-request.js';
import type { WebhookRepository } from './webhook.repository.js';

/** Whether a row's events (a JSON array as text) include `event`. */
const subscribes = (events: string, event: string) => {
  const list = parseJson<unknown>(events, []);
  return Array.isArray(list) && list.includes(event);
};

export { WEBHOOK_EVENTS, type WebhookEvent } from '../../contracts/api/webhook.contract.js';

/** A trigger rolled back by a collision (deadlock, serialization) runs again this many times. */
const CONFLICT_RETRIES = 3;

/**
 * Records an event for webhooks (pipeline.md §16, "Trigger"): when `webhooks.enabled`, one pending
 * delivery per active webhook subscribed to it whose circuit is closed, due now, with the webhook's
 * counters updated — in one transaction — then `onQueued` wakes the sender (webhook-runner.ts). A
 * transaction the database rolled back for colliding with another runs again: the event is not lost.
 */
export function createWebhookTrigger(deps: {
  webhooks: WebhookRepository;
  breaker: CircuitBreaker;
  enabled: () => boolean;
  onQueued: () => void;
}) {
  const { webhooks, breaker } = deps;
  return {
    /** Returns how many deliveries were queued. */
    async trigger(event: WebhookEvent, data: object): Promise<number> {
      if (!deps.enabled()) return 0;
      const queue = () =>
        webhooks.transaction(async (trx) => {
          const hooks = await webhooks.active(trx);
          const ids = hooks
            .filter((h) => subscribes(h.events, event) && !breaker.isOpen(h.id))
            .map((h) => h.id);
          if (ids.length === 0) return 0;
          await webhooks.queueDeliveries(trx, { webhookIds: ids, event, eventData: JSON.stringify(data) });
          return ids.length;
        });
      for (let attempt = 0; ; attempt++) {
        try {
          const queued = await queue();
          if (queued > 0) deps.onQueued();
          return queued;
        } catch (err) {
          if (attempt >= CONFLICT_RETRIES || !isTransactionConflict(err)) throw err;
        }
      }
    },
  };
}

export type WebhookTrigger = ReturnType<typeof createWebhookTrigger>;
