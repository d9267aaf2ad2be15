/**
 * Archive view: the soft-deleted videos (GET /api/videos/archived, newest deletion first, paged) with
 * Restore and Delete permanently per row. Reloads when shown, after signing in again, and when another
 * tab changes the videos; tells the other tabs when it restores or deletes one.
 *
 * Test hooks: `#archive-table`, `#archive-count`, `#archive-refresh`, `#archive-prev`, `#archive-next`
 * (rows: archive-row.tsx).
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { errorMessage } from '../api.js';
import { Button } from '../components/button.js';
import { componentTab, type TabProps } from '../components/component-tab.js';
import { EmptyState, ErrorState, SkeletonRows } from '../components/states.js';
import { TableHead, type Column } from '../components/table-head.js';
import { archiveApi, type ArchivedPage } from './archive-api.js';
import { ArchiveRow } from './archive-row.js';

export const ARCHIVE_PAGE_SIZE = 25;

const COLUMNS: Column[] = [
  { label: 'Title' },
  { label: 'Deleted', class: 'col-created' },
  { label: 'Created', class: 'col-created archive-col-created' },
  { label: 'Actions', class: 'col-actions', hidden: true },
];

type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; page: ArchivedPage };

function countText(offset: number, shown: number, total: number): string {
  if (total === 0) return '';
  if (shown === total) return `${total} archived ${total === 1 ? 'video' : 'videos'}`;
  return `${offset + 1}–${offset + shown} of ${total} archived videos`;
}

function ArchivePanel({ ctx, active, refreshCount }: TabProps) {
  const api = useMemo(() => archiveApi(ctx.api), [ctx.api]);
  const load = useSignal<Load>({ kind: 'loading' });
  const offset = useSignal(0);

  async function fetchPage(): Promise<void> {
    if (load.value.kind === 'error') load.value = { kind: 'loading' };
    try {
      const page = await api.page(ARCHIVE_PAGE_SIZE, offset.value);
      // The last row of a later page went: show the page before it.
      if (page.videos.length === 0 && offset.value > 0) {
        offset.value = Math.max(0, offset.value - ARCHIVE_PAGE_SIZE);
        return fetchPage();
      }
      load.value = { kind: 'ready', page };
    } catch (err) {
      load.value = { kind: 'error', message: errorMessage(err) };
    }
  }

  useEffect(() => {
    const unsubscribers = [
      active.subscribe((on) => on && void fetchPage()),
      refreshCount.subscribe((n) => n > 0 && void fetchPage()),
      ctx.events.on('videos-changed', () => void fetchPage()),
    ];
    return () => unsubscribers.forEach((off) => off());
  }, []);

  function removed(id: number): void {
    const now = load.value;
    if (now.kind === 'ready') {
      const videos = now.page.videos.filter((v) => v.id !== id);
      load.value = { kind: 'ready', page: { videos, total: now.page.total - 1 } };
    }
    ctx.events.emit('videos-changed', {});
  }

  function goTo(next: number): void {
    offset.value = next;
    void fetchPage();
  }

  const state = load.value;
  const page = state.kind === 'ready' ? state.page : null;
  return (
    <>
      <div class="panel-head">
        <div class="panel-title-row">
          <h2 class="panel-title">Archive</h2>
          <span class="panel-count" id="archive-count">
            {page ? countText(offset.value, page.videos.length, page.total) : ''}
          </span>
        </div>
        <div class="toolbar">
          <Button id="archive-refresh" size="sm" icon="refresh" onClick={() => void fetchPage()}>
            Refresh
          </Button>
        </div>
      </div>
      <p class="muted small archive-intro">
        Deleted videos stay here, hidden from the public site, until restored or deleted permanently (or
        purged after the retention period).
      </p>
      <div class="card table-card">
        {state.kind === 'error' ? (
          <div class="table-state">
            <ErrorState
              title="Could not load the archive"
              message={state.message}
              onRetry={() => void fetchPage()}
            />
          </div>
        ) : page && page.videos.length === 0 ? (
          <div class="table-state">
            <EmptyState icon="trash" title="Archive is empty">
              <p class="muted">Videos you delete from the Videos tab appear here.</p>
            </EmptyState>
          </div>
        ) : (
          <div class="table-wrap">
            <table class="video-table archive-table" id="archive-table" aria-busy={page ? 'false' : 'true'}>
              <caption class="sr-only">Archived videos, most recently deleted first</caption>
              <TableHead columns={COLUMNS} />
              <tbody>
                {page ? (
                  page.videos.map((v) => <ArchiveRow key={v.id} video={v} api={api} removed={removed} />)
                ) : (
                  <SkeletonRows rows={3} cells={['lines', 'line', 'line', null]} />
                )}
              </tbody>
            </table>
          </div>
        )}
        {page && page.total > ARCHIVE_PAGE_SIZE ? (
          <nav class="pager" aria-label="Archive pages">
            <Button
              id="archive-prev"
              size="sm"
              disabled={offset.value === 0}
              onClick={() => goTo(Math.max(0, offset.value - ARCHIVE_PAGE_SIZE))}
            >
              Previous
            </Button>
            <Button
              id="archive-next"
              size="sm"
              disabled={offset.value + ARCHIVE_PAGE_SIZE >= page.total}
              onClick={() => goTo(offset.value + ARCHIVE_PAGE_SIZE)}
            >
              Next
            </Button>
          </nav>
        ) : null}
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
