/**
 * The Playlists tab's state in signals: the list, the selected playlist's detail, and the changes made to
 * it. A reorder shows the new order at once and puts the old one back if the API refuses it.
 */
import { signal } from '@preact/signals';
import { errorMessage } from '../api.js';
import type { Playlist, PlaylistDetail, PlaylistsApi } from './playlists-api.js';
import { moveItem } from './reorder.js';

export type Load<T> = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; value: T };

export class PlaylistsStore {
  readonly list = signal<Load<Playlist[]>>({ kind: 'loading' });
  readonly selectedId = signal<number | null>(null);
  readonly detail = signal<Load<PlaylistDetail> | null>(null);
  /** A change to the selected playlist's items is on its way (the item controls wait for it). */
  readonly saving = signal(false);

  constructor(private readonly api: PlaylistsApi) {}

  private latestList = 0;
  private latestDetail = 0;

  async loadList(): Promise<void> {
    const mine = ++this.latestList;
    if (this.list.value.kind === 'error') this.list.value = { kind: 'loading' };
    try {
      const page = await this.api.list();
      if (mine !== this.latestList) return;
      this.list.value = { kind: 'ready', value: page.playlists };
      const selected = this.selectedId.value;
      if (selected !== null && !page.playlists.some((p) => p.id === selected)) this.select(null);
    } catch (err) {
      if (mine === this.latestList) this.list.value = { kind: 'error', message: errorMessage(err) };
    }
  }

  select(id: number | null): void {
    this.selectedId.value = id;
    this.detail.value = id === null ? null : { kind: 'loading' };
    if (id !== null) void this.loadDetail();
  }

  async loadDetail(): Promise<void> {
    const id = this.selectedId.value;
    if (id === null) return;
    const mine = ++this.latestDetail;
    try {
      const value = await this.api.detail(id);
      if (mine === this.latestDetail) this.detail.value = { kind: 'ready', value };
    } catch (err) {
      if (mine === this.latestDetail) this.detail.value = { kind: 'error', message: errorMessage(err) };
    }
  }

  /** Both the detail and the list (counts and durations change with the items). */
  async reload(): Promise<void> {
    await Promise.all([this.loadDetail(), this.loadList()]);
  }

  /** Runs one change of the selected playlist's items, then reloads; rejects with the API's refusal. */
  async change(run: (playlistId: number) => Promise<unknown>): Promise<void> {
    const id = this.selectedId.value;
    if (id === null) return;
    this.saving.value = true;
    try {
      await run(id);
    } finally {
      // Busy until the reload is in too: the item controls act on what the server has.
      await this.reload();
      this.saving.value = false;
    }
  }

  /** Moves the item at `from` to `to`: shown at once, saved with the reorder endpoint. */
  async move(from: number, to: number): Promise<void> {
    const now = this.detail.value;
    if (now?.kind !== 'ready' || from === to) return;
    const videos = moveItem(now.value.videos, from, to).map((v, position) => ({ ...v, position }));
    this.latestDetail++; // a load already on its way would show the order before this move
    this.detail.value = { kind: 'ready', value: { ...now.value, videos } };
    await this.change((id) =>
      this.api.reorder(
        id,
        videos.map((v) => v.id),
      ),
    );
  }
}
