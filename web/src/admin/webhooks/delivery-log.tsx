/**
 * The delivery log of one webhook, newest first: a status filter, Refresh, a page of DELIVERIES_PAGE_SIZE
 * rows with Previous / Next, and each row expandable to its detail. It opens under the list with the focus
 * on its heading; Close gives the focus back to the row's "Deliveries" button (the tab does that).
 *
 * Test hooks: `#delivery-log` (`data-webhook-id`), `#delivery-status`, `#delivery-refresh`, `#delivery-close`,
 * `#delivery-table`, `#delivery-empty`, `#delivery-page`, `#delivery-prev`, `#delivery-next` (rows: delivery-row.tsx).
 */
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { Button } from '../components/button.js';
import { EmptyState, ErrorState, SkeletonRows } from '../components/states.js';
import { TableHead, type Column } from '../components/table-head.js';
import { useLoad } from '../components/use-load.js';
import type { DeliveryStatus, WebhookResponse } from '../../shared/types.js';
import { DELIVERY_COLUMNS, DeliveryRow } from './delivery-row.js';
import { DELIVERY_STATUSES, STATUS_LABELS } from './webhook-events.js';
import { DELIVERIES_PAGE_SIZE, type DeliveryQuery, type WebhooksApi } from './webhooks-api.js';

const COLUMNS: Column[] = [
  { label: 'Details', hidden: true, class: 'col-expand' },
  { label: 'Event' },
  { label: 'Status' },
  { label: 'Attempt', class: 'col-num' },
  { label: 'Response', class: 'col-num' },
  { label: 'Duration', class: 'col-num' },
  { label: 'Created' },
  { label: 'Actions', hidden: true, class: 'col-actions' },
];
if (COLUMNS.length !== DELIVERY_COLUMNS) throw new Error('delivery log columns out of step');

export function DeliveryLog(props: {
  api: WebhooksApi;
  webhook: WebhookResponse;
  /** Bumped when the tab reloads (Refresh, a test, signing in again). */
  version: number;
  close: () => void;
  /**
   * After a retry and on Refresh: the tab reloads the list and stats (their counters move with the log) and
   * bumps `version`, which reloads this log.
   */
  changed: () => void;
}) {
  const query = useSignal<DeliveryQuery>({ status: '', offset: 0 });
  const { state, reload } = useLoad(() => props.api.deliveries(props.webhook.id, query.value));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [props.webhook.id]);
  useEffect(() => {
    query.value = { status: '', offset: 0 };
    void reload();
  }, [props.webhook.id]);
  useEffect(() => {
    if (props.version > 0) void reload();
  }, [props.version]);
  const setQuery = (patch: Partial<DeliveryQuery>) => {
    query.value = { ...query.value, ...patch };
    void reload();
  };

  const s = state.value;
  const page = s.kind === 'ready' ? s.data : null;
  const q = query.value;
  const from = page && page.total > 0 ? q.offset + 1 : 0;
  const to = page ? q.offset + page.count : 0;
  return (
    <section
      id="delivery-log"
      class="card delivery-log"
      data-webhook-id={props.webhook.id}
      aria-labelledby="delivery-log-title"
    >
      <div class="delivery-log-head">
        <h3 id="delivery-log-title" class="card-title" tabIndex={-1} ref={heading}>
          Deliveries of “{props.webhook.name}”
        </h3>
        <div class="toolbar">
          <label class="sr-only" for="delivery-status">
            Show deliveries with status
          </label>
          <select
            id="delivery-status"
            class="input input-sm"
            value={q.status}
            onChange={(ev) => setQuery({ status: ev.currentTarget.value as DeliveryStatus | '', offset: 0 })}
          >
            <option value="">All statuses</option>
            {DELIVERY_STATUSES.map((st) => (
              <option key={st} value={st}>
                {STATUS_LABELS[st]}
              </option>
            ))}
          </select>
          <Button id="delivery-refresh" size="sm" icon="refresh" onClick={props.changed}>
            Refresh
          </Button>
          <Button id="delivery-close" size="sm" variant="ghost" icon="close" onClick={props.close}>
            Close
          </Button>
        </div>
      </div>
      {s.kind === 'error' ? (
        <ErrorState title="Could not load the deliveries" message={s.message} onRetry={() => void reload()} />
      ) : page && page.total === 0 ? (
        <div id="delivery-empty">
          <EmptyState
            icon="send"
            title={q.status ? `No ${STATUS_LABELS[q.status].toLowerCase()} deliveries` : 'No deliveries yet'}
          >
            <p class="muted">Deliveries appear here when a subscribed event happens. Tests are not logged.</p>
          </EmptyState>
        </div>
      ) : (
        <div class="table-wrap">
          <table id="delivery-table" class="delivery-table" aria-busy={page ? 'false' : 'true'}>
            <caption class="sr-only">Deliveries of {props.webhook.name}, newest first</caption>
            <TableHead columns={COLUMNS} />
            <tbody>
              {page ? (
                page.deliveries.map((d) => (
                  <DeliveryRow key={d.id} api={props.api} delivery={d} changed={props.changed} />
                ))
              ) : (
                <SkeletonRows
                  rows={3}
                  cells={[null, 'line', 'pill', 'line', 'line', 'line', 'lines', null]}
                />
              )}
            </tbody>
          </table>
        </div>
      )}
      {page && page.total > 0 && (
        <nav class="pager" aria-label="Delivery pages">
          <Button
            id="delivery-prev"
            size="sm"
            icon="back"
            disabled={q.offset === 0}
            onClick={() => setQuery({ offset: Math.max(0, q.offset - DELIVERIES_PAGE_SIZE) })}
          >
            Previous
          </Button>
          <span id="delivery-page" class="muted small" aria-live="polite">
            {from}–{to} of {page.total}
          </span>
          <Button
            id="delivery-next"
            size="sm"
            disabled={to >= page.total}
            onClick={() => setQuery({ offset: q.offset + DELIVERIES_PAGE_SIZE })}
          >
            Next
          </Button>
        </nav>
      )}
    </section>
  );
}
