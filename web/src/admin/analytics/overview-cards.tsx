/**
 * The overview cards (ui.md §2.2 Analytics): Total Views, Unique Viewers, Watch Time, Completion Rate,
 * Avg Duration, and the views of Today / This Week / This Month, from GET /api/analytics/overview.
 *
 * Test hooks: `#analytics-cards`, each value `[data-stat="<field>"]`.
 */
import type { AnalyticsOverview } from '../../shared/types.js';
import { formatCount, formatHours, formatPercent, formatSeconds } from './analytics-format.js';

type Field = keyof AnalyticsOverview;

const CARDS: Array<{ label: string; field: Field; format: (v: number) => string }> = [
  { label: 'Total Views', field: 'total_views', format: formatCount },
  { label: 'Unique Viewers', field: 'unique_viewers', format: formatCount },
  { label: 'Watch Time', field: 'total_watch_time_hours', format: formatHours },
  { label: 'Completion Rate', field: 'completion_rate', format: (v) => formatPercent(v) },
  { label: 'Avg Duration', field: 'avg_watch_duration_seconds', format: formatSeconds },
];

const RECENT: Array<{ label: string; field: Field }> = [
  { label: 'Today', field: 'views_today' },
  { label: 'This Week', field: 'views_this_week' },
  { label: 'This Month', field: 'views_this_month' },
];

export function OverviewCards({ overview }: { overview: AnalyticsOverview | null }) {
  const value = (field: Field, format: (v: number) => string) =>
    overview ? format(overview[field]) : <span class="skeleton skeleton-line short" aria-hidden="true" />;
  return (
    <dl class="stat-grid" id="analytics-cards" aria-busy={overview ? 'false' : 'true'}>
      {CARDS.map((c) => (
        <div key={c.field} class="card stat-card">
          <dt class="stat-label">{c.label}</dt>
          <dd class="stat-value" data-stat={c.field}>
            {value(c.field, c.format)}
          </dd>
        </div>
      ))}
      <div class="card stat-card stat-card-wide">
        <dt class="stat-label">Views: Today / This Week / This Month</dt>
        <dd class="stat-recent">
          {RECENT.map((r) => (
            <span key={r.field} class="stat-recent-item">
              <span class="stat-value" data-stat={r.field}>
                {value(r.field, formatCount)}
              </span>
              <span class="stat-sub">{r.label}</span>
            </span>
          ))}
        </dd>
      </div>
    </dl>
  );
}
