/**
 * Category select of the Upload tab (`GET /api/categories`), with an inline "New category…" form
 * (`POST /api/categories`) that selects the created one. Test hooks: `#upload-category`,
 * `#new-category-toggle`, `#new-category-name`, `#new-category-add`.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { UnauthorizedError, errorMessage, type ApiClient } from '../api.js';
import { Button } from '../components/button.js';
import { toast } from '../components/toast.js';
import type { Category } from '../../shared/types.js';

export interface CategoryFieldProps {
  api: ApiClient;
  value: string;
  onChange: (value: string) => void;
  disabled: boolean;
  /** Bumped to load the list again (the tab was shown, or the user signed in again). */
  reloadKey: number;
}

export function CategoryField({ api, value, onChange, disabled, reloadKey }: CategoryFieldProps) {
  const [categories, setCategories] = useState<Category[]>([]);
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const nameInput = useRef<HTMLInputElement>(null);
  const select = useRef<HTMLSelectElement>(null);
  /** Number of the latest load: an older answer arriving late must not hide a category created since. */
  const loadSeq = useRef(0);

  const load = async (): Promise<Category[]> => {
    const seq = ++loadSeq.current;
    try {
      const list = await api.get<Category[]>('/api/categories');
      const next = Array.isArray(list) ? list : [];
      if (seq === loadSeq.current) setCategories(next);
      return next;
    } catch (err) {
      if (!(err instanceof UnauthorizedError))
        toast(`Could not load categories: ${errorMessage(err)}`, 'error');
      return categories;
    }
  };

  useEffect(() => {
    if (reloadKey > 0) void load();
  }, [reloadKey]);
  useEffect(() => {
    if (adding) nameInput.current?.focus();
  }, [adding]);

  const create = async (): Promise<void> => {
    const trimmed = name.trim();
    if (!trimmed) {
      nameInput.current?.focus();
      return;
    }
    try {
      const created = await api.post<Category>('/api/categories', { name: trimmed, description: '' });
      setName('');
      setAdding(false);
      await load();
      onChange(String(created.id));
      select.current?.focus();
      toast(`Category “${created.name}” created`, 'success');
    } catch (err) {
      if (!(err instanceof UnauthorizedError))
        toast(`Could not create category: ${errorMessage(err)}`, 'error');
    }
  };

  return (
    <div class="field">
      <label for="upload-category" class="field-label">
        Category
      </label>
      <div class="select-row">
        <select
          ref={select}
          id="upload-category"
          name="category_id"
          class="input"
          disabled={disabled}
          value={categories.some((c) => String(c.id) === value) ? value : ''}
          onChange={(ev) => onChange(ev.currentTarget.value)}
        >
          <option value="">No category</option>
          {categories.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {c.name}
            </option>
          ))}
        </select>
        <Button
          variant="ghost"
          size="sm"
          id="new-category-toggle"
          disabled={disabled}
          aria-expanded={adding ? 'true' : 'false'}
          aria-controls="new-category-box"
          onClick={() => setAdding(!adding)}
        >
          New category…
        </Button>
      </div>
      <div class="inline-form" id="new-category-box" hidden={!adding}>
        <input
          ref={nameInput}
          type="text"
          id="new-category-name"
          class="input input-sm"
          maxLength={100}
          aria-label="New category name"
          placeholder="Category name"
          value={name}
          onInput={(ev) => setName(ev.currentTarget.value)}
          onKeyDown={(ev) => {
            if (ev.key !== 'Enter') return;
            ev.preventDefault();
            void create();
          }}
        />
        <Button size="sm" id="new-category-add" disabled={disabled} onClick={() => void create()}>
          Add
        </Button>
      </div>
    </div>
  );
}
