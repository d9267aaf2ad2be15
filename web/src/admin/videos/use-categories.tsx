/** The categories (`GET /api/categories`) for a select: loaded once per mount; a failure leaves [] and a toast. */
import { useEffect, useState } from 'preact/hooks';
import { UnauthorizedError, errorMessage, type ApiClient } from '../api.js';
import { toast } from '../components/toast.js';
import type { Category } from '../../shared/types.js';

export function useCategories(api: ApiClient, reloadKey: unknown = 0): Category[] {
  const [categories, setCategories] = useState<Category[]>([]);
  useEffect(() => {
    let live = true;
    api
      .get<Category[]>('/api/categories')
      .then((list) => live && setCategories(Array.isArray(list) ? list : []))
      .catch((err: unknown) => {
        if (live && !(err instanceof UnauthorizedError))
          toast(`Could not load categories: ${errorMessage(err)}`, 'error');
      });
    return () => {
      live = false;
    };
  }, [reloadKey]);
  return categories;
}

/** `<option>`s of a category select, by name. */
export function CategoryOptions({ categories }: { categories: Category[] }) {
  return (
    <>
      {categories.map((c) => (
        <option key={c.id} value={String(c.id)}>
          {c.name}
        </option>
      ))}
    </>
  );
}
