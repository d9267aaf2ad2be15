/**
 * One webhook in the list: name, the Active switch (saved at once), a "Signed" badge when it has a secret,
 * the URL, its events as chips, the delivery counters and when it last fired; actions Deliveries, Send test,
 * Edit and Delete (after a confirmation). Test hooks: `li[data-webhook-id]`, `[data-testid="events"]`,
 * `[data-testid="counters"]`, `[data-testid="has-secret"]`, `[data-action="active"|"deliveries"|"test"|"edit"|"delete"]`.
 */
import { useSignal } from '@preact/signals';
import { errorMessage } from '../api.js';
import { Button } from '../components/button.js';
import { confirmDialog } from '../components/confirm.js';
import { Switch } from '../components/switch.js';
import { toast } from '../components/toast.js';
import { formatDateTime } from '../../shared/format.js';
import type { WebhookResponse } from '../../shared/types.js';
import type { WebhooksApi } from './webhooks-api.js';

export interface RowActions {
  edit: (w: WebhookResponse) => void;
  test: (w: WebhookResponse) => void;
  deliveries: (w: WebhookResponse) => void;
  /** Something changed on the server: reload the list and the stats. */
  changed: () => void;
}

export function WebhookRow(props: {
  api: WebhooksApi;
  webhook: WebhookResponse;
  selected: boolean;
  actions: RowActions;
}) {
  const w = props.webhook;
  const toggling = useSignal(false);
  const deleting = useSignal(false);

  const setActive = async (active: boolean) => {
    toggling.value = true;
    try {
      await props.api.update(w.id, { active });
      toast(`“${w.name}” ${active ? 'activated' : 'deactivated'}`, 'success');
      props.actions.changed();
    } catch (err) {
      toast(`Could not change “${w.name}”: ${errorMessage(err)}`, 'error');
    } finally {
      toggling.value = false;
    }
  };

  const remove = async () => {
    const ok = await confirmDialog({
      title: 'Delete webhook',
      message: `Delete “${w.name}” (${w.url})? Its delivery log (${w.total_deliveries} deliveries) goes with it.`,
      confirmLabel: 'Delete webhook',
      danger: true,
    });
    if (!ok) return;
    deleting.value = true;
    try {
      const res = await props.api.remove(w.id);
      toast(res.message, 'success');
      props.actions.changed();
    } catch (err) {
      toast(`Could not delete “${w.name}”: ${errorMessage(err)}`, 'error');
      deleting.value = false;
    }
  };

  const failed = w.failed_deliveries;
  return (
    <li
      class={`webhook-row${w.active ? '' : ' webhook-inactive'}${props.selected ? ' row-selected' : ''}`}
      data-webhook-id={w.id}
      data-active={String(w.active)}
    >
      <div class="webhook-main">
        <div class="webhook-title">
          <h3 class="webhook-name">{w.name}</h3>
          {w.has_secret && (
            <span class="chip chip-sm" data-testid="has-secret" title="Deliveries carry X-VLog-Signature">
              Signed
            </span>
          )}
        </div>
        <p class="webhook-url muted small">{w.url}</p>
        <ul class="tag-chips" data-testid="events" aria-label="Events">
          {w.events.map((e) => (
            <li key={e} class="chip chip-sm">
              {e}
            </li>
          ))}
        </ul>
        <p class="muted small" data-testid="counters">
          <span class="count-ok">{w.successful_deliveries} delivered</span>
          {' · '}
          <span class={failed > 0 ? 'text-error' : undefined}>{failed} failed</span>
          {' · '}
          {w.total_deliveries} total
          {' · '}
          {w.last_triggered_at ? `last triggered ${formatDateTime(w.last_triggered_at)}` : 'never triggered'}
        </p>
      </div>
      <div class="webhook-side">
        <Switch
          checked={w.active}
          disabled={toggling.value}
          aria-label={`${w.name} active`}
          data-action="active"
          onChange={(on) => void setActive(on)}
        >
          <span class="switch-text">{w.active ? 'Active' : 'Inactive'}</span>
        </Switch>
        <div class="webhook-actions">
          <Button
            size="sm"
            icon="list"
            data-action="deliveries"
            aria-label={`Deliveries of ${w.name}`}
            aria-pressed={props.selected ? 'true' : 'false'}
            onClick={() => props.actions.deliveries(w)}
          >
            Deliveries
          </Button>
          <Button
            size="sm"
            icon="send"
            data-action="test"
            aria-label={`Send a test to ${w.name}`}
            onClick={() => props.actions.test(w)}
          >
            Test
          </Button>
          <Button
            size="sm"
            variant="ghost"
            icon="edit"
            data-action="edit"
            aria-label={`Edit ${w.name}`}
            onClick={() => props.actions.edit(w)}
          >
            Edit
          </Button>
          <Button
            size="sm"
            variant="ghost-danger"
            icon="trash"
            busy={deleting.value}
            data-action="delete"
            aria-label={`Delete ${w.name}`}
            onClick={() => void remove()}
          >
            Delete
          </Button>
        </div>
      </div>
    </li>
  );
}
