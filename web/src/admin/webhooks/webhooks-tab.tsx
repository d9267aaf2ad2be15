/**
 * Webhooks tab (api-admin.md §17, ui.md §2.2 "build it"): the stats cards, every webhook with its events,
 * counters and Active switch, "New webhook" and Edit (webhook-dialog.tsx), "Send test" (test-dialog.tsx),
 * Delete after a confirmation, and one webhook's delivery log under the list (delivery-log.tsx). Everything
 * reloads when the tab is shown, on Refresh, after a change and after signing in again.
 *
 * Test hooks: `#webhooks`, `#webhooks-count`, `#webhook-new`, `#webhooks-refresh`, `#webhooks-list`,
 * `#webhooks-empty`, `#webhook-create-first` (and those of the files named above).
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { Button } from '../components/button.js';
import { componentTab, type TabProps } from '../components/component-tab.js';
import { EmptyState, ErrorState } from '../components/states.js';
import { toast } from '../components/toast.js';
import { useLoad } from '../components/use-load.js';
import type { WebhookResponse } from '../../shared/types.js';
import { DeliveryLog } from './delivery-log.js';
import { openTestDialog } from './test-dialog.js';
import { openWebhookDialog } from './webhook-dialog.js';
import { WEBHOOK_EVENTS } from './webhook-events.js';
import { createBody, updateBody } from './webhook-form.js';
import { WebhookRow, type RowActions } from './webhook-row.js';
import { WebhookStatsCards } from './webhook-stats.js';
import { WEBHOOKS_PAGE_SIZE, webhooksApi, type WebhooksApi } from './webhooks-api.js';

/** Every webhook, page by page (a site has a handful; the API pages at 100). */
async function listAll(api: WebhooksApi): Promise<WebhookResponse[]> {
  const all: WebhookResponse[] = [];
  for (;;) {
    const page = await api.list(all.length);
    all.push(...page.webhooks);
    if (page.webhooks.length < WEBHOOKS_PAGE_SIZE || all.length >= page.total_count) return all;
  }
}

/** Placeholder rows while the first load runs. */
function LoadingList() {
  return (
    <div class="card webhook-list" aria-busy="true">
      <p class="sr-only" role="status">
        Loading webhooks…
      </p>
      {[0, 1].map((i) => (
        <div key={i} class="webhook-row" aria-hidden="true">
          <div class="webhook-main">
            <div class="skeleton skeleton-line short" />
            <div class="skeleton skeleton-line" />
            <div class="skeleton skeleton-pill" />
          </div>
        </div>
      ))}
    </div>
  );
}

function WebhookList(props: {
  api: WebhooksApi;
  webhooks: WebhookResponse[];
  selectedId: number | null;
  actions: RowActions;
  create: () => void;
}) {
  if (props.webhooks.length === 0) {
    return (
      <div class="card table-state" id="webhooks-empty">
        <EmptyState icon="send" title="No webhooks yet">
          <p class="muted">
            A webhook sends a signed POST to your URL when videos are uploaded, ready, failed, deleted or
            restored, when a transcript is ready, or when a worker comes or goes.
          </p>
          <Button id="webhook-create-first" variant="primary" icon="plus" onClick={props.create}>
            Create your first webhook
          </Button>
        </EmptyState>
      </div>
    );
  }
  return (
    <ul id="webhooks-list" class="card webhook-list" aria-label="Webhooks">
      {props.webhooks.map((w) => (
        <WebhookRow
          key={w.id}
          api={props.api}
          webhook={w}
          selected={w.id === props.selectedId}
          actions={props.actions}
        />
      ))}
    </ul>
  );
}

function WebhooksTab({ ctx, active, refreshCount }: TabProps) {
  const api = useMemo(() => webhooksApi(ctx.api), [ctx.api]);
  const list = useLoad(() => listAll(api));
  const stats = useLoad(api.stats);
  const selectedId = useSignal<number | null>(null);
  const version = useSignal(0);
  const reload = () => {
    void list.reload();
    void stats.reload();
    version.value += 1;
  };
  useEffect(() => {
    const unsubscribers = [
      active.subscribe((on) => on && reload()),
      refreshCount.subscribe((n) => n > 0 && reload()),
    ];
    return () => unsubscribers.forEach((off) => off());
  }, []);

  const create = () =>
    openWebhookDialog(null, async (form) => {
      const created = await api.create(createBody(form, WEBHOOK_EVENTS));
      toast(`Webhook “${created.name}” created`, 'success');
      reload();
    });
  const actions: RowActions = {
    edit: (w) =>
      openWebhookDialog(w, async (form) => {
        const saved = await api.update(w.id, updateBody(form, WEBHOOK_EVENTS));
        toast(`Webhook “${saved.name}” saved`, 'success');
        reload();
      }),
    test: (w) => openTestDialog(api, w, reload),
    deliveries: (w) => (selectedId.value = selectedId.value === w.id ? null : w.id),
    changed: reload,
  };
  const closeLog = () => {
    const id = selectedId.value;
    selectedId.value = null;
    document
      .querySelector<HTMLElement>(`#webhooks-list li[data-webhook-id="${id}"] [data-action="deliveries"]`)
      ?.focus();
  };

  const s = list.state.value;
  const webhooks = s.kind === 'ready' ? s.data : null;
  const selected = webhooks?.find((w) => w.id === selectedId.value) ?? null;
  return (
    <div id="webhooks" class="webhooks-tab">
      <div class="panel-head">
        <div class="panel-title-row">
          <h2 class="panel-title">Webhooks</h2>
          <span class="panel-count" id="webhooks-count">
            {webhooks ? `${webhooks.length} ${webhooks.length === 1 ? 'webhook' : 'webhooks'}` : ''}
          </span>
        </div>
        <div class="toolbar">
          <Button id="webhooks-refresh" size="sm" icon="refresh" busy={s.kind === 'loading'} onClick={reload}>
            Refresh
          </Button>
          <Button id="webhook-new" size="sm" variant="primary" icon="plus" onClick={create}>
            New webhook
          </Button>
        </div>
      </div>
      <WebhookStatsCards state={stats.state.value} />
      {s.kind === 'loading' && <LoadingList />}
      {s.kind === 'error' && (
        <div class="card table-state">
          <ErrorState title="Could not load the webhooks" message={s.message} onRetry={reload} />
        </div>
      )}
      {webhooks && (
        <WebhookList
          api={api}
          webhooks={webhooks}
          selectedId={selectedId.value}
          actions={actions}
          create={create}
        />
      )}
      {selected && (
        <DeliveryLog api={api} webhook={selected} version={version.value} close={closeLog} changed={reload} />
      )}
    </div>
  );
}

export const webhooksTab = componentTab({
  id: 'webhooks',
  label: 'Webhooks',
  icon: 'send',
  Component: WebhooksTab,
});
