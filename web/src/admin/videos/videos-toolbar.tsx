/**
 * The Videos tab's filters (ui.md §2.2): title search and status on the loaded list (status follows live
 * progress), category, quality and featured on the server (`GET /api/videos`); Refresh; Export.
 *
 * Test hooks: `#videos-search`, `#videos-status-filter`, `#videos-category-filter`, `#videos-quality-filter`,
 * `#videos-featured-filter`, `#videos-refresh` (and export-menu.tsx).
 */
import { Button } from '../components/button.js';
import type { ApiClient } from '../api.js';
import { QUALITY_NAMES } from '../../shared/types.js';
import { ExportMenu } from './export-menu.js';
import { CategoryOptions, useCategories } from './use-categories.js';
import type { VideosStore } from './videos-store.js';

const STATUSES = ['pending', 'processing', 'ready', 'failed'] as const;
const capital = (s: string) => s[0]!.toUpperCase() + s.slice(1);

function ServerFilters({ store, api }: { store: VideosStore; api: ApiClient }) {
  const categories = useCategories(api);
  return (
    <>
      <select
        id="videos-category-filter"
        class="input input-sm"
        aria-label="Filter by category"
        value={store.categoryFilter.value}
        onChange={(ev) => store.setServerFilter('categoryFilter', ev.currentTarget.value)}
      >
        <option value="">All categories</option>
        <option value="0">No category</option>
        <CategoryOptions categories={categories} />
      </select>
      <select
        id="videos-quality-filter"
        class="input input-sm"
        aria-label="Filter by quality"
        value={store.qualityFilter.value}
        onChange={(ev) => store.setServerFilter('qualityFilter', ev.currentTarget.value)}
      >
        <option value="">All qualities</option>
        {QUALITY_NAMES.map((q) => (
          <option key={q} value={q}>
            {q === 'original' ? 'Original' : q}
          </option>
        ))}
      </select>
      <select
        id="videos-featured-filter"
        class="input input-sm"
        aria-label="Filter by featured"
        value={store.featuredFilter.value}
        onChange={(ev) => store.setServerFilter('featuredFilter', ev.currentTarget.value)}
      >
        <option value="">Featured or not</option>
        <option value="true">Featured</option>
        <option value="false">Not featured</option>
      </select>
    </>
  );
}

export function VideosToolbar({ store, api }: { store: VideosStore; api: ApiClient }) {
  return (
    <div class="toolbar">
      <input
        type="search"
        id="videos-search"
        class="input input-sm"
        placeholder="Filter by title"
        aria-label="Filter videos by title"
        aria-keyshortcuts="/ Control+K"
        value={store.search.value}
        onInput={(ev) => (store.search.value = ev.currentTarget.value)}
      />
      <select
        id="videos-status-filter"
        class="input input-sm"
        aria-label="Filter by status"
        value={store.statusFilter.value}
        onChange={(ev) => (store.statusFilter.value = ev.currentTarget.value)}
      >
        <option value="">All statuses</option>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {capital(s)}
          </option>
        ))}
      </select>
      <ServerFilters store={store} api={api} />
      <Button
        id="videos-refresh"
        size="sm"
        icon="refresh"
        disabled={store.refreshing.value}
        onClick={() => void store.load()}
      >
        <span>Refresh</span>
      </Button>
      <ExportMenu status={store.statusFilter.value} categoryId={store.categoryFilter.value} />
    </div>
  );
}
