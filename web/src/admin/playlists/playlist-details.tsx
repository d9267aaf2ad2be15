/**
 * Playlist Details panel: the selected playlist's title, type, visibility, counts and description, Edit and
 * Delete (after a confirm), the video picker and the ordered videos.
 *
 * Test hooks: `#playlist-details` (`data-playlist-id`), `#playlist-edit`, `#playlist-delete`.
 */
import { UnauthorizedError, errorMessage } from '../api.js';
import { Badge } from '../components/badge.js';
import { Button } from '../components/button.js';
import { confirmDialog } from '../components/confirm.js';
import { ErrorState } from '../components/states.js';
import { toast } from '../components/toast.js';
import { formatDurationLong } from '../../shared/format.js';
import type { PlaylistVideoInfo, VideoListItem } from '../../shared/types.js';
import { openPlaylistForm, TYPE_LABELS, VISIBILITY_LABELS } from './playlist-form.js';
import { PlaylistItems } from './playlist-items.js';
import type { PlaylistDetail, PlaylistsApi } from './playlists-api.js';
import type { PlaylistsStore } from './playlists-store.js';
import { VideoPicker } from './video-picker.js';

/** Runs a change; a refusal becomes an error toast (a 401 already shows the login dialog). */
async function attempt(what: string, run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (err) {
    if (!(err instanceof UnauthorizedError)) toast(`${what}: ${errorMessage(err)}`, 'error');
    return false;
  }
}

export const videoCountText = (n: number) => `${n} ${n === 1 ? 'video' : 'videos'}`;

function DetailsHead(props: { playlist: PlaylistDetail; api: PlaylistsApi; store: PlaylistsStore }) {
  const { playlist: p, api, store } = props;
  const edit = () =>
    openPlaylistForm(p, async (body) => {
      await api.update(p.id, body);
      toast('Playlist saved', 'success');
      await store.reload();
    });
  async function remove(): Promise<void> {
    const ok = await confirmDialog({
      title: 'Delete playlist?',
      message: `“${p.title}” will be deleted. Its videos stay in the library.`,
      confirmLabel: 'Delete playlist',
      danger: true,
    });
    if (!ok) return;
    if (await attempt('Could not delete the playlist', () => api.remove(p.id))) {
      toast('Playlist deleted', 'success');
      store.select(null);
      await store.loadList();
    }
  }
  return (
    <div class="playlist-details-head">
      <div>
        <h3 class="playlist-details-title">{p.title}</h3>
        <p class="muted small">
          {TYPE_LABELS[p.playlist_type]} · {VISIBILITY_LABELS[p.visibility]} · {videoCountText(p.video_count)}
          {p.total_duration > 0 ? ` · ${formatDurationLong(p.total_duration)}` : ''}
          {p.is_featured ? (
            <>
              {' '}
              <Badge status="ready">Featured</Badge>
            </>
          ) : null}
        </p>
        {p.description ? <p class="playlist-description">{p.description}</p> : null}
      </div>
      <div class="toolbar">
        <Button id="playlist-edit" size="sm" onClick={edit}>
          Edit
        </Button>
        <Button
          id="playlist-delete"
          size="sm"
          variant="ghost-danger"
          icon="trash"
          onClick={() => void remove()}
        >
          Delete
        </Button>
      </div>
    </div>
  );
}

export function PlaylistDetails(props: { api: PlaylistsApi; store: PlaylistsStore }) {
  const { api, store } = props;
  const state = store.detail.value;
  if (!state)
    return <p class="muted playlist-details-none">Select a playlist to see and arrange its videos.</p>;
  if (state.kind === 'error')
    return (
      <ErrorState
        title="Could not load the playlist"
        message={state.message}
        onRetry={() => void store.loadDetail()}
      />
    );
  if (state.kind === 'loading')
    return (
      <div aria-busy="true" class="playlist-details-loading">
        <div class="skeleton skeleton-line" />
        <div class="skeleton skeleton-line short" />
      </div>
    );
  const p = state.value;
  const busy = store.saving.value;
  const add = async (v: VideoListItem) => {
    const added = await attempt(`Could not add “${v.title}”`, () =>
      store.change((id) => api.addVideo(id, v.id)),
    );
    if (added) toast(`Added “${v.title}”`, 'success');
    return added;
  };
  const remove = (v: PlaylistVideoInfo) =>
    void attempt(`Could not remove “${v.title}”`, () => store.change((id) => api.removeVideo(id, v.id)));
  const move = (from: number, to: number) =>
    void attempt('Could not reorder the playlist', () => store.move(from, to));
  return (
    <div id="playlist-details" data-playlist-id={p.id} aria-busy={busy ? 'true' : 'false'}>
      <DetailsHead playlist={p} api={api} store={store} />
      <VideoPicker
        key={p.id}
        load={async () => (await api.videos()).videos}
        exclude={new Set(p.videos.map((v) => v.id))}
        add={add}
        busy={busy}
      />
      <PlaylistItems videos={p.videos} actions={{ move, remove, busy }} />
    </div>
  );
}
