/**
 * A video's tags as removable chips, and an input that adds one: an existing tag by name (the datalist
 * suggests them), or a new tag created on the spot (`POST /api/tags`). At most 20 (api-admin.md §5.6).
 *
 * Test hooks: `#edit-tags` (chips `[data-tag-id]`, each with `[data-action="remove-tag"]`), `#edit-tag-input`,
 * `#edit-tag-add`.
 */
import { useState } from 'preact/hooks';
import { errorMessage, type ApiClient } from '../api.js';
import { Button } from '../components/button.js';
import { Icon } from '../components/icon.js';
import type { Tag, TagRef } from '../../shared/types.js';

const MAX_TAGS = 20;

export interface TagPickerProps {
  api: ApiClient;
  /** Every tag (`GET /api/tags`); a created tag is added through `onCreated`. */
  all: TagRef[];
  selected: number[];
  onChange: (ids: number[]) => void;
  onCreated: (tag: TagRef) => void;
}

export function TagPicker({ api, all, selected, onChange, onCreated }: TagPickerProps) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const byId = new Map(all.map((t) => [t.id, t]));
  const chosen = selected.map((id) => byId.get(id)).filter((t): t is TagRef => !!t);
  const full = selected.length >= MAX_TAGS;

  const add = async () => {
    const name = text.trim();
    if (!name || full) return;
    setError(null);
    const existing = all.find((t) => t.name.toLowerCase() === name.toLowerCase());
    let tag = existing;
    if (!tag) {
      setBusy(true);
      try {
        tag = await api.post<Tag>('/api/tags', { name });
        onCreated(tag);
      } catch (err) {
        setError(errorMessage(err));
        return;
      } finally {
        setBusy(false);
      }
    }
    if (!selected.includes(tag.id)) onChange([...selected, tag.id]);
    setText('');
  };

  return (
    <div class="field">
      <label class="field-label" for="edit-tag-input">
        Tags
      </label>
      <ul id="edit-tags" class="tag-chips" aria-label="Tags of this video">
        {chosen.length === 0 && <li class="muted small">No tags yet</li>}
        {chosen.map((t) => (
          <li key={t.id} class="chip tag-chip" data-tag-id={t.id}>
            <span>{t.name}</span>
            <button
              type="button"
              class="tag-chip-remove"
              data-action="remove-tag"
              aria-label={`Remove tag ${t.name}`}
              onClick={() => onChange(selected.filter((id) => id !== t.id))}
            >
              <Icon name="close" size="sm" />
            </button>
          </li>
        ))}
      </ul>
      <div class="tag-add-row">
        <input
          id="edit-tag-input"
          class="input input-sm"
          list="edit-tag-options"
          maxLength={50}
          placeholder={full ? 'At most 20 tags' : 'Add a tag (existing or new)'}
          disabled={full}
          value={text}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'edit-tag-error' : undefined}
          onInput={(ev) => setText(ev.currentTarget.value)}
          onKeyDown={(ev) => {
            if (ev.key !== 'Enter') return;
            ev.preventDefault();
            void add();
          }}
        />
        <datalist id="edit-tag-options">
          {all
            .filter((t) => !selected.includes(t.id))
            .map((t) => (
              <option key={t.id} value={t.name} />
            ))}
        </datalist>
        <Button
          id="edit-tag-add"
          size="sm"
          busy={busy}
          disabled={!text.trim() || full}
          onClick={() => void add()}
        >
          Add tag
        </Button>
      </div>
      {error && (
        <p id="edit-tag-error" class="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
