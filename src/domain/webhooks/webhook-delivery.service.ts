import type { WebhookDelivery } from '../../db/database.types.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type {
  DeliveredAttempt,
  DeliveryTarget,
  WebhookDeliveryRepository,
} from './webhook-delivery.repository.js';
import { postJson, type PostOutcome } from './webhook-http.js';
import { deliveryBody, deliveryHeaders, parseJson, retryDelaySeconds } from './webhook-request.js';
import type { GuardOptions } from './ssrf-guard.js';

/** The webhooks.* settings a delivery reads at each use (pass the live object, not a copy). */
export interface DeliveryOptions {
  readonly maxRetries: number;
  readonly retryBaseDelaySeconds: number;
  readonly retryBackoffMultiplier: number;
  readonly requestTimeoutSeconds: number;
  readonly allowPrivateTargets: boolean;
}

/** How one claimed delivery ended. */
export type DeliveryResult = 'delivered' | 'retrying' | 'failed_permanent' | 'postponed' | 'lost';

/**
 * Sends one claimed delivery (pipeline.md §16 "Request" and "Outcome"): the signed POST through the SSRF
 * guard, then delivered, a retry with backoff and jitter, or a final failure — and the circuit breaker
 * told. A webhook gone or inactive fails the delivery for good; an open circuit postpones it.
 */
export function createWebhookDeliveryService(deps: {
  deliveries: WebhookDeliveryRepository;
  breaker: CircuitBreaker;
  resolve: GuardOptions['resolve'];
  options: DeliveryOptions;
}) {
  const { deliveries, breaker, options } = deps;

  function request(delivery: WebhookDelivery, webhook: DeliveryTarget) {
    const timestamp = (delivery.created_at ?? new Date()).toISOString();
    const attempt = delivery.attempt_number ?? 1;
    const body = deliveryBody({
      id: delivery.id,
      event: delivery.event_type,
      timestamp,
      attempt,
      data: parseJson<unknown>(delivery.event_data, {}),
    });
    const headers = deliveryHeaders({
      event: delivery.event_type,
      deliveryId: String(delivery.id),
      timestamp,
      body,
      secret: webhook.secret,
      custom: parseJson<Record<string, string>>(webhook.headers, {}),
    });
    return { body, headers };
  }

  async function failed(
    delivery: WebhookDelivery,
    error: string,
    outcome: PostOutcome | null,
    body: string | null,
  ) {
    const attempt = delivery.attempt_number ?? 1;
    const retry = attempt < options.maxRetries;
    const backoffSeconds = retryDelaySeconds({
      attempt,
      baseSeconds: options.retryBaseDelaySeconds,
      multiplier: options.retryBackoffMultiplier,
    });
    const record = outcome && {
      requestBody: body,
      responseStatus: outcome.statusCode,
      responseBody: outcome.responseBody,
      durationMs: outcome.durationMs,
    };
    const held = await deliveries.failed(delivery, { error, retry, backoffSeconds, attempt: record });
    if (!held) return 'lost';
    return retry ? 'retrying' : 'failed_permanent';
  }

  return {
    /**
     * Delivers `delivery` (claimed: held by this process) to `webhook`. A 2xx answer is stored by
     * `storeDelivered` (the runner's: answers that arrive together go in one statement with its next
     * claim), which says whether the delivery was still held; the other outcomes are stored here.
     */
    async deliver(
      delivery: WebhookDelivery,
      webhook: DeliveryTarget | null,
      storeDelivered: (delivered: DeliveredAttempt) => Promise<boolean>,
    ): Promise<DeliveryResult> {
      if (!webhook || webhook.active === false) {
        const held = await deliveries.failed(delivery, {
          error: webhook ? 'Webhook is inactive' : 'Webhook not found',
          retry: false,
          backoffSeconds: 0,
          attempt: null,
        });
        return held ? 'failed_permanent' : 'lost';
      }
      if (breaker.isOpen(webhook.id)) {
        await deliveries.postpone(delivery.id, breaker.openMs / 1000, 'Circuit breaker open');
        return 'postponed';
      }
      const { body, headers } = request(delivery, webhook);
      const outcome = await postJson({
        url: webhook.url,
        body,
        headers,
        timeoutMs: options.requestTimeoutSeconds * 1000,
        guard: { resolve: deps.resolve, allowPrivate: options.allowPrivateTargets },
      });
      if (outcome.ok) {
        breaker.success(webhook.id);
        const held = await storeDelivered({
          delivery,
          attempt: {
            requestBody: body,
            responseStatus: outcome.statusCode,
            responseBody: outcome.responseBody,
            durationMs: outcome.durationMs,
          },
        });
        return held ? 'delivered' : 'lost';
      }
      breaker.failure(webhook.id);
      return failed(delivery, outcome.error ?? 'Delivery failed', outcome, body);
    },
  };
}

export type WebhookDeliveryService = ReturnType<typeof createWebhookDeliveryService>;
