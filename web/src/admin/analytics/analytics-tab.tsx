/**
 * Analytics tab (ui.md §2.2, issue 13 §2): overview cards, views and watch time per day, Top Videos, and a
 * chosen video's numbers, views, quality breakdown and audience-retention curve. Charts are hand-drawn SVG
 * (../charts). Everything reloads when the tab is shown, on Refresh, and after signing in again; with no
 * views at all the tab says so instead of drawing empty charts.
 *
 * Test hooks: `#analytics-refresh`, `#analytics-empty` (and those of the report files).
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { Button } from '../components/button.js';
import { componentTab, type TabProps } from '../components/component-tab.js';
import { EmptyState, ErrorState } from '../components/states.js';
import { useLoad } from '../components/use-load.js';
import { analyticsApi, type AnalyticsApi, type Reload } from './analytics-api.js';
import { OverviewCards } from './overview-cards.js';
import { TopVideos } from './top-videos.js';
import { TrendsReport } from './trends-report.js';
import { VideoDetail } from './video-detail.js';

function Reports({ api, reload }: { api: AnalyticsApi; reload: Reload }) {
  const selected = useSignal<number | null>(null);
  const close = () => {
    const id = selected.value;
    selected.value = null;
    // Back to the row the details were opened from.
    document.querySelector<HTMLElement>(`#analytics-top-table tr[data-video-id="${id}"] .row-open`)?.focus();
  };
  return (
    <>
      <TrendsReport api={api} reload={reload} />
      <TopVideos api={api} reload={reload} selected={selected.value} open={(id) => (selected.value = id)} />
      {selected.value !== null && <VideoDetail api={api} id={selected.value} reload={reload} close={close} />}
    </>
  );
}

function AnalyticsPanel({ ctx, active, refreshCount }: TabProps) {
  const api = useMemo(() => analyticsApi(ctx.api), [ctx.api]);
  // Each reload bumps the version the reports below reload with.
  const current = useSignal<Reload>({ version: 0, fresh: false });
  const overview = useLoad(() => api.overview(current.value.fresh));
  const reload = (fresh: boolean) => {
    current.value = { version: current.value.version + 1, fresh };
    void overview.reload();
  };
  useEffect(() => {
    const unsubscribers = [
      active.subscribe((on) => on && reload(false)),
      refreshCount.subscribe((n) => n > 0 && reload(true)),
    ];
    return () => unsubscribers.forEach((off) => off());
  }, []);

  const state = overview.state.value;
  const data = state.kind === 'ready' ? state.data : null;
  return (
    <>
      <div class="panel-head">
        <div class="panel-title-row">
          <h2 class="panel-title">Analytics</h2>
        </div>
        <div class="toolbar">
          <Button
            id="analytics-refresh"
            size="sm"
            icon="refresh"
            busy={state.kind === 'loading'}
            onClick={() => reload(true)}
          >
            Refresh
          </Button>
        </div>
      </div>
      {state.kind === 'error' ? (
        <div class="card table-state">
          <ErrorState title="Could not load analytics" message={state.message} onRetry={() => reload(true)} />
        </div>
      ) : data && data.total_views === 0 ? (
        <div class="card table-state" id="analytics-empty">
          <EmptyState icon="chart" title="No views yet">
            <p class="muted">
              Views, watch time and audience retention appear here once people watch your videos.
            </p>
          </EmptyState>
        </div>
      ) : (
        <div class="analytics-layout">
          <OverviewCards overview={data} />
          {data && current.value.version > 0 && <Reports api={api} reload={current.value} />}
        </div>
      )}
    </>
  );
}

export const analyticsTab = componentTab({
  id: 'analytics',
  label: 'Analytics',
  icon: 'chart',
  Component: AnalyticsPanel,
});
