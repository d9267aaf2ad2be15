/**
 * Videos tab: table of all videos with status badges and live per-quality
 * transcoding progress, Preview (ready, or processing with a live master) and Delete (soft, confirmed).
 *
 * Test hooks: rows `tr[data-video-id="<id>"]` (also `data-status`), status cell
 * `[data-testid="status"]` (text contains the status word), per-quality rows
 * `[data-quality="<name>"]` (with `data-status`/`data-progress` and a <progress>),
 * row buttons `[data-action="preview"]` / `[data-action="delete"]`.
 */
import { UnauthorizedError, errorMessage } from './api.js';
import { announce, confirmDialog, h, icon, replaceChildren, toast } from './dom.js';
import { openPreview } from './preview.js';
import { videoActionButtons } from './video-actions.js';
import { statusCellParts } from './video-status.js';
import type { StreamMode } from './progress-stream.js';
import type { AdminTab, TabContext } from './tabs.js';
import { formatDateTime, formatDuration } from '../shared/format.js';
import type { ProgressMsg, TranscodingProgress, VideoListItem, VideoListResponse } from '../shared/types.js';

const STATUSES = ['pending', 'processing', 'ready', 'failed'] as const;
const ACTIVE_STATUSES = new Set(['pending', 'processing']);

export class VideosTab implements AdminTab {
  readonly id = 'videos';
  readonly label = 'Videos';
  readonly icon = 'film' as const;

  private ctx!: TabContext;
  private videos: VideoListItem[] = [];
  private readonly progress = new Map<number, TranscodingProgress>();
  private readonly rows = new Map<number, HTMLTableRowElement>();
  private loadedOnce = false;
  private loadSeq = 0;
  private reloadTimer: number | null = null;
  private highlightId: number | null = null;
  /** Processing videos whose live master playlist exists (previewable while they transcode). */
  private readonly liveMasters = new Set<number>();
  private readonly liveChecks = new Set<number>();

  private tbody!: HTMLTableSectionElement;
  private table!: HTMLTableElement;
  private stateBox!: HTMLDivElement;
  private countEl!: HTMLSpanElement;
  private liveEl!: HTMLSpanElement;
  private searchInput!: HTMLInputElement;
  private statusFilter!: HTMLSelectElement;
  private refreshButton!: HTMLButtonElement;

  mount(panel: HTMLElement, ctx: TabContext): void {
    this.ctx = ctx;
    this.countEl = h('span', { class: 'panel-count', id: 'videos-count' });
    this.liveEl = h('span', { class: 'live-indicator', id: 'live-indicator', hidden: true });
    this.searchInput = h('input', {
      type: 'search',
      id: 'videos-search',
      class: 'input input-sm',
      placeholder: 'Filter by title',
      'aria-label': 'Filter videos by title',
    });
    this.statusFilter = h(
      'select',
      { id: 'videos-status-filter', class: 'input input-sm', 'aria-label': 'Filter by status' },
      h('option', { value: '' }, 'All statuses'),
      ...STATUSES.map((s) => h('option', { value: s }, s[0]!.toUpperCase() + s.slice(1))),
    );
    this.refreshButton = h(
      'button',
      { type: 'button', id: 'videos-refresh', class: 'btn btn-secondary btn-sm' },
      icon('refresh'),
      h('span', null, 'Refresh'),
    );
    this.searchInput.addEventListener('input', () => this.render());
    this.statusFilter.addEventListener('change', () => this.render());
    this.refreshButton.addEventListener('click', () => void this.load());

    this.tbody = h('tbody');
    this.table = h(
      'table',
      { class: 'video-table', id: 'videos-table' },
      h('caption', { class: 'sr-only' }, 'All videos, newest first'),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col', class: 'col-thumb' }, h('span', { class: 'sr-only' }, 'Thumbnail')),
          h('th', { scope: 'col' }, 'Title'),
          h('th', { scope: 'col', class: 'col-status' }, 'Status'),
          h('th', { scope: 'col', class: 'col-created' }, 'Created'),
          h('th', { scope: 'col', class: 'col-actions' }, h('span', { class: 'sr-only' }, 'Actions')),
        ),
      ),
      this.tbody,
    );
    this.stateBox = h('div', { class: 'table-state', hidden: true });

    panel.append(
      h(
        'div',
        { class: 'panel-head' },
        h(
          'div',
          { class: 'panel-title-row' },
          h('h2', { class: 'panel-title' }, 'Videos'),
          this.countEl,
          this.liveEl,
        ),
        h('div', { class: 'toolbar' }, this.searchInput, this.statusFilter, this.refreshButton),
      ),
      h('div', { class: 'card table-card' }, h('div', { class: 'table-wrap' }, this.table), this.stateBox),
    );

    ctx.stream.subscribe((msg) => this.onProgress(msg));
    ctx.stream.onModeChange((mode) => this.showMode(mode));
    ctx.events.on('video-uploaded', (detail) => {
      this.highlightId = detail.video_id;
      void this.load();
    });
  }

  activate(): void {
    void this.load();
  }

  refresh(): void {
    void this.load();
  }

  private showMode(mode: StreamMode): void {
    const labels: Record<StreamMode, string> = {
      connecting: 'Connecting…',
      live: 'Live',
      polling: 'Polling every 3 s',
      stopped: '',
    };
    this.liveEl.hidden = mode === 'stopped';
    this.liveEl.dataset['mode'] = mode;
    replaceChildren(this.liveEl, h('span', { class: 'live-dot', 'aria-hidden': 'true' }), labels[mode]);
    this.liveEl.title =
      mode === 'live'
        ? 'Progress updates are streamed live from the server'
        : mode === 'polling'
          ? 'Live stream unavailable; progress is polled'
          : '';
  }

  /** Fetch the list (first 100 videos, newest first) and re-render. */
  async load(): Promise<void> {
    const seq = ++this.loadSeq;
    if (!this.loadedOnce) this.showSkeleton();
    this.refreshButton.disabled = true;
    try {
      const data = await this.ctx.api.get<VideoListResponse>('/api/videos?limit=100');
      if (seq !== this.loadSeq) return;
      this.videos = Array.isArray(data.videos) ? data.videos : [];
      this.loadedOnce = true;
      // Drop stale progress for videos that are now settled according to the list.
      for (const v of this.videos) {
        const p = this.progress.get(v.id);
        if (p && p.status !== v.status && (v.status === 'ready' || v.status === 'failed'))
          this.progress.delete(v.id);
      }
      this.render();
      this.updateWatched();
      void this.loadFailureDetails();
      if (data.has_more) {
        this.countEl.textContent += ` (showing the newest ${this.videos.length})`;
      }
    } catch (err) {
      if (seq !== this.loadSeq) return;
      if (err instanceof UnauthorizedError) return;
      if (this.loadedOnce) toast(`Could not refresh videos: ${errorMessage(err)}`, 'error');
      else this.showError(err);
    } finally {
      if (seq === this.loadSeq) this.refreshButton.disabled = false;
    }
  }

  private scheduleReload(): void {
    if (this.reloadTimer !== null) return;
    this.reloadTimer = window.setTimeout(() => {
      this.reloadTimer = null;
      void this.load();
    }, 500);
  }

  private updateWatched(): void {
    const ids = this.videos.filter((v) => ACTIVE_STATUSES.has(this.effectiveStatus(v))).map((v) => v.id);
    this.ctx.stream.setWatchedIds(ids);
  }

  private effectiveStatus(v: VideoListItem): string {
    const p = this.progress.get(v.id);
    return p?.status ?? v.status;
  }

  /** Failed rows show the error: fetch it from the progress endpoint. */
  private async loadFailureDetails(): Promise<void> {
    const failed = this.videos
      .filter((v) => v.status === 'failed' && !this.progress.get(v.id)?.last_error)
      .slice(0, 20);
    await Promise.all(
      failed.map(async (v) => {
        try {
          const p = await this.ctx.api.get<TranscodingProgress>(`/api/videos/${v.id}/progress`);
          this.progress.set(v.id, p);
          this.updateRow(v.id);
        } catch {
          // Keep the generic "failed" badge.
        }
      }),
    );
  }

  private onProgress(msg: ProgressMsg): void {
    const id = msg.video_id;
    if (!Number.isFinite(id)) return;
    const video = this.videos.find((v) => v.id === id);
    this.progress.set(id, msg);
    if (!video) {
      // A video we have not listed yet (e.g. uploaded elsewhere): refresh the list.
      if (this.loadedOnce) this.scheduleReload();
      return;
    }
    this.updateRow(id);
    if ((msg.status === 'ready' || msg.status === 'failed') && video.status !== msg.status) {
      announce(`${video.title} is ${msg.status}`);
      this.scheduleReload();
    }
    this.updateWatched();
  }

  private showSkeleton(): void {
    this.stateBox.hidden = true;
    this.table.hidden = false;
    this.table.setAttribute('aria-busy', 'true');
    replaceChildren(
      this.tbody,
      ...Array.from({ length: 4 }, () =>
        h(
          'tr',
          { class: 'skeleton-row', 'aria-hidden': 'true' },
          h('td', { class: 'col-thumb' }, h('div', { class: 'thumb-sm skeleton' })),
          h(
            'td',
            null,
            h('div', { class: 'skeleton skeleton-line' }),
            h('div', { class: 'skeleton skeleton-line short' }),
          ),
          h('td', null, h('div', { class: 'skeleton skeleton-pill' })),
          h('td', null, h('div', { class: 'skeleton skeleton-line short' })),
          h('td'),
        ),
      ),
    );
  }

  private showError(err: unknown): void {
    replaceChildren(this.tbody);
    this.table.hidden = true;
    this.table.setAttribute('aria-busy', 'false');
    replaceChildren(
      this.stateBox,
      h(
        'div',
        { class: 'error-state', role: 'alert' },
        icon('alert', 'icon icon-xl'),
        h('p', { class: 'empty-title' }, 'Could not load videos'),
        h('p', { class: 'muted' }, errorMessage(err)),
        h(
          'button',
          { type: 'button', class: 'btn btn-primary', on: { click: () => void this.load() } },
          icon('refresh'),
          'Try again',
        ),
      ),
    );
    this.stateBox.hidden = false;
  }

  private filtered(): VideoListItem[] {
    const q = this.searchInput.value.trim().toLowerCase();
    const status = this.statusFilter.value;
    return this.videos.filter(
      (v) => (!q || v.title.toLowerCase().includes(q)) && (!status || this.effectiveStatus(v) === status),
    );
  }

  private render(): void {
    // Keep keyboard focus on the same control across re-renders.
    const active = document.activeElement as HTMLElement | null;
    const focusRow = active?.closest<HTMLTableRowElement>('tr[data-video-id]')?.dataset['videoId'];
    const focusAction = active?.dataset['action'];

    this.table.setAttribute('aria-busy', 'false');
    const list = this.filtered();
    const total = this.videos.length;
    this.countEl.textContent =
      list.length === total
        ? `${total} ${total === 1 ? 'video' : 'videos'}`
        : `${list.length} of ${total} videos`;
    this.rows.clear();

    if (list.length === 0) {
      replaceChildren(this.tbody);
      this.table.hidden = true;
      const filtering = total > 0;
      replaceChildren(
        this.stateBox,
        h(
          'div',
          { class: 'empty-state' },
          icon('film', 'icon icon-xl'),
          h('p', { class: 'empty-title' }, filtering ? 'No videos match the filters' : 'No videos yet'),
          filtering
            ? h(
                'button',
                { type: 'button', class: 'btn btn-secondary', on: { click: () => this.clearFilters() } },
                'Clear filters',
              )
            : h(
                'button',
                {
                  type: 'button',
                  class: 'btn btn-primary',
                  on: { click: () => this.ctx.switchTab('upload') },
                },
                icon('upload'),
                'Upload a video',
              ),
        ),
      );
      this.stateBox.hidden = false;
      return;
    }

    this.stateBox.hidden = true;
    this.table.hidden = false;
    const rows = list.map((v) => this.renderRow(v));
    replaceChildren(this.tbody, ...rows);

    if (focusRow && focusAction) {
      this.tbody
        .querySelector<HTMLElement>(`tr[data-video-id="${focusRow}"] [data-action="${focusAction}"]`)
        ?.focus();
    }
    if (this.highlightId !== null) {
      const row = this.rows.get(this.highlightId);
      if (row) {
        row.classList.add('row-new');
        row.scrollIntoView({ block: 'nearest' });
        window.setTimeout(() => row.classList.remove('row-new'), 4000);
        this.highlightId = null;
      }
    }
  }

  private clearFilters(): void {
    this.searchInput.value = '';
    this.statusFilter.value = '';
    this.render();
  }

  private renderRow(v: VideoListItem): HTMLTableRowElement {
    const status = this.effectiveStatus(v);
    const thumb = h('div', { class: 'thumb-sm' });
    if (v.thumbnail_url && v.status === 'ready') {
      const img = h('img', { src: v.thumbnail_url, alt: '', loading: 'lazy', width: 160, height: 90 });
      img.addEventListener('error', () => img.replaceWith(icon('film')), { once: true });
      thumb.appendChild(img);
    } else {
      thumb.appendChild(icon('film'));
    }

    const sub: string[] = [v.slug];
    if (v.duration && v.duration > 0) sub.push(formatDuration(v.duration));
    if (v.category_name) sub.push(v.category_name);
    if (v.published_at == null && status === 'ready') sub.push('unpublished');

    const actions = h('div', { class: 'row-actions' });
    if (v.status === 'ready' || (status === 'processing' && this.liveMasters.has(v.id))) {
      actions.appendChild(
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-secondary btn-sm',
            dataset: { action: 'preview' },
            'aria-label': `Preview ${v.title}`,
            on: { click: () => openPreview(v.slug, v.title) },
          },
          icon('eye'),
          h('span', { 'aria-hidden': 'true' }, 'Preview'),
        ),
      );
    }
    actions.append(...videoActionButtons(v, { api: this.ctx.api, changed: () => void this.load() }));
    const del = h(
      'button',
      {
        type: 'button',
        class: 'btn btn-ghost-danger btn-sm',
        dataset: { action: 'delete' },
        'aria-label': `Delete ${v.title}`,
      },
      icon('trash'),
      h('span', { 'aria-hidden': 'true' }, 'Delete'),
    );
    del.addEventListener('click', () => void this.deleteVideo(v, del));
    actions.appendChild(del);

    const statusCell = h('td', { class: 'col-status', dataset: { testid: 'status', label: 'Status' } });
    const row = h(
      'tr',
      { dataset: { videoId: v.id, status } },
      h('td', { class: 'col-thumb' }, thumb),
      h(
        'td',
        { class: 'col-title', dataset: { label: 'Title' } },
        h('div', { class: 'video-title' }, v.title),
        h('div', { class: 'video-sub muted' }, sub.join(' · ')),
      ),
      statusCell,
      h(
        'td',
        { class: 'col-created', dataset: { label: 'Created' } },
        v.created_at ? h('time', { datetime: v.created_at }, formatDateTime(v.created_at)) : '—',
      ),
      h('td', { class: 'col-actions' }, actions),
    );
    this.fillStatus(statusCell, v);
    this.rows.set(v.id, row);
    this.checkLiveMaster(v);
    return row;
  }

  /** The worker publishes master.m3u8 as soon as every quality has a segment: then offer Preview. */
  private checkLiveMaster(v: VideoListItem): void {
    if (this.effectiveStatus(v) !== 'processing' || this.liveMasters.has(v.id) || this.liveChecks.has(v.id))
      return;
    this.liveChecks.add(v.id);
    void fetch(`/videos/${encodeURIComponent(v.slug)}/master.m3u8`, { method: 'HEAD' })
      .then((res) => {
        if (!res.ok) return;
        this.liveMasters.add(v.id);
        this.rows.get(v.id)?.replaceWith(this.renderRow(v));
      })
      .catch(() => undefined)
      .finally(() => this.liveChecks.delete(v.id));
  }

  private updateRow(id: number): void {
    const row = this.rows.get(id);
    const video = this.videos.find((v) => v.id === id);
    if (!row || !video) return;
    const cell = row.querySelector<HTMLTableCellElement>('[data-testid="status"]');
    if (!cell) return;
    row.dataset['status'] = this.effectiveStatus(video);
    this.fillStatus(cell, video);
    this.checkLiveMaster(video);
  }

  private fillStatus(cell: HTMLTableCellElement, v: VideoListItem): void {
    replaceChildren(cell, ...statusCellParts(v, this.progress.get(v.id)));
  }

  private async deleteVideo(v: VideoListItem, button: HTMLButtonElement): Promise<void> {
    const ok = await confirmDialog({
      title: 'Delete video?',
      message: `“${v.title}” will be removed from the site and moved to the archive.`,
      confirmLabel: 'Delete',
      danger: true,
    });
    if (!ok) return;
    button.disabled = true;
    try {
      await this.ctx.api.delete(`/api/videos/${v.id}`);
      this.videos = this.videos.filter((x) => x.id !== v.id);
      this.progress.delete(v.id);
      this.render();
      this.updateWatched();
      toast(`Deleted “${v.title}”`, 'success');
      this.ctx.events.emit('videos-changed', {});
    } catch (err) {
      button.disabled = false;
      if (!(err instanceof UnauthorizedError))
        toast(`Could not delete “${v.title}”: ${errorMessage(err)}`, 'error');
    }
  }
}
