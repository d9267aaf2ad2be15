/**
 * Playlists tab (ui.md §2.2): "Your Playlists" (newest first) beside the selected playlist's details;
 * Create Playlist opens the form. Reloads when shown and after signing in again.
 *
 * Test hooks: `#playlists-new`, `#playlists-refresh`, `#playlists-count`, `#playlists-list` with
 * `button[data-playlist-id]` (`aria-current` on the selected one).
 */
import { useEffect, useMemo } from 'preact/hooks';
import { Button } from '../components/button.js';
import { componentTab, type TabProps } from '../components/component-tab.js';
import { EmptyState, ErrorState } from '../components/states.js';
import { toast } from '../components/toast.js';
import { openPlaylistForm, TYPE_LABELS, VISIBILITY_LABELS } from './playlist-form.js';
import { PlaylistDetails, videoCountText } from './playlist-details.js';
import { playlistsApi, type Playlist } from './playlists-api.js';
import { PlaylistsStore } from './playlists-store.js';

function PlaylistList(props: { store: PlaylistsStore; playlists: Playlist[]; create: () => void }) {
  const { store, playlists } = props;
  if (playlists.length === 0)
    return (
      <EmptyState icon="film" title="No playlists yet">
        <p class="muted">Group videos into playlists, collections, series or courses.</p>
        <Button variant="primary" onClick={props.create}>
          Create your first playlist
        </Button>
      </EmptyState>
    );
  return (
    <ul id="playlists-list" class="playlists-list">
      {playlists.map((p) => (
        <li key={p.id}>
          <button
            type="button"
            class="playlist-entry"
            data-playlist-id={p.id}
            aria-current={store.selectedId.value === p.id ? 'true' : undefined}
            onClick={() => store.select(p.id)}
          >
            <span class="video-title">{p.title}</span>
            <span class="video-sub muted">
              {TYPE_LABELS[p.playlist_type]} · {VISIBILITY_LABELS[p.visibility]} ·{' '}
              {videoCountText(p.video_count)}
              {p.is_featured ? ' · Featured' : ''}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function PlaylistsPanel({ ctx, active, refreshCount }: TabProps) {
  const api = useMemo(() => playlistsApi(ctx.api), [ctx.api]);
  const store = useMemo(() => new PlaylistsStore(api), [api]);

  useEffect(() => {
    const offs = [
      active.subscribe((on) => on && void store.loadList()),
      refreshCount.subscribe((n) => n > 0 && void store.reload()),
    ];
    return () => offs.forEach((off) => off());
  }, []);

  const create = () =>
    openPlaylistForm(null, async (body) => {
      const made = await api.create(body);
      toast(`Playlist “${made.title}” created`, 'success');
      store.select(made.id);
      await store.loadList();
    });
  const list = store.list.value;
  return (
    <>
      <div class="panel-head">
        <div class="panel-title-row">
          <h2 class="panel-title">Playlists</h2>
          <span class="panel-count" id="playlists-count">
            {list.kind === 'ready' && list.value.length > 0 ? `${list.value.length}` : ''}
          </span>
        </div>
        <div class="toolbar">
          <Button id="playlists-refresh" size="sm" icon="refresh" onClick={() => void store.reload()}>
            Refresh
          </Button>
          <Button id="playlists-new" size="sm" variant="primary" onClick={create}>
            Create Playlist
          </Button>
        </div>
      </div>
      <div class="playlists-layout">
        <section class="card playlists-card" aria-labelledby="playlists-heading">
          <h3 id="playlists-heading" class="card-title">
            Your Playlists
          </h3>
          {list.kind === 'error' ? (
            <ErrorState
              title="Could not load the playlists"
              message={list.message}
              onRetry={() => void store.loadList()}
            />
          ) : list.kind === 'loading' ? (
            <div aria-busy="true" class="playlist-details-loading">
              <div class="skeleton skeleton-line" />
              <div class="skeleton skeleton-line short" />
            </div>
          ) : (
            <PlaylistList store={store} playlists={list.value} create={create} />
          )}
        </section>
        <section class="card playlist-details-card" aria-label="Playlist details">
          <PlaylistDetails api={api} store={store} />
        </section>
      </div>
    </>
  );
}

export const playlistsTab = componentTab({
  id: 'playlists',
  label: 'Playlists',
  icon: 'film',
  Component: PlaylistsPanel,
});
