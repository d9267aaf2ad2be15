/**
 * Videos tab: the table of all videos with filters and export (videos-toolbar.tsx), bulk selection and
 * operations (bulk/), status badges with live per-quality progress (SSE, polling fallback), row actions
 * (Edit opens video-edit/), and empty / loading / error states.
 *
 * Test hooks: `#videos-table`, `#videos-count`, `#live-indicator`, rows `tr[data-video-id]` (see
 * videos-toolbar.tsx, video-row.tsx, status-cell.tsx, row-actions.tsx, bulk/bulk-bar.tsx).
 */
import { useEffect, useState } from 'preact/hooks';
import { BulkBar, VIDEO_BULK_ACTIONS } from '../bulk/bulk-bar.js';
import { Button } from '../components/button.js';
import { componentTab, type TabProps } from '../components/component-tab.js';
import { EmptyState, ErrorState, SkeletonRows } from '../components/states.js';
import { TableHead, type Column } from '../components/table-head.js';
import { toast } from '../components/toast.js';
import type { TabContext } from '../tabs.js';
import { LiveIndicator } from './live-indicator.js';
import { VideoRow } from './video-row.js';
import { VideosStore } from './videos-store.js';
import { VideosToolbar } from './videos-toolbar.js';

const COLUMNS: Column[] = [
  { label: 'Select', class: 'col-select', hidden: true },
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

function Empty({ store, ctx }: { store: VideosStore; ctx: TabContext }) {
  if (store.videos.value.length > 0 || store.serverQuery.value !== '')
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
            <SkeletonRows cells={[null, 'thumb', 'lines', 'pill', 'line', null]} />
          ) : (
            list.map((v) => (
              <VideoRow
                key={v.id}
                video={v}
                progress={store.progress.value.get(v.id)}
                liveMaster={store.liveMasters.value.has(v.id)}
                highlight={highlight === v.id}
                selected={store.selection.has(v.id)}
                onSelect={(on) => store.selection.toggle(v.id, on)}
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
        <VideosToolbar store={store} api={ctx.api} />
      </div>
      {state.kind === 'ready' && total > 0 && (
        <BulkBar
          api={ctx.api}
          selection={store.selection}
          shown={store.filtered.value}
          actions={VIDEO_BULK_ACTIONS}
          changed={() => {
            void store.load();
            ctx.events.emit('videos-changed', {});
          }}
        />
      )}
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
