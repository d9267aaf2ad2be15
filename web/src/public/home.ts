/**
 * Public home page (`/`): category chips, grid of ready videos with "Load more"
 * (cursor pagination, offset fallback), search results, skeleton/empty/error states.
 */
import { announce, errorState, h, icon, must, replaceChildren } from '../shared/dom.js';
import { errorMessage, fetchJson } from '../shared/http.js';
import type { Category, VideoListResponse } from '../shared/types.js';
import { skeletonCards, videoCard } from './lib/cards.js';
import { SLUG_PATTERN, initHeader, readSearchParam } from './lib/chrome.js';

const PAGE_SIZE = 24;

const params = new URLSearchParams(location.search);
const search = readSearchParam(params);
const rawCategory = (params.get('category') ?? '').trim();
const category = SLUG_PATTERN.test(rawCategory) ? rawCategory : '';

const grid = must<HTMLUListElement>('#video-grid');
const stateBox = must('#grid-state');
const loadMoreButton = must<HTMLButtonElement>('#load-more');
const loadMoreError = must('#load-more-error');
const title = must('#section-title');
const summary = must('#result-summary');
const chips = must('#category-chips');

let nextCursor: string | null = null;
let loadedCount = 0;
let loading = false;

function listUrl(): string {
  const q = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (search) q.set('search', search);
  if (category) q.set('category', category);
  // The cursor is only meaningful for date ordering; search results are ordered by
  // relevance (= published date) too, but fall back to offset when no cursor is given.
  if (nextCursor) q.set('cursor', nextCursor);
  else if (loadedCount > 0) q.set('offset', String(loadedCount));
  return `/api/videos?${q.toString()}`;
}

function setTitle(categoryName?: string): void {
  if (search) title.textContent = `Results for “${search}”`;
  else if (category) title.textContent = categoryName ?? 'Videos';
  else title.textContent = 'Latest videos';
  document.title = search ? `${search} – VLog` : categoryName ? `${categoryName} – VLog` : 'VLog';
}

function showSkeleton(): void {
  grid.setAttribute('aria-busy', 'true');
  replaceChildren(grid, ...skeletonCards(8));
  stateBox.hidden = true;
}

function showEmpty(): void {
  replaceChildren(grid);
  const message = search
    ? `No videos match “${search}”.`
    : category
      ? 'There are no videos in this category yet.'
      : 'No videos yet — check back soon.';
  replaceChildren(
    stateBox,
    h(
      'div',
      { class: 'empty-state' },
      icon('film', 'icon icon-xl'),
      h('p', { class: 'empty-title' }, message),
      search || category ? h('a', { class: 'btn btn-secondary', href: '/' }, 'Browse all videos') : null,
    ),
  );
  stateBox.hidden = false;
  announce(search ? 'No videos found' : 'No videos');
}

function showError(err: unknown): void {
  replaceChildren(grid);
  replaceChildren(
    stateBox,
    errorState(h('p', { class: 'empty-title' }, 'Could not load videos'), errorMessage(err), () => {
      void loadFirstPage();
    }),
  );
  stateBox.hidden = false;
}

function updateSummary(total: number | null | undefined): void {
  const count = typeof total === 'number' ? total : loadedCount;
  const word = count === 1 ? 'video' : 'videos';
  if (search) summary.textContent = `${count} ${word} found`;
  else summary.textContent = typeof total === 'number' ? `${total} ${word}` : '';
}

async function loadFirstPage(): Promise<void> {
  nextCursor = null;
  loadedCount = 0;
  loadMoreButton.hidden = true;
  loadMoreError.textContent = '';
  showSkeleton();
  await loadPage(true);
}

async function loadPage(first: boolean): Promise<void> {
  if (loading) return;
  loading = true;
  loadMoreButton.disabled = true;
  loadMoreButton.setAttribute('aria-busy', 'true');
  if (!first) loadMoreButton.textContent = 'Loading…';
  try {
    const data = await fetchJson<VideoListResponse>(listUrl());
    const videos = Array.isArray(data.videos) ? data.videos : [];
    if (first) replaceChildren(grid);
    grid.setAttribute('aria-busy', 'false');
    if (first && videos.length === 0) {
      showEmpty();
      summary.textContent = '';
      return;
    }
    stateBox.hidden = true;
    const cards = videos.map((video) => videoCard(video));
    const firstNew = cards[0];
    grid.append(...cards);
    loadedCount += videos.length;
    nextCursor = data.next_cursor ?? null;
    loadMoreButton.hidden = !data.has_more || videos.length === 0;
    updateSummary(data.total_count);
    if (first) {
      announce(search ? `${summary.textContent}` : `${loadedCount} videos loaded`);
    } else {
      announce(`${videos.length} more videos loaded`);
      // Move focus to the first new card so keyboard users continue from there.
      firstNew?.querySelector<HTMLAnchorElement>('a')?.focus();
    }
  } catch (err) {
    grid.setAttribute('aria-busy', 'false');
    if (first) showError(err);
    else loadMoreError.textContent = `Could not load more videos: ${errorMessage(err)}`;
  } finally {
    loading = false;
    loadMoreButton.disabled = false;
    loadMoreButton.removeAttribute('aria-busy');
    loadMoreButton.textContent = loadMoreError.textContent ? 'Retry' : 'Load more';
  }
}

async function loadCategories(): Promise<void> {
  try {
    const categories = await fetchJson<Category[]>('/api/categories', { timeoutMs: 5000 });
    if (!Array.isArray(categories) || categories.length === 0) {
      setTitle();
      return;
    }
    const base = search ? `/?search=${encodeURIComponent(search)}` : '/';
    const chip = (label: string, href: string, active: boolean): HTMLLIElement =>
      h(
        'li',
        null,
        h(
          'a',
          { class: active ? 'chip active' : 'chip', href, 'aria-current': active ? 'page' : null },
          label,
        ),
      );
    const list = h('ul', { class: 'chip-list', role: 'list' }, chip('All', base, !category));
    for (const c of categories) {
      const href = `/?${search ? `search=${encodeURIComponent(search)}&` : ''}category=${encodeURIComponent(c.slug)}`;
      list.appendChild(chip(c.name, href, c.slug === category));
    }
    replaceChildren(chips, list);
    chips.hidden = false;
    setTitle(categories.find((c) => c.slug === category)?.name);
  } catch {
    // Categories are optional chrome: the grid still works without them.
    setTitle();
  }
}

initHeader(search);
setTitle();
loadMoreButton.addEventListener('click', () => void loadPage(false));
const clearSearch = document.getElementById('clear-search');
if (clearSearch && search) clearSearch.hidden = false;
void loadCategories();
void loadFirstPage();
