/**
 * Renaming a listed item in place: a text input (focused, Escape cancels) with Save and Cancel; the
 * server's refusal (a duplicate name…) shows under it and the input stays for another try.
 * Test hooks: `[data-testid="rename-input"]`, `[data-action="save-rename"|"cancel-rename"]`, `[data-testid="rename-error"]`.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../api.js';
import { Button } from './button.js';

export function InlineRename(props: {
  id: string;
  /** What is renamed, for the input's accessible name ("Category name"). */
  label: string;
  initial: string;
  maxLength: number;
  onSave: (name: string) => Promise<void>;
  onDone: () => void;
}) {
  const [name, setName] = useState(props.initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.select(), []);

  const save = async (ev: Event) => {
    ev.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setError('A name is required');
    if (trimmed === props.initial) return props.onDone();
    setBusy(true);
    try {
      await props.onSave(trimmed);
      props.onDone();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
      input.current?.focus();
    }
  };

  return (
    <form class="inline-rename" onSubmit={(ev) => void save(ev)}>
      <input
        ref={input}
        id={props.id}
        class="input input-sm"
        aria-label={props.label}
        data-testid="rename-input"
        maxLength={props.maxLength}
        value={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${props.id}-error` : undefined}
        onInput={(ev) => setName(ev.currentTarget.value)}
        onKeyDown={(ev) => ev.key === 'Escape' && (ev.preventDefault(), props.onDone())}
      />
      <Button type="submit" size="sm" variant="primary" busy={busy} data-action="save-rename">
        Save
      </Button>
      <Button size="sm" variant="ghost" onClick={props.onDone} data-action="cancel-rename">
        Cancel
      </Button>
      {error && (
        <p id={`${props.id}-error`} class="form-error" role="alert" data-testid="rename-error">
          {error}
        </p>
      )}
    </form>
  );
}
