/**
 * The public grids' filters (sort, duration, category, tag, search, custom fields): read from the URL and the
 * saved preferences, written back to the URL (so a filtered page can be shared and survives a reload), and
 * turned into the `GET /api/videos` query. Pure apart from the localStorage helpers; unit-tested.
 */

export const SORT_OPTIONS = [
  { value: 'relevance', label: 'Relevance' },
  { value: 'date-desc', label: 'Newest' },
  { value: 'date-asc', label: 'Oldest' },
  { value: 'views-desc', label: 'Most viewed' },
  { value: 'duration-desc', label: 'Longest' },
  { value: 'duration-asc', label: 'Shortest' },
  { value: 'title-asc', label: 'A–Z' },
  { value: 'title-desc', label: 'Z–A' },
] as const;
export type SortKey = (typeof SORT_OPTIONS)[number]['value'];

export const DURATION_OPTIONS = [
  { value: '', label: 'Any length' },
  { value: 'short', label: 'Short (< 5 min)' },
  { value: 'medium', label: 'Medium (5–20 min)' },
  { value: 'long', label: 'Long (> 20 min)' },
] as const;
export type DurationFilter = (typeof DURATION_OPTIONS)[number]['value'];

export type ViewMode = 'grid' | 'list';

/** `localStorage.vlog_preferences` (ui.md §1.1); other keys in it (e.g. autoplayNext) are kept untouched. */
export interface Preferences {
  sortBy: SortKey;
  durationFilter: DurationFilter;
  viewMode: ViewMode;
}

export const PREFERENCES_KEY = 'vlog_preferences';
const DEFAULT_PREFERENCES: Preferences = { sortBy: 'date-desc', durationFilter: '', viewMode: 'grid' };

export interface BrowseFilters {
  search: string;
  category: string;
  tag: string;
  sort: SortKey;
  duration: DurationFilter;
  /** `custom.<slug>` → value (select fields). */
  custom: Record<string, string>;
}

const isSort = (v: unknown): v is SortKey => SORT_OPTIONS.some((o) => o.value === v);
const isDuration = (v: unknown): v is DurationFilter => DURATION_OPTIONS.some((o) => o.value === v);
const isViewMode = (v: unknown): v is ViewMode => v === 'grid' || v === 'list';

/** Saved preferences, each key checked (a hand-edited or older value falls back to its default). */
export function parsePreferences(raw: string | null): Preferences {
  let saved: Record<string, unknown> = {};
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (parsed && typeof parsed === 'object') saved = parsed as Record<string, unknown>;
  } catch {
    // Corrupt JSON: start from the defaults.
  }
  return {
    sortBy: isSort(saved.sortBy) && saved.sortBy !== 'relevance' ? saved.sortBy : DEFAULT_PREFERENCES.sortBy,
    durationFilter: isDuration(saved.durationFilter) ? saved.durationFilter : '',
    viewMode: isViewMode(saved.viewMode) ? saved.viewMode : DEFAULT_PREFERENCES.viewMode,
  };
}

export function loadPreferences(): Preferences {
  try {
    return parsePreferences(localStorage.getItem(PREFERENCES_KEY));
  } catch {
    return { ...DEFAULT_PREFERENCES }; // storage disabled
  }
}

/** Merge `changes` into the stored object, keeping keys other modules own. Storage errors are ignored. */
export function savePreferences(changes: Partial<Preferences>): void {
  try {
    let stored: Record<string, unknown> = {};
    const parsed: unknown = JSON.parse(localStorage.getItem(PREFERENCES_KEY) ?? '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      stored = parsed as Record<string, unknown>;
    localStorage.setItem(PREFERENCES_KEY, JSON.stringify({ ...stored, ...changes }));
  } catch {
    // Private mode or quota: preferences simply do not persist.
  }
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CUSTOM_PREFIX = 'custom.';

/**
 * Filters of a page: the URL's `sort`/`duration`/`category`/`custom.*` win over the saved preferences; the
 * page's own scope (`fixed`: a category or tag page) and the search are given by the page.
 */
export function filtersFromUrl(
  params: URLSearchParams,
  prefs: Preferences,
  base: { search?: string; category?: string; tag?: string },
): BrowseFilters {
  const search = base.search ?? '';
  const urlSort = params.get('sort');
  const sort: SortKey = isSort(urlSort) ? urlSort : search ? 'relevance' : prefs.sortBy;
  const urlDuration = params.get('duration');
  const urlCategory = (params.get('category') ?? '').trim();
  const custom: Record<string, string> = {};
  for (const [key, value] of params) {
    const slug = key.slice(CUSTOM_PREFIX.length);
    if (key.startsWith(CUSTOM_PREFIX) && SLUG.test(slug) && value) custom[slug] = value.slice(0, 200);
  }
  return {
    search,
    category: base.category ?? (SLUG.test(urlCategory) ? urlCategory : ''),
    tag: base.tag ?? '',
    // Relevance ranks search results; without a search it means nothing, so the saved order applies.
    sort: sort === 'relevance' && !search ? prefs.sortBy : sort,
    duration: isDuration(urlDuration) ? urlDuration : prefs.durationFilter,
    custom,
  };
}

/** The page URL's query for `filters` (`q` on the search page; the page's own scope is in its path). */
export function filtersToUrl(filters: BrowseFilters, scope: { categoryInPath: boolean }): URLSearchParams {
  const q = new URLSearchParams();
  if (filters.search) q.set('q', filters.search);
  if (filters.category && !scope.categoryInPath) q.set('category', filters.category);
  q.set('sort', filters.sort);
  if (filters.duration) q.set('duration', filters.duration);
  for (const [slug, value] of Object.entries(filters.custom)) q.set(`${CUSTOM_PREFIX}${slug}`, value);
  return q;
}

/** Date order pages by keyset cursor; every other order by offset (the cursor is a (published_at, id) key). */
export function usesCursor(sort: SortKey): boolean {
  return sort === 'date-desc' || sort === 'date-asc';
}

/** `GET /api/videos` query for one page of `filters`. */
export function listQuery(
  filters: BrowseFilters,
  page: { limit: number; cursor: string | null; offset: number },
): URLSearchParams {
  const q = new URLSearchParams({ limit: String(page.limit), include_total: 'true' });
  if (filters.search) q.set('search', filters.search);
  if (filters.category) q.set('category', filters.category);
  if (filters.tag) q.set('tag', filters.tag);
  if (filters.duration) q.set('duration', filters.duration);
  const [field, order] = filters.sort.split('-');
  q.set('sort', field ?? 'date');
  if (order) q.set('order', order);
  for (const [slug, value] of Object.entries(filters.custom)) q.set(`${CUSTOM_PREFIX}${slug}`, value);
  if (usesCursor(filters.sort) && page.cursor) q.set('cursor', page.cursor);
  else if (page.offset > 0) q.set('offset', String(page.offset));
  return q;
}
