/**
 * Archive view: the soft-deleted videos (GET /api/videos/archived, newest deletion first, paged) with
 * Restore and Delete permanently per row, and a bulk Restore of the ticked rows (bulk/bulk-bar.tsx). Reloads when shown, after signing in again, and when another
 * tab changes the videos; tells the other tabs when it restores or deletes one.
 *
 * Test hooks: `#archive-table`, `#archive-count`, `#archive-refresh`, `#archive-prev`, `#archive-next`
 * (rows: archive-row.tsx).
 */
import { useEffect, useMemo } from 'preact/hooks';
import { ARCHIVE_BULK_ACTIONS, BulkBar } from '../bulk/bulk-bar.js';
import { Selection } from '../bulk/selection.js';
import { Button } from '../components/button.js';
import { componentTab, type TabProps } from '../components/component-tab.js';
import { EmptyState, ErrorState, SkeletonRows } from '../components/states.js';
import { TableHead, type Column } from '../components/table-head.js';
import { archiveApi, type ArchiveApi, type ArchivedPage } from './archive-api.js';
import { ArchiveRow } from './archive-row.js';
import { ARCHIVE_PAGE_SIZE, ArchiveStore } from './archive-store.js';

const COLUMNS: Column[] = [
  { label: 'Select', class: 'col-select', hidden: true },
  { label: 'Title' },
  { label: 'Deleted', class: 'col-created' },
  { label: 'Created', class: 'col-created archive-col-created' },
  { label: 'Actions', class: 'col-actions', hidden: true },
];

function countText(offset: number, shown: number, total: number): string {
  if (total === 0) return '';
  if (shown === total) return `${total} archived ${total === 1 ? 'video' : 'videos'}`;
  return `${offset + 1}–${offset + shown} of ${total} archived videos`;
}

function ArchiveTable(props: {
  page: ArchivedPage | null;
  api: ArchiveApi;
  removed: (id: number) => void;
  selection: Selection;
}) {
  const { page } = props;
  return (
    <div class="table-wrap">
      <table class="video-table archive-table" id="archive-table" aria-busy={page ? 'false' : 'true'}>
        <caption class="sr-only">Archived videos, most recently deleted first</caption>
        <TableHead columns={COLUMNS} />
        <tbody>
          {page ? (
            page.videos.map((v) => (
              <ArchiveRow
                key={v.id}
                video={v}
                api={props.api}
                removed={props.removed}
                selected={props.selection.has(v.id)}
                onSelect={(on) => props.selection.toggle(v.id, on)}
              />
            ))
          ) : (
            <SkeletonRows rows={3} cells={[null, 'lines', 'line', 'line', null]} />
          )}
        </tbody>
      </table>
    </div>
  );
}

function Pager({ store, total }: { store: ArchiveStore; total: number }) {
  const offset = store.offset.value;
  if (total <= ARCHIVE_PAGE_SIZE) return null;
  return (
    <nav class="pager" aria-label="Archive pages">
      <Button
        id="archive-prev"
        size="sm"
        disabled={offset === 0}
        onClick={() => store.goTo(offset - ARCHIVE_PAGE_SIZE)}
      >
        Previous
      </Button>
      <Button
        id="archive-next"
        size="sm"
        disabled={offset + ARCHIVE_PAGE_SIZE >= total}
        onClick={() => store.goTo(offset + ARCHIVE_PAGE_SIZE)}
      >
        Next
      </Button>
    </nav>
  );
}

function ArchivePanel({ ctx, active, refreshCount }: TabProps) {
  const api = useMemo(() => archiveApi(ctx.api), [ctx.api]);
  const store = useMemo(() => new ArchiveStore(api, () => ctx.events.emit('videos-changed', {})), [api]);
  const selection = useMemo(() => new Selection(), []);

  useEffect(() => {
    const unsubscribers = [
      active.subscribe((on) => on && void store.load()),
      refreshCount.subscribe((n) => n > 0 && void store.load()),
      ctx.events.on('videos-changed', () => void store.load()),
    ];
    return () => unsubscribers.forEach((off) => off());
  }, []);

  const state = store.state.value;
  const page = state.kind === 'ready' ? state.page : null;
  // Rows that left the page (restored, deleted, another page shown) leave the selection.
  useEffect(() => selection.keep(page?.videos.map((v) => v.id) ?? []), [page]);
  return (
    <>
      <div class="panel-head">
        <div class="panel-title-row">
          <h2 class="panel-title">Archive</h2>
          <span class="panel-count" id="archive-count">
            {page ? countText(store.offset.value, page.videos.length, page.total) : ''}
          </span>
        </div>
        <div class="toolbar">
          <Button id="archive-refresh" size="sm" icon="refresh" onClick={() => void store.load()}>
            Refresh
          </Button>
        </div>
      </div>
      <p class="muted small archive-intro">
        Deleted videos stay here, hidden from the public site, until restored or deleted permanently (or
        purged after the retention period).
      </p>
      {page && page.videos.length > 0 && (
        <BulkBar
          api={ctx.api}
          selection={selection}
          shown={page.videos}
          actions={ARCHIVE_BULK_ACTIONS}
          idPrefix="archive-"
          changed={() => {
            void store.load();
            ctx.events.emit('videos-changed', {});
          }}
        />
      )}
      <div class="card table-card">
        {state.kind === 'error' ? (
          <div class="table-state">
            <ErrorState
              title="Could not load the archive"
              message={state.message}
              onRetry={() => void store.load()}
            />
          </div>
        ) : page && page.videos.length === 0 ? (
          <div class="table-state">
            <EmptyState icon="trash" title="Archive is empty">
              <p class="muted">Videos you delete from the Videos tab appear here.</p>
            </EmptyState>
          </div>
        ) : (
          <ArchiveTable page={page} api={api} removed={(id) => store.removed(id)} selection={selection} />
        )}
        {page ? <Pager store={store} total={page.total} /> : null}
      </div>
    </>
  );
}

export const archiveTab = componentTab({
  id: 'archive',
  label: 'Archive',
  icon: 'trash',
  Component: ArchivePanel,
});
