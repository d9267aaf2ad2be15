/**
 * The stats cards of GET /api/webhooks/stats: webhooks (active of total), deliveries in the last 24 h with
 * how many succeeded, pending deliveries and those that failed for good. Skeletons until loaded; an error
 * shows in place of the numbers without hiding the list. Test hooks: `#webhook-stats`, `[data-stat="<field>"]`.
 */
import type { LoadState } from '../components/use-load.js';
import type { WebhookStats } from '../../shared/types.js';

type Field = keyof WebhookStats;

const CARDS: Array<{ label: string; field: Field; sub?: (s: WebhookStats) => string }> = [
  { label: 'Webhooks', field: 'total_webhooks', sub: (s) => `${s.active_webhooks} active` },
  {
    label: 'Last 24 h',
    field: 'total_deliveries_24h',
    sub: (s) => `deliveries, ${s.successful_deliveries_24h} successful`,
  },
  { label: 'Pending', field: 'pending_deliveries', sub: () => 'queued or retrying' },
  { label: 'Failed', field: 'failed_deliveries', sub: () => 'gave up after retries' },
];

export function WebhookStatsCards({ state }: { state: LoadState<WebhookStats> }) {
  if (state.kind === 'error') {
    return (
      <p id="webhook-stats" class="form-error" role="alert">
        Could not load the delivery statistics: {state.message}
      </p>
    );
  }
  const stats = state.kind === 'ready' ? state.data : null;
  return (
    <dl class="stat-grid webhook-stats" id="webhook-stats" aria-busy={stats ? 'false' : 'true'}>
      {CARDS.map((c) => (
        <div key={c.field} class="card stat-card">
          <dt class="stat-label">{c.label}</dt>
          <dd class="stat-value" data-stat={c.field}>
            {stats ? stats[c.field] : <span class="skeleton skeleton-line short" aria-hidden="true" />}
          </dd>
          {stats && c.sub && <dd class="stat-sub">{c.sub(stats)}</dd>}
        </div>
      ))}
    </dl>
  );
}
