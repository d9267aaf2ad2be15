/**
 * The eight events a webhook can subscribe to (api-admin.md §17), in the contract's order, with what each
 * means for the checklist, and the delivery statuses with their labels. The contract's value lists cannot be
 * imported into a bundle (type-only imports), so the lists are repeated here and checked against its types:
 * an event added to the contract and missing here is a compile error.
 */
import type { DeliveryStatus, WebhookEvent } from '../../shared/types.js';

export const EVENT_INFO = {
  'video.uploaded': 'A video was uploaded',
  'video.ready': 'A video finished processing and can be watched',
  'video.failed': 'Processing a video failed',
  'video.deleted': 'A video was moved to the archive',
  'video.restored': 'An archived video was restored',
  'transcription.completed': 'A transcript is ready',
  'worker.registered': 'A worker registered',
  'worker.offline': 'A worker stopped sending heartbeats',
} as const satisfies Record<WebhookEvent, string>;

export const WEBHOOK_EVENTS = Object.keys(EVENT_INFO) as WebhookEvent[];

export const STATUS_LABELS = {
  pending: 'Pending',
  delivering: 'Sending',
  delivered: 'Delivered',
  failed: 'Failed (will retry)',
  failed_permanent: 'Failed permanently',
} as const satisfies Record<DeliveryStatus, string>;

export const DELIVERY_STATUSES = Object.keys(STATUS_LABELS) as DeliveryStatus[];

/** The badge colour of a delivery status (components/badge.tsx): waiting yellow, being sent blue. */
export const STATUS_BADGE = {
  pending: 'pending',
  delivering: 'processing',
  delivered: 'ready',
  failed: 'failed',
  failed_permanent: 'failed',
} as const satisfies Record<DeliveryStatus, string>;

/**
 * Failed and pending deliveries can be sent again now; delivered ones cannot (the API answers 400), nor one a
 * sender holds at this moment (`delivering`).
 */
export const canRetry = (status: DeliveryStatus) => status !== 'delivered' && status !== 'delivering';
