/**
 * The category (`/category/{slug}`) and tag (`/tag/{slug}`) pages: the header (name, description, video count)
 * and breadcrumb from `GET /api/categories/{slug}` or `/api/tags/{slug}`, loaded alongside the grid; a 404
 * state when it does not exist or the slug is malformed (checked here before any request).
 */
import { announce, errorState, h, icon, must, replaceChildren } from '../../shared/dom.js';
import { HttpError, errorMessage, fetchJson } from '../../shared/http.js';
import { renderBreadcrumb } from './breadcrumb.js';
import { SLUG_PATTERN, initHeader } from './chrome.js';
import { VideoBrowser } from './video-browser.js';

export interface ListingKind {
  /** `category` or `tag`: the path segment and the API collection (`/api/categories`, `/api/tags`). */
  path: 'category' | 'tag';
  api: 'categories' | 'tags';
  /** "Category" / "Tag", for texts. */
  noun: string;
  /** The page title from the entity's name ("Music" / "#live"). */
  title: (name: string) => string;
}

interface ListingEntity {
  name: string;
  video_count: number;
  description?: string | null;
}

function slugFromPath(kind: ListingKind): string | null {
  const match = new RegExp(`^/${kind.path}/([^/]+)/?$`).exec(location.pathname);
  try {
    const slug = match?.[1] ? decodeURIComponent(match[1]) : '';
    return SLUG_PATTERN.test(slug) ? slug : null;
  } catch {
    return null;
  }
}

function countText(count: number): string {
  return `${count} ${count === 1 ? 'video' : 'videos'}`;
}

function showNotFound(kind: ListingKind): void {
  document.title = `${kind.noun} not found – VLog`;
  renderBreadcrumb(must('#breadcrumb'), [{ label: 'Home', href: '/' }, { label: 'Not found' }]);
  must('#listing-head').hidden = true;
  replaceChildren(
    must('#listing-body'),
    h(
      'div',
      { class: 'empty-state not-found', id: 'not-found' },
      icon('film', 'icon icon-xl'),
      h('h1', { class: 'empty-title' }, `${kind.noun} not found`),
      h('p', { class: 'muted' }, 'It may have been removed, or the link is wrong.'),
      h('a', { class: 'btn btn-primary', href: '/' }, 'Browse all videos'),
    ),
  );
  announce(`${kind.noun} not found`);
}

function showHeader(kind: ListingKind, entity: ListingEntity): void {
  const title = kind.title(entity.name);
  document.title = `${title} – VLog`;
  renderBreadcrumb(must('#breadcrumb'), [{ label: 'Home', href: '/' }, { label: title }]);
  const head = must('#listing-head');
  replaceChildren(must('#section-title'), title);
  const description = must('#listing-description');
  description.textContent = entity.description ?? '';
  description.hidden = !entity.description;
  head.dataset.count = String(entity.video_count);
  head.setAttribute('aria-busy', 'false');
  must('#listing-count', head).textContent = countText(entity.video_count);
}

async function loadHeader(kind: ListingKind, slug: string): Promise<void> {
  try {
    showHeader(kind, await fetchJson<ListingEntity>(`/api/${kind.api}/${encodeURIComponent(slug)}`));
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) return showNotFound(kind);
    replaceChildren(
      must('#listing-head'),
      errorState(
        h('h1', { class: 'empty-title' }, `Could not load this ${kind.path}`),
        errorMessage(err),
        () => {
          location.reload();
        },
      ),
    );
  }
}

export function initListingPage(kind: ListingKind): void {
  initHeader();
  const slug = slugFromPath(kind);
  if (!slug) return showNotFound(kind);
  void loadHeader(kind, slug);
  new VideoBrowser({
    scope: kind.path === 'category' ? { category: slug } : { tag: slug },
    emptyMessage: () => `No videos in this ${kind.path} match.`,
    summary: (count) => `${countText(count)} found`,
  });
}
