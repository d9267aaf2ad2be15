/**
 * "Add Video to Playlist": a search over the admin's video list (titles, filtered here: the admin list has
 * no search parameter) showing the first matches that are not in the playlist yet, each with an Add button.
 * The video list loads when the picker is first focused.
 *
 * Test hooks: `#playlist-video-search`, `#playlist-video-results` with `li[data-video-id]` and
 * `[data-action="add-to-playlist"]`.
 */
import { useSignal } from '@preact/signals';
import { errorMessage } from '../api.js';
import { Button } from '../components/button.js';
import { formatDuration } from '../../shared/format.js';
import type { VideoListItem } from '../../shared/types.js';

const SHOWN = 8;

export function VideoPicker(props: {
  load: () => Promise<VideoListItem[]>;
  exclude: ReadonlySet<number>;
  /** Resolves true once added (the search is cleared for the next one, unless it changed meanwhile). */
  add: (video: VideoListItem) => Promise<boolean>;
  busy: boolean;
}) {
  const videos = useSignal<VideoListItem[] | null>(null);
  const error = useSignal('');
  const query = useSignal('');

  async function ensureLoaded(): Promise<void> {
    if (videos.value) return;
    error.value = '';
    try {
      videos.value = await props.load();
    } catch (err) {
      error.value = `Could not load the videos: ${errorMessage(err)}`;
    }
  }

  const words = query.value.trim().toLowerCase();
  const matches = (videos.value ?? [])
    .filter((v) => !props.exclude.has(v.id) && v.title.toLowerCase().includes(words))
    .slice(0, SHOWN);
  return (
    <div class="video-picker">
      <label for="playlist-video-search" class="field-label">
        Add Video to Playlist
      </label>
      <input
        id="playlist-video-search"
        type="search"
        class="input"
        placeholder="Search videos by title…"
        autoComplete="off"
        aria-controls="playlist-video-results"
        value={query.value}
        onFocus={() => void ensureLoaded()}
        onInput={(ev) => {
          query.value = ev.currentTarget.value;
          void ensureLoaded();
        }}
      />
      {error.value ? (
        <p class="form-error" role="alert">
          {error.value}{' '}
          <Button size="sm" onClick={() => void ensureLoaded()}>
            Try again
          </Button>
        </p>
      ) : null}
      {words && videos.value ? (
        <ul id="playlist-video-results" class="picker-results" aria-live="polite">
          {matches.length === 0 ? (
            <li class="muted picker-none">No video matches “{query.value.trim()}”.</li>
          ) : null}
          {matches.map((v) => (
            <li key={v.id} data-video-id={v.id} class="picker-result">
              <span class="playlist-item-title">
                <span class="video-title">{v.title}</span>
                <span class="video-sub muted">
                  {formatDuration(v.duration)} · {v.status}
                </span>
              </span>
              <Button
                size="sm"
                variant="primary"
                data-action="add-to-playlist"
                aria-label={`Add “${v.title}”`}
                disabled={props.busy}
                onClick={() => {
                  const asked = query.value;
                  // Cleared for the next one, unless the admin has already typed the next search.
                  void props.add(v).then((added) => {
                    if (added && query.value === asked) query.value = '';
                  });
                }}
              >
                Add
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
