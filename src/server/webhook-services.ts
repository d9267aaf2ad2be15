import type { Kysely } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { JobEvents } from '../domain/queue/job-events.js';
import type { SettingsService } from '../domain/settings/settings.service.js';
import { CircuitBreaker } from '../domain/webhooks/circuit-breaker.js';
import { createOperationalAlerts } from '../domain/webhooks/operational-alerts.js';
import { systemResolver, type Resolver } from '../domain/webhooks/ssrf-guard.js';
import { createWebhookAdminService } from '../domain/webhooks/webhook-admin.service.js';
import { createWebhookDeliveryRepository } from '../domain/webhooks/webhook-delivery.repository.js';
import { createWebhookDeliveryService } from '../domain/webhooks/webhook-delivery.service.js';
import { createWebhookRunner } from '../domain/webhooks/webhook-runner.js';
import { createWebhookTrigger } from '../domain/webhooks/webhook-trigger.js';
import { createWebhookRepository } from '../domain/webhooks/webhook.repository.js';

/** Delivered and finally failed deliveries are kept this long (pipeline.md §16). */
export const DELIVERY_RETENTION_DAYS = 30;

/**
 * Webhooks (pipeline.md §16) and operational alerts (§17): the trigger every event calls, the admin
 * service, the delivery runner (started by `vlog serve` for the admin role) and the alerts sender. Every
 * option is read from the settings at each use. Queueing a delivery signals the job system's "work
 * queued" event, which wakes the runner here and, relayed on PostgreSQL, in the other server processes.
 */
export function webhookServices(deps: {
  db: Kysely<Database>;
  settings: SettingsService;
  events: JobEvents;
  resolve?: Resolver;
}) {
  const { settings, events } = deps;
  const resolve = deps.resolve ?? systemResolver;
  const webhooks = createWebhookRepository(deps.db);
  const deliveries = createWebhookDeliveryRepository(deps.db, webhooks);
  const breaker = new CircuitBreaker();
  const options = {
    get maxRetries() {
      return settings.get('webhooks.max_retries');
    },
    get retryBaseDelaySeconds() {
      return settings.get('webhooks.retry_base_delay');
    },
    get retryBackoffMultiplier() {
      return settings.get('webhooks.retry_backoff_multiplier');
    },
    get requestTimeoutSeconds() {
      return settings.get('webhooks.request_timeout');
    },
    get allowPrivateTargets() {
      return settings.get('webhooks.allow_private_targets');
    },
    get maxConcurrentDeliveries() {
      return settings.get('webhooks.max_concurrent_deliveries');
    },
    /** A send ends by its timeout; past it and a margin its sender is gone. */
    get leaseSeconds() {
      return settings.get('webhooks.request_timeout') + 5;
    },
  };
  const queued = () => events.queued();
  const runner = createWebhookRunner({
    deliveries,
    service: createWebhookDeliveryService({ deliveries, breaker, resolve, options }),
    onQueued: (listener) => events.onQueued(() => listener()),
    options,
    log: (err, message) => console.error(message, err),
  });
  return {
    webhooks: createWebhookTrigger({
      webhooks,
      breaker,
      enabled: () => settings.get('webhooks.enabled'),
      onQueued: queued,
    }),
    webhookAdmin: createWebhookAdminService({ webhooks, deliveries, resolve, options, onQueued: queued }),
    webhookRunner: runner,
    /** The periodic clean-up: old finished deliveries go. */
    purgeWebhookDeliveries: () => deliveries.purgeFinished(DELIVERY_RETENTION_DAYS),
    alerts: createOperationalAlerts({
      resolve,
      options: {
        get url() {
          return settings.get('alerts.webhook_url');
        },
        get timeoutSeconds() {
          return settings.get('alerts.webhook_timeout');
        },
        get rateLimitSeconds() {
          return settings.get('alerts.rate_limit_seconds');
        },
        get allowPrivateTargets() {
          return settings.get('webhooks.allow_private_targets');
        },
      },
    }),
  };
}
