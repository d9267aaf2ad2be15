/**
 * The grid of the public listing pages (home, category, tag, search): filter bar, cards in grid or list
 * layout, "Load more" (cursor for date order, offset otherwise), "N videos found", and skeleton, empty and
 * error (retry) states. Filters live in the URL and the saved preferences (browse-state.ts).
 * Markup: web/partials/video-browser.html.
 */
import { announce, errorState, h, icon, must, replaceChildren } from '../../shared/dom.js';
import { errorMessage, fetchJson } from '../../shared/http.js';
import type { PublicVideoListResponse, SearchedVideoListItem } from '../../shared/types.js';
import {
  filtersFromUrl,
  filtersToUrl,
  listQuery,
  loadPreferences,
  savePreferences,
  type BrowseFilters,
  type ViewMode,
} from './browse-state.js';
import { skeletonCards, videoCard } from './cards.js';
import { fillCategorySelect, loadCustomFields, renderCustomFilters, renderFilterBar } from './filter-bar.js';
import { snippetElement } from './snippet.js';

const PAGE_SIZE = 24;

export interface VideoBrowserOptions {
  /** The page's scope: a category or tag page's slug, the search page's query. */
  scope: { search?: string; category?: string; tag?: string };
  /** Category filter as a select in the bar (search page); elsewhere it is the path or the chips. */
  categorySelect?: boolean;
  /** Shown when nothing matches. */
  emptyMessage: () => string;
  /** "N videos found" / "N results". */
  summary: (count: number) => string;
  /** Called after the category filter changed (home chips, search page select). */
  onCategoryChange?: (slug: string) => void;
}

/** A card; search results show their highlighted title and description (see snippet.ts). */
function card(video: SearchedVideoListItem): HTMLLIElement {
  const snippet = video.search_snippet;
  if (snippet) {
    return videoCard(video, {
      title: snippetElement(snippet.title, 'span'),
      extra: snippet.description ? snippetElement(snippet.description) : null,
    });
  }
  const description = video.description ? h('p', { class: 'card-description' }, video.description) : null;
  return videoCard(video, { extra: description });
}

export class VideoBrowser {
  readonly filters: BrowseFilters;
  private readonly grid = must<HTMLUListElement>('#video-grid');
  private readonly stateBox = must('#grid-state');
  private readonly loadMoreButton = must<HTMLButtonElement>('#load-more');
  private readonly loadMoreError = must('#load-more-error');
  private readonly summary = must('#result-summary');
  private readonly customSlot: HTMLElement;
  private viewMode: ViewMode;
  private cursor: string | null = null;
  private loaded = 0;
  /** A newer load makes the answers of older ones stale. */
  private generation = 0;

  constructor(private readonly options: VideoBrowserOptions) {
    const prefs = loadPreferences();
    this.filters = filtersFromUrl(new URLSearchParams(location.search), prefs, options.scope);
    this.viewMode = prefs.viewMode;
    const slots = renderFilterBar(
      must('#filter-bar'),
      { filters: this.filters, viewMode: this.viewMode },
      {
        onSort: (sort) => {
          this.filters.sort = sort;
          if (sort !== 'relevance') savePreferences({ sortBy: sort });
          this.changed();
        },
        onDuration: (duration) => {
          this.filters.duration = duration;
          savePreferences({ durationFilter: duration });
          this.changed();
        },
        onViewMode: (mode) => {
          this.viewMode = mode;
          savePreferences({ viewMode: mode });
          this.applyViewMode();
        },
      },
    );
    this.customSlot = slots.customSlot;
    if (options.categorySelect) {
      void fillCategorySelect(slots.categorySlot, this.filters.category, (slug) => this.setCategory(slug));
    }
    this.loadMoreButton.addEventListener('click', () => void this.loadPage(false));
    this.applyViewMode();
    this.loadCustomFilters();
    this.syncUrl();
    void this.loadFirstPage();
  }

  /** The category filter (home chips, search page select); the category's custom-field filters follow. */
  setCategory(slug: string): void {
    this.filters.category = slug;
    this.filters.custom = {};
    this.loadCustomFilters();
    this.options.onCategoryChange?.(slug);
    this.changed();
  }

  private applyViewMode(): void {
    this.grid.classList.toggle('is-list', this.viewMode === 'list');
  }

  private syncUrl(): void {
    const categoryInPath = Boolean(this.options.scope.category);
    const query = filtersToUrl(this.filters, { categoryInPath }).toString();
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}`);
  }

  private changed(): void {
    this.syncUrl();
    void this.loadFirstPage();
  }

  private loadCustomFilters(): void {
    const category = this.filters.category;
    replaceChildren(this.customSlot);
    void loadCustomFields(category).then((fields) => {
      if (category !== this.filters.category) return; // the category changed meanwhile
      renderCustomFilters(this.customSlot, fields, this.filters.custom, (slug, value) => {
        if (value) this.filters.custom[slug] = value;
        else delete this.filters.custom[slug];
        this.changed();
      });
    });
  }

  private async loadFirstPage(): Promise<void> {
    this.cursor = null;
    this.loaded = 0;
    this.loadMoreButton.hidden = true;
    this.loadMoreError.textContent = '';
    this.grid.setAttribute('aria-busy', 'true');
    replaceChildren(this.grid, ...skeletonCards(8));
    this.stateBox.hidden = true;
    await this.loadPage(true);
  }

  private async loadPage(first: boolean): Promise<void> {
    const mine = ++this.generation;
    const button = this.loadMoreButton;
    button.disabled = true;
    if (!first) button.textContent = 'Loading…';
    try {
      const query = listQuery(this.filters, { limit: PAGE_SIZE, cursor: this.cursor, offset: this.loaded });
      const data = await fetchJson<PublicVideoListResponse>(`/api/videos?${query.toString()}`);
      if (mine === this.generation) this.showPage(data, first);
    } catch (err) {
      if (mine !== this.generation) return;
      if (first) this.showError(err);
      else this.loadMoreError.textContent = `Could not load more videos: ${errorMessage(err)}`;
    } finally {
      if (mine === this.generation) {
        this.grid.setAttribute('aria-busy', 'false');
        button.disabled = false;
        button.textContent = this.loadMoreError.textContent ? 'Retry' : 'Load more';
      }
    }
  }

  private showPage(data: PublicVideoListResponse, first: boolean): void {
    const videos = data.videos;
    if (first) replaceChildren(this.grid);
    if (first && videos.length === 0) return this.showEmpty();
    this.stateBox.hidden = true;
    const cards = videos.map(card);
    this.grid.append(...cards);
    this.loaded += videos.length;
    this.cursor = data.next_cursor;
    this.loadMoreButton.hidden = !data.has_more || videos.length === 0;
    this.summary.textContent = this.options.summary(data.total_count ?? this.loaded);
    if (first) {
      announce(this.summary.textContent);
    } else {
      announce(`${videos.length} more videos loaded`);
      // Keyboard users continue from the first new card.
      cards[0]?.querySelector<HTMLAnchorElement>('a')?.focus();
    }
  }

  private showEmpty(): void {
    this.summary.textContent = this.options.summary(0);
    const filtered = Boolean(this.filters.duration) || Object.keys(this.filters.custom).length > 0;
    replaceChildren(
      this.stateBox,
      h(
        'div',
        { class: 'empty-state' },
        icon('film', 'icon icon-xl'),
        h('p', { class: 'empty-title' }, this.options.emptyMessage()),
        filtered ? h('p', { class: 'muted' }, 'Try another length or clear the filters.') : null,
        h('a', { class: 'btn btn-secondary', href: '/' }, 'Browse all videos'),
      ),
    );
    this.stateBox.hidden = false;
    announce(this.summary.textContent);
  }

  private showError(err: unknown): void {
    replaceChildren(this.grid);
    this.summary.textContent = '';
    const retry = (): void => void this.loadFirstPage();
    const title = h('p', { class: 'empty-title' }, 'Could not load videos');
    replaceChildren(this.stateBox, errorState(title, errorMessage(err), retry));
    this.stateBox.hidden = false;
  }
}
