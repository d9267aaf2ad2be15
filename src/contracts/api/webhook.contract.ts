import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Id, Int4, Nullable, PageQuery, literals } from './common.contract.js';

/** Webhooks on the admin API (api-admin.md §17; delivery mechanics pipeline.md §16). */

/** The events a webhook may subscribe to. */
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
export const WebhookEventName = literals(WEBHOOK_EVENTS);

/**
 * The states of a delivery: `delivering` while a sender holds it (its lease in next_retry_at), `failed` will
 * be retried at next_retry_at, `failed_permanent` will not.
 */
export const DELIVERY_STATUSES = [
  'pending',
  'delivering',
  'delivered',
  'failed',
  'failed_permanent',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Header names a webhook's custom headers may not set, lower-case (pipeline.md §16; compared case-insensitively). */
export const PROTECTED_HEADERS = [
  'content-type',
  'content-length',
  'host',
  'user-agent',
  'x-vlog-event',
  'x-vlog-delivery-id',
  'x-vlog-timestamp',
  'x-vlog-signature',
  'x-vlog-test',
  'authorization',
  'cookie',
  'transfer-encoding',
  'connection',
] as const;
export type ProtectedHeader = (typeof PROTECTED_HEADERS)[number];

/** Custom request headers: name → value (protected names are refused, pipeline.md §16). */
export const WebhookHeaders = Type.Record(
  Type.String({ minLength: 1, maxLength: 100, pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$" }),
  Type.String({ maxLength: 1000, pattern: '^[^\\r\\n]*$' }),
  { maxProperties: 20 },
);
export type WebhookHeaders = Static<typeof WebhookHeaders>;

/** A webhook as answered: never the secret, only `has_secret`. */
export const WebhookResponse = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  active: Type.Boolean(),
  /** The custom headers (an extension of the spec's shape, so the admin UI can edit them). */
  headers: WebhookHeaders,
  created_at: DateTime(),
  updated_at: DateTime(),
  last_triggered_at: DateTime(),
  total_deliveries: Type.Integer(),
  successful_deliveries: Type.Integer(),
  failed_deliveries: Type.Integer(),
  has_secret: Type.Boolean(),
});
export type WebhookResponse = Static<typeof WebhookResponse>;

export const WebhookListQuery = Type.Object({
  ...PageQuery(100, 50),
  active_only: Type.Boolean({ default: false }),
});
export type WebhookListQuery = Static<typeof WebhookListQuery>;

/** `GET /api/webhooks`: newest first. */
export const WebhookList = Type.Object({
  webhooks: Type.Array(WebhookResponse),
  total_count: Type.Integer(),
});
export type WebhookList = Static<typeof WebhookList>;

/** `GET /api/webhooks/stats`: `failed_deliveries` counts `failed_permanent` ones. */
export const WebhookStats = Type.Object({
  total_webhooks: Type.Integer(),
  active_webhooks: Type.Integer(),
  pending_deliveries: Type.Integer(),
  failed_deliveries: Type.Integer(),
  total_deliveries_24h: Type.Integer(),
  successful_deliveries_24h: Type.Integer(),
});
export type WebhookStats = Static<typeof WebhookStats>;

const Name = Type.String({ minLength: 1, maxLength: 100 });
const Url = Type.String({ minLength: 10, maxLength: 500 });
const Events = Type.Array(WebhookEventName, { minItems: 1, maxItems: 20 });
const Secret = Type.String({ minLength: 32, maxLength: 64 });

/** `POST /api/webhooks` → 201 WebhookResponse; an SSRF-blocked URL → 422. */
export const WebhookCreateBody = Type.Object({
  name: Name,
  url: Url,
  events: Events,
  secret: Type.Optional(Secret),
  active: Type.Boolean({ default: true }),
  headers: Type.Optional(WebhookHeaders),
});
export type WebhookCreateBody = Static<typeof WebhookCreateBody>;

/** `PUT /api/webhooks/{id}`: any field; `secret: ""` removes the secret, `headers: {}` clears them. */
export const WebhookUpdateBody = Type.Object({
  name: Type.Optional(Name),
  url: Type.Optional(Url),
  events: Type.Optional(Events),
  secret: Type.Optional(Type.Union([Type.Literal(''), Secret])),
  active: Type.Optional(Type.Boolean()),
  headers: Type.Optional(WebhookHeaders),
});
export type WebhookUpdateBody = Static<typeof WebhookUpdateBody>;

/** `POST /api/webhooks/{id}/test`: the body is optional (none: `video.ready`). */
export const WebhookTestBody = Nullable(
  Type.Object({
    event_type: Type.Optional(WebhookEventName),
  }),
);
export type WebhookTestBody = Static<typeof WebhookTestBody>;

/** The outcome of a synchronous test POST (not stored). */
export const WebhookTestResult = Type.Object({
  success: Type.Boolean(),
  status_code: Nullable(Type.Integer()),
  /** At most 2000 characters. */
  response_body: Nullable(Type.String()),
  error_message: Nullable(Type.String()),
  duration_ms: Type.Integer(),
});
export type WebhookTestResult = Static<typeof WebhookTestResult>;

export const DeliveryListQuery = Type.Object({
  status: Type.Optional(literals(DELIVERY_STATUSES)),
  ...PageQuery(200, 50),
});
export type DeliveryListQuery = Static<typeof DeliveryListQuery>;

export const DeliveryParams = Type.Object({ id: Id(), did: Id() });
export type DeliveryParams = Static<typeof DeliveryParams>;

/** One delivery of the log (newest first). */
export const WebhookDeliveryItem = Type.Object({
  id: Type.Integer(),
  webhook_id: Type.Integer(),
  event_type: Type.String(),
  status: literals(DELIVERY_STATUSES),
  attempt_number: Type.Integer(),
  response_status: Nullable(Type.Integer()),
  error_message: Nullable(Type.String()),
  duration_ms: Nullable(Int4()),
  created_at: DateTime(),
  next_retry_at: DateTime(),
  delivered_at: DateTime(),
});
export type WebhookDeliveryItem = Static<typeof WebhookDeliveryItem>;

/** `count` is the rows of this page, `total` all rows matching the filter. */
export const WebhookDeliveryList = Type.Object({
  deliveries: Type.Array(WebhookDeliveryItem),
  count: Type.Integer(),
  total: Type.Integer(),
});
export type WebhookDeliveryList = Static<typeof WebhookDeliveryList>;

/** A delivery with the event's data (parsed JSON), the body sent and the receiver's answer (≤2000 chars). */
export const WebhookDeliveryDetail = Type.Composite([
  WebhookDeliveryItem,
  Type.Object({
    event_data: Type.Unknown(),
    request_body: Nullable(Type.String()),
    response_body: Nullable(Type.String()),
  }),
]);
export type WebhookDeliveryDetail = Static<typeof WebhookDeliveryDetail>;
