/**
 * Create / edit a playlist (title, description, visibility, type, featured) in a modal. The API's refusal
 * (a duplicate title…) shows in the form; the modal closes once saved.
 *
 * Test hooks: `#playlist-form-dialog`, `#playlist-title`, `#playlist-description`, `#playlist-visibility`,
 * `#playlist-type`, `#playlist-featured`, `#playlist-save`, `#playlist-form-error`.
 */
import { useSignal } from '@preact/signals';
import { UnauthorizedError, errorMessage } from '../api.js';
import { Button } from '../components/button.js';
import { Modal, openOverlay } from '../components/modal.js';
import type { PlaylistCreate, PlaylistType, PlaylistVisibility } from '../../shared/types.js';
import type { Playlist } from './playlists-api.js';

export const VISIBILITY_LABELS: Record<PlaylistVisibility, string> = {
  public: 'Public',
  private: 'Private',
  unlisted: 'Unlisted',
};
export const TYPE_LABELS: Record<PlaylistType, string> = {
  playlist: 'Playlist',
  collection: 'Collection',
  series: 'Series',
  course: 'Course',
};

function Options<T extends string>({ labels }: { labels: Record<T, string> }) {
  return (
    <>
      {(Object.entries(labels) as Array<[T, string]>).map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </>
  );
}

function PlaylistForm(props: {
  initial: Playlist | null;
  save: (body: PlaylistCreate) => Promise<void>;
  close: () => void;
}) {
  const p = props.initial;
  const form = useSignal<PlaylistCreate>({
    title: p?.title ?? '',
    description: p?.description ?? '',
    visibility: p?.visibility ?? 'public',
    playlist_type: p?.playlist_type ?? 'playlist',
    is_featured: p?.is_featured ?? false,
  });
  const busy = useSignal(false);
  const error = useSignal('');
  const set = (patch: Partial<PlaylistCreate>) => (form.value = { ...form.value, ...patch });

  async function submit(ev: Event): Promise<void> {
    ev.preventDefault();
    if (!form.value.title.trim()) {
      error.value = 'Enter a title.';
      return;
    }
    busy.value = true;
    error.value = '';
    try {
      await props.save({ ...form.value, title: form.value.title.trim() });
      props.close();
    } catch (err) {
      busy.value = false;
      if (!(err instanceof UnauthorizedError)) error.value = errorMessage(err);
    }
  }

  const f = form.value;
  return (
    <Modal
      id="playlist-form-dialog"
      title={p ? 'Edit playlist' : 'Create playlist'}
      onClose={props.close}
      footer={
        <>
          <Button onClick={props.close}>Cancel</Button>
          <Button id="playlist-save" variant="primary" busy={busy.value} type="submit" form="playlist-form">
            {p ? 'Save changes' : 'Create playlist'}
          </Button>
        </>
      }
    >
      <form id="playlist-form" class="playlist-form" onSubmit={(ev) => void submit(ev)} noValidate>
        <div class="field">
          <label for="playlist-title" class="field-label">
            Title
          </label>
          <input
            id="playlist-title"
            class="input"
            maxLength={255}
            required
            autoFocus
            autoComplete="off"
            aria-invalid={error.value && !f.title.trim() ? 'true' : undefined}
            value={f.title}
            onInput={(ev) => set({ title: ev.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="playlist-description" class="field-label">
            Description
          </label>
          <textarea
            id="playlist-description"
            class="input"
            rows={3}
            maxLength={5000}
            value={f.description ?? ''}
            onInput={(ev) => set({ description: ev.currentTarget.value })}
          />
        </div>
        <div class="playlist-form-row">
          <div class="field">
            <label for="playlist-visibility" class="field-label">
              Visibility
            </label>
            <select
              id="playlist-visibility"
              class="input"
              value={f.visibility}
              onChange={(ev) => set({ visibility: ev.currentTarget.value as PlaylistVisibility })}
            >
              <Options labels={VISIBILITY_LABELS} />
            </select>
          </div>
          <div class="field">
            <label for="playlist-type" class="field-label">
              Type
            </label>
            <select
              id="playlist-type"
              class="input"
              value={f.playlist_type}
              onChange={(ev) => set({ playlist_type: ev.currentTarget.value as PlaylistType })}
            >
              <Options labels={TYPE_LABELS} />
            </select>
          </div>
        </div>
        <label class="checkbox-field">
          <input
            id="playlist-featured"
            type="checkbox"
            checked={f.is_featured}
            onChange={(ev) => set({ is_featured: ev.currentTarget.checked })}
          />
          Featured (shown first on the public site)
        </label>
        <p id="playlist-form-error" class="form-error" role="alert">
          {error.value}
        </p>
      </form>
    </Modal>
  );
}

/** Opens the form; `save` creates or updates (it throws to keep the form open with the message). */
export function openPlaylistForm(
  initial: Playlist | null,
  save: (body: PlaylistCreate) => Promise<void>,
): void {
  openOverlay((close) => <PlaylistForm initial={initial} save={save} close={close} />);
}
