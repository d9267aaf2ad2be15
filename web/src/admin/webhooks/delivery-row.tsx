/**
 * A row of the delivery log: event, status, attempt, the receiver's status code, duration and times; the
 * disclosure button expands the detail under it (delivery-detail.tsx), "Retry" queues a pending or failed
 * one again (disabled for delivered ones, which the API refuses). Test hooks: `tr[data-delivery-id]`
 * (`data-status`), `[data-action="expand"|"retry"]`.
 */
import { useSignal } from '@preact/signals';
import { Fragment } from 'preact';
import { errorMessage } from '../api.js';
import { Badge } from '../components/badge.js';
import { Button } from '../components/button.js';
import { Icon } from '../components/icon.js';
import { toast } from '../components/toast.js';
import { formatDateTime } from '../../shared/format.js';
import type { WebhookDeliveryItem } from '../../shared/types.js';
import { DeliveryDetail } from './delivery-detail.js';
import { STATUS_BADGE, STATUS_LABELS, canRetry } from './webhook-events.js';
import type { WebhooksApi } from './webhooks-api.js';

/** Columns of the log (delivery-log.tsx's header has the same count). */
export const DELIVERY_COLUMNS = 8;

function when(d: WebhookDeliveryItem): string {
  if (d.status === 'delivered') return `Delivered ${formatDateTime(d.delivered_at)}`;
  // A sender holds it: next_retry_at is its lease, not a planned attempt.
  if (d.status === 'delivering') return 'Being sent now';
  if (d.next_retry_at && d.status !== 'failed_permanent')
    return `Next try ${formatDateTime(d.next_retry_at)}`;
  return '';
}

export function DeliveryRow(props: { api: WebhooksApi; delivery: WebhookDeliveryItem; changed: () => void }) {
  const d = props.delivery;
  const open = useSignal(false);
  const busy = useSignal(false);
  const detailId = `delivery-detail-${d.id}`;
  const retryable = canRetry(d.status);

  const retry = async () => {
    busy.value = true;
    try {
      const res = await props.api.retry(d.webhook_id, d.id);
      toast(res.message, 'success');
      props.changed();
    } catch (err) {
      toast(`Could not retry delivery ${d.id}: ${errorMessage(err)}`, 'error');
    } finally {
      busy.value = false;
    }
  };

  return (
    <Fragment>
      <tr data-delivery-id={d.id} data-status={d.status} class={open.value ? 'delivery-open' : undefined}>
        <td class="col-expand">
          <button
            type="button"
            class="btn btn-icon btn-ghost disclosure"
            data-action="expand"
            aria-expanded={open.value ? 'true' : 'false'}
            aria-controls={open.value ? detailId : undefined}
            aria-label={`Details of delivery ${d.id} (${d.event_type})`}
            onClick={() => (open.value = !open.value)}
          >
            <Icon name="chevron" />
          </button>
        </td>
        <td class="col-event">
          <code>{d.event_type}</code>
        </td>
        <td class="col-status">
          <Badge status={STATUS_BADGE[d.status]}>{STATUS_LABELS[d.status]}</Badge>
        </td>
        <td class="col-num" data-label="Attempt">
          {d.attempt_number}
        </td>
        <td class="col-num" data-label="Response">
          {d.response_status ?? '—'}
        </td>
        <td class="col-num" data-label="Duration">
          {d.duration_ms === null ? '—' : `${d.duration_ms} ms`}
        </td>
        <td class="col-when">
          <div class="when-lines">
            <span>{formatDateTime(d.created_at)}</span>
            <span class="muted small">{when(d)}</span>
            {d.error_message && <span class="text-error small delivery-error">{d.error_message}</span>}
          </div>
        </td>
        <td class="col-actions">
          <Button
            size="sm"
            icon="refresh"
            data-action="retry"
            busy={busy.value}
            disabled={!retryable}
            title={
              retryable ? undefined : d.status === 'delivered' ? 'Delivered: nothing to retry' : 'Being sent'
            }
            aria-label={`Retry delivery ${d.id}`}
            onClick={() => void retry()}
          >
            Retry
          </Button>
        </td>
      </tr>
      {open.value && (
        <tr class="detail-row">
          <td colSpan={DELIVERY_COLUMNS}>
            <DeliveryDetail id={detailId} load={() => props.api.delivery(d.webhook_id, d.id)} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}
