/**
 * State of the Videos tab in signals: the list (`GET /api/videos`), live progress per video from the
 * progress stream, which processing videos already have a playable master, and the filters.
 * The components only read these signals and call the methods.
 */
import { batch, computed, signal } from '@preact/signals';
import { UnauthorizedError, errorMessage, type ApiClient } from '../api.js';
import { announce } from '../../shared/dom.js';
import type { ProgressStream } from '../progress-stream.js';
import { Selection } from '../bulk/selection.js';
import type {
  ProgressMsg,
  TranscodingProgress,
  VideoDetail,
  VideoListItem,
  VideoListResponse,
} from '../../shared/types.js';

const ACTIVE_STATUSES = new Set(['pending', 'processing']);

export type LoadState = { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; message: string };

export class VideosStore {
  readonly videos = signal<VideoListItem[]>([]);
  readonly progress = signal<ReadonlyMap<number, TranscodingProgress>>(new Map());
  readonly state = signal<LoadState>({ kind: 'loading' });
  readonly refreshing = signal(false);
  readonly hasMore = signal(false);
  /** Processing videos whose live master playlist exists (previewable while they transcode). */
  readonly liveMasters = signal<ReadonlySet<number>>(new Set());
  /** A just-uploaded video to highlight and scroll to once it is listed. */
  readonly highlightId = signal<number | null>(null);
  readonly search = signal('');
  readonly statusFilter = signal('');
  /** Server-side filters (GET /api/videos): '' = any; category '0' = none; featured 'true' | 'false'. */
  readonly categoryFilter = signal('');
  readonly qualityFilter = signal('');
  readonly featuredFilter = signal('');
  /** Rows ticked for a bulk operation. */
  readonly selection = new Selection();

  /** The query of the server-side filters (also what the export narrows to, with the status). */
  readonly serverQuery = computed(() => {
    const q = new URLSearchParams();
    if (this.categoryFilter.value) q.set('category_id', this.categoryFilter.value);
    if (this.qualityFilter.value) q.set('quality', this.qualityFilter.value);
    if (this.featuredFilter.value) q.set('featured', this.featuredFilter.value);
    return q.toString();
  });

  readonly filtered = computed(() => {
    const q = this.search.value.trim().toLowerCase();
    const status = this.statusFilter.value;
    return this.videos.value.filter(
      (v) => (!q || v.title.toLowerCase().includes(q)) && (!status || this.statusOf(v) === status),
    );
  });

  private loadSeq = 0;
  private reloadTimer: number | null = null;
  private readonly liveChecks = new Set<number>();

  constructor(
    private readonly api: ApiClient,
    private readonly stream: ProgressStream,
    /** Shown when a refresh (not the first load) fails. */
    private readonly onRefreshError: (message: string) => void,
  ) {}

  /** The live status when the stream has sent one, else the listed one. */
  statusOf(v: VideoListItem): string {
    return this.progress.value.get(v.id)?.status ?? v.status;
  }

  /** Fetch the list (first 100 videos, newest first). */
  async load(): Promise<void> {
    const seq = ++this.loadSeq;
    this.refreshing.value = true;
    try {
      const filters = this.serverQuery.value;
      const data = await this.api.get<VideoListResponse>(
        `/api/videos?limit=100${filters ? `&${filters}` : ''}`,
      );
      if (seq !== this.loadSeq) return;
      const videos = Array.isArray(data.videos) ? data.videos : [];
      // Drop stale progress for videos that are now settled according to the list.
      const progress = new Map(this.progress.value);
      for (const v of videos) {
        const p = progress.get(v.id);
        if (p && p.status !== v.status && (v.status === 'ready' || v.status === 'failed'))
          progress.delete(v.id);
      }
      batch(() => {
        this.videos.value = videos;
        this.progress.value = progress;
        this.hasMore.value = Boolean(data.has_more);
        this.state.value = { kind: 'ready' };
        this.selection.keep(videos.map((v) => v.id));
      });
      this.updateWatched();
      this.checkLiveMasters();
      void this.loadFailureDetails();
    } catch (err) {
      if (seq !== this.loadSeq || err instanceof UnauthorizedError) return;
      if (this.state.value.kind === 'ready') this.onRefreshError(errorMessage(err));
      else this.state.value = { kind: 'error', message: errorMessage(err) };
    } finally {
      if (seq === this.loadSeq) this.refreshing.value = false;
    }
  }

  /** First load after an error: show the skeleton again. */
  retry(): void {
    this.state.value = { kind: 'loading' };
    void this.load();
  }

  onProgress(msg: ProgressMsg): void {
    const id = msg.video_id;
    if (!Number.isFinite(id)) return;
    const video = this.videos.value.find((v) => v.id === id);
    const progress = new Map(this.progress.value);
    progress.set(id, msg);
    this.progress.value = progress;
    if (!video) {
      // A video we have not listed yet (e.g. uploaded elsewhere): refresh the list.
      if (this.state.value.kind === 'ready') this.scheduleReload();
      return;
    }
    if ((msg.status === 'ready' || msg.status === 'failed') && video.status !== msg.status) {
      announce(`${video.title} is ${msg.status}`);
      this.scheduleReload();
    }
    this.updateWatched();
    this.checkLiveMasters();
  }

  /** The video was deleted on the server: drop it from the list. */
  removed(id: number): void {
    const progress = new Map(this.progress.value);
    progress.delete(id);
    batch(() => {
      this.videos.value = this.videos.value.filter((v) => v.id !== id);
      this.progress.value = progress;
      this.selection.toggle(id, false);
    });
    this.updateWatched();
  }

  /** Sets a server-side filter and loads the list again. */
  setServerFilter(which: 'categoryFilter' | 'qualityFilter' | 'featuredFilter', value: string): void {
    this[which].value = value;
    void this.load();
  }

  clearFilters(): void {
    const reload = this.serverQuery.value !== '';
    batch(() => {
      this.search.value = '';
      this.statusFilter.value = '';
      this.categoryFilter.value = '';
      this.qualityFilter.value = '';
      this.featuredFilter.value = '';
    });
    if (reload) void this.load();
  }

  private scheduleReload(): void {
    if (this.reloadTimer !== null) return;
    this.reloadTimer = window.setTimeout(() => {
      this.reloadTimer = null;
      void this.load();
    }, 500);
  }

  private updateWatched(): void {
    const ids = this.videos.value.filter((v) => ACTIVE_STATUSES.has(this.statusOf(v))).map((v) => v.id);
    this.stream.setWatchedIds(ids);
  }

  /** Failed rows show the error: fetch it from the progress endpoint. */
  private async loadFailureDetails(): Promise<void> {
    const failed = this.videos.value
      .filter((v) => v.status === 'failed' && !this.progress.value.get(v.id)?.last_error)
      .slice(0, 20);
    await Promise.all(
      failed.map(async (v) => {
        try {
          const p = await this.api.get<TranscodingProgress>(`/api/videos/${v.id}/progress`);
          this.progress.value = new Map(this.progress.value).set(v.id, p);
        } catch {
          // Keep the generic "failed" badge.
        }
      }),
    );
  }

  /**
   * The worker publishes master.m3u8 as soon as every quality has a segment; the video's detail then has a
   * `stream_url` while it still processes: offer Preview. (Asking the detail, not the playlist, keeps the
   * console free of 404s while the master does not exist yet.)
   */
  private checkLiveMasters(): void {
    for (const v of this.videos.value) {
      if (this.statusOf(v) !== 'processing' || this.liveMasters.value.has(v.id) || this.liveChecks.has(v.id))
        continue;
      this.liveChecks.add(v.id);
      void this.api
        .get<VideoDetail>(`/api/videos/${v.id}`)
        .then((detail) => {
          if (detail.stream_url) this.liveMasters.value = new Set(this.liveMasters.value).add(v.id);
        })
        .catch(() => undefined)
        .finally(() => this.liveChecks.delete(v.id));
    }
  }
}
