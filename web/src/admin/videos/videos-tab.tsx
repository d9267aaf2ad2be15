/**
 * Videos tab: the table of all videos with search and status filter, status badges with live per-quality
 * progress (SSE, polling fallback), row actions, and empty / loading / error states.
 *
 * Test hooks: `#videos-table`, `#videos-search`, `#videos-status-filter`, `#videos-refresh`, `#videos-count`,
 * `#live-indicator`, rows `tr[data-video-id]` (see video-row.tsx, status-cell.tsx, row-actions.tsx).
 */
import { useEffect, useState } from 'preact/hooks';
import { Button } from '../components/button.js';
import { componentTab, type TabProps } from '../components/component-tab.js';
import { EmptyState, ErrorState, SkeletonRows } from '../components/states.js';
import { TableHead, type Column } from '../components/table-head.js';
import { toast } from '../components/toast.js';
import type { TabContext } from '../tabs.js';
import { LiveIndicator } from './live-indicator.js';
import { VideoRow } from './video-row.js';
import { VideosStore } from './videos-store.js';

const STATUSES = ['pending', 'processing', 'ready', 'failed'] as const;

const COLUMNS: Column[] = [
  { label: 'Thumbnail', class: 'col-thumb', hidden: true },
  { label: 'Title' },
  { label: 'Status', class: 'col-status' },
  { label: 'Created', class: 'col-created' },
  { label: 'Actions', class: 'col-actions', hidden: true },
];

function countText(shown: number, total: number, hasMore: boolean): string {
  const base =
    shown === total ? `${total} ${total === 1 ? 'video' : 'videos'}` : `${shown} of ${total} videos`;
  return hasMore ? `${base} (showing the newest ${total})` : base;
}

function Toolbar({ store }: { store: VideosStore }) {
  return (
    <div class="toolbar">
      <input
        type="search"
        id="videos-search"
        class="input input-sm"
        placeholder="Filter by title"
        aria-label="Filter videos by title"
        aria-keyshortcuts="/ Control+K"
        value={store.search.value}
        onInput={(ev) => (store.search.value = ev.currentTarget.value)}
      />
      <select
        id="videos-status-filter"
        class="input input-sm"
        aria-label="Filter by status"
        value={store.statusFilter.value}
        onChange={(ev) => (store.statusFilter.value = ev.currentTarget.value)}
      >
        <option value="">All statuses</option>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {s[0]!.toUpperCase() + s.slice(1)}
          </option>
        ))}
      </select>
      <Button
        id="videos-refresh"
        size="sm"
        icon="refresh"
        disabled={store.refreshing.value}
        onClick={() => void store.load()}
      >
        <span>Refresh</span>
      </Button>
    </div>
  );
}

function Empty({ store, ctx }: { store: VideosStore; ctx: TabContext }) {
  if (store.videos.value.length > 0)
    return (
      <EmptyState icon="film" title="No videos match the filters">
        <Button onClick={() => store.clearFilters()}>Clear filters</Button>
      </EmptyState>
    );
  return (
    <EmptyState icon="film" title="No videos yet">
      <Button variant="primary" icon="upload" onClick={() => ctx.switchTab('upload')}>
        Upload a video
      </Button>
    </EmptyState>
  );
}

function VideosTable({ store, ctx }: { store: VideosStore; ctx: TabContext }) {
  const state = store.state.value;
  const list = store.filtered.value;
  const highlight = store.highlightId.value;
  if (state.kind === 'error')
    return (
      <div class="table-state">
        <ErrorState title="Could not load videos" message={state.message} onRetry={() => store.retry()} />
      </div>
    );
  if (state.kind === 'ready' && list.length === 0)
    return (
      <div class="table-state">
        <Empty store={store} ctx={ctx} />
      </div>
    );
  const reload = () => void store.load();
  return (
    <div class="table-wrap">
      <table class="video-table" id="videos-table" aria-busy={state.kind === 'loading' ? 'true' : 'false'}>
        <caption class="sr-only">All videos, newest first</caption>
        <TableHead columns={COLUMNS} />
        <tbody>
          {state.kind === 'loading' ? (
            <SkeletonRows cells={['thumb', 'lines', 'pill', 'line', null]} />
          ) : (
            list.map((v) => (
              <VideoRow
                key={v.id}
                video={v}
                progress={store.progress.value.get(v.id)}
                liveMaster={store.liveMasters.value.has(v.id)}
                highlight={highlight === v.id}
                api={ctx.api}
                changed={reload}
                deleted={(id) => {
                  store.removed(id);
                  ctx.events.emit('videos-changed', {});
                }}
              />
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function VideosPanel({ ctx, active, refreshCount }: TabProps) {
  const [store] = useState(
    () => new VideosStore(ctx.api, ctx.stream, (m) => toast(`Could not refresh videos: ${m}`, 'error')),
  );

  useEffect(() => {
    const unsubscribers = [
      ctx.stream.subscribe((msg) => store.onProgress(msg)),
      ctx.events.on('video-uploaded', (detail) => {
        store.highlightId.value = detail.video_id;
        void store.load();
      }),
      active.subscribe((on) => on && void store.load()),
      refreshCount.subscribe((n) => n > 0 && void store.load()),
    ];
    return () => unsubscribers.forEach((off) => off());
  }, []);

  const state = store.state.value;
  const total = store.videos.value.length;
  return (
    <>
      <div class="panel-head">
        <div class="panel-title-row">
          <h2 class="panel-title">Videos</h2>
          {state.kind === 'ready' && (
            <span class="panel-count" id="videos-count">
              {countText(store.filtered.value.length, total, store.hasMore.value)}
            </span>
          )}
          <LiveIndicator stream={ctx.stream} />
        </div>
        <Toolbar store={store} />
      </div>
      <div class="card table-card">
        <VideosTable store={store} ctx={ctx} />
      </div>
    </>
  );
}

export const videosTab = componentTab({
  id: 'videos',
  label: 'Videos',
  icon: 'film',
  Component: VideosPanel,
});
