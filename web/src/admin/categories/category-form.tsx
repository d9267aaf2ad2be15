/**
 * "Add Category": name (required, ≤100) and an optional description (≤1000); the server's refusal (a
 * duplicate name) shows under the form. Test hooks: `#category-name`, `#category-description`,
 * `#category-add`, `#category-error`.
 */
import { useRef, useState } from 'preact/hooks';
import { errorMessage } from '../api.js';
import { Button } from '../components/button.js';
import { toast } from '../components/toast.js';
import type { Category } from '../../shared/types.js';
import type { CategoriesApi } from './categories-api.js';

export function CategoryForm(props: { api: CategoriesApi; onCreated: (c: Category) => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const nameInput = useRef<HTMLInputElement>(null);

  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (!name.trim()) {
      setError('A name is required');
      nameInput.current?.focus();
      return;
    }
    setBusy(true);
    setError('');
    try {
      const created = await props.api.create(name.trim(), description.trim());
      setName('');
      setDescription('');
      toast(`Category “${created.name}” created`, 'success');
      props.onCreated(created);
      nameInput.current?.focus();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="organise-form" onSubmit={(ev) => void submit(ev)} aria-labelledby="category-form-title">
      <h3 id="category-form-title" class="organise-section-title">
        Add Category
      </h3>
      <div class="field">
        <label class="field-label" for="category-name">
          Name
        </label>
        <input
          ref={nameInput}
          id="category-name"
          class="input"
          maxLength={100}
          required
          value={name}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby="category-error"
          onInput={(ev) => setName(ev.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label class="field-label" for="category-description">
          Description <span class="required-mark">(optional)</span>
        </label>
        <textarea
          id="category-description"
          class="input"
          rows={2}
          maxLength={1000}
          value={description}
          onInput={(ev) => setDescription(ev.currentTarget.value)}
        />
      </div>
      <p id="category-error" class="form-error" role="alert">
        {error}
      </p>
      <div class="form-actions">
        <Button type="submit" variant="primary" id="category-add" busy={busy}>
          Add Category
        </Button>
      </div>
    </form>
  );
}
