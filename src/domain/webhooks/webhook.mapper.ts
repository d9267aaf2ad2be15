import type {
  DeliveryStatus,
  WebhookDeliveryDetail,
  WebhookDeliveryItem,
  WebhookResponse,
} from '../../contracts/api/webhook.contract.js';
import type { WebhookDelivery } from '../../db/database.types.js';
import { parseJson } from './webhook-request.js';
import type { WebhookRow } from './webhook.repository.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** A webhook as the API answers it: never the secret, only whether there is one. */
export function toWebhookResponse(w: WebhookRow): WebhookResponse {
  const events = parseJson<unknown>(w.events, []);
  const headers = parseJson<unknown>(w.headers, {});
  return {
    id: w.id,
    name: w.name,
    url: w.url,
    events: Array.isArray(events) ? events.filter((e): e is string => typeof e === 'string') : [],
    active: w.active ?? true,
    headers:
      headers && typeof headers === 'object' && !Array.isArray(headers)
        ? Object.fromEntries(Object.entries(headers).filter(([, v]) => typeof v === 'string'))
        : {},
    created_at: iso(w.created_at),
    updated_at: iso(w.updated_at),
    last_triggered_at: iso(w.last_triggered_at),
    total_deliveries: w.total_deliveries ?? 0,
    successful_deliveries: w.successful_deliveries ?? 0,
    failed_deliveries: w.failed_deliveries ?? 0,
    has_secret: Boolean(w.secret),
  };
}

export function toDeliveryItem(d: WebhookDelivery): WebhookDeliveryItem {
  return {
    id: d.id,
    webhook_id: d.webhook_id ?? 0,
    event_type: d.event_type,
    status: (d.status ?? 'pending') as DeliveryStatus,
    attempt_number: d.attempt_number ?? 1,
    response_status: d.response_status,
    error_message: d.error_message,
    duration_ms: d.duration_ms,
    created_at: iso(d.created_at),
    next_retry_at: iso(d.next_retry_at),
    delivered_at: iso(d.delivered_at),
  };
}

export function toDeliveryDetail(d: WebhookDelivery): WebhookDeliveryDetail {
  return {
    ...toDeliveryItem(d),
    event_data: parseJson<unknown>(d.event_data, d.event_data),
    request_body: d.request_body,
    response_body: d.response_body,
  };
}
