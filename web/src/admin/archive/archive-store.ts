/** The Archive view's state in signals: the page shown, its offset, and what a row's action changes. */
import { signal } from '@preact/signals';
import { errorMessage } from '../api.js';
import type { ArchiveApi, ArchivedPage } from './archive-api.js';

export const ARCHIVE_PAGE_SIZE = 25;

export type ArchiveLoad =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; page: ArchivedPage };

export class ArchiveStore {
  readonly state = signal<ArchiveLoad>({ kind: 'loading' });
  readonly offset = signal(0);

  /** `changed` tells the other tabs (a restored video is back in the Videos tab). */
  constructor(
    private readonly api: ArchiveApi,
    private readonly changed: () => void,
  ) {}

  /** Bumped by every load: an answer that arrives after a newer load started is dropped. */
  private latest = 0;

  /**
   * Loads the page at the current offset. Loads can overlap (a restore reloads, and so does the
   * 'videos-changed' it announces): only the latest one's answer is shown, so a stale empty page never
   * replaces the page before it.
   */
  async load(): Promise<void> {
    const mine = ++this.latest;
    if (this.state.value.kind === 'error') this.state.value = { kind: 'loading' };
    const offset = this.offset.value;
    try {
      const page = await this.api.page(ARCHIVE_PAGE_SIZE, offset);
      if (mine !== this.latest) return;
      // The last rows of a later page went: show the page before it.
      if (page.videos.length === 0 && offset > 0) {
        this.offset.value = Math.max(0, offset - ARCHIVE_PAGE_SIZE);
        return this.load();
      }
      this.state.value = { kind: 'ready', page };
    } catch (err) {
      if (mine === this.latest) this.state.value = { kind: 'error', message: errorMessage(err) };
    }
  }

  goTo(offset: number): void {
    this.offset.value = Math.max(0, offset);
    void this.load();
  }

  /** A row was restored or deleted: it leaves the page at once, and the other tabs hear of it. */
  removed(id: number): void {
    const now = this.state.value;
    if (now.kind === 'ready') {
      const videos = now.page.videos.filter((v) => v.id !== id);
      // The last row of a later page: load the page before it rather than flash "Archive is empty".
      if (videos.length === 0 && this.offset.value > 0) this.state.value = { kind: 'loading' };
      else this.state.value = { kind: 'ready', page: { videos, total: now.page.total - 1 } };
      if (videos.length === 0) void this.load();
    }
    this.changed();
  }
}
