/** Shared page chrome for the public site: header search box and footer year. */
import { isTyping, must } from '../../shared/dom.js';
import { applyDisplayConfig } from './display-config.js';

export const MAX_SEARCH_LENGTH = 200;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The slug of a `/<section>/<slug>` page's own URL, or null when the path holds no valid slug. */
export function slugFromPath(section: string): string | null {
  const match = new RegExp(`^/${section}/([^/]+)/?$`).exec(location.pathname);
  try {
    const slug = match?.[1] ? decodeURIComponent(match[1]) : '';
    return SLUG_PATTERN.test(slug) ? slug : null;
  } catch {
    return null;
  }
}

/** Read `?q=` (or the older `?search=`) from the current URL, trimmed and capped at 200 chars. */
export function readSearchParam(params: URLSearchParams = new URLSearchParams(location.search)): string {
  const raw = params.get('q') ?? params.get('search') ?? '';
  return raw.trim().slice(0, MAX_SEARCH_LENGTH);
}

/** The search results page for `query` (the home page when it is empty). */
export function searchUrl(query: string): string {
  const q = query.trim().slice(0, MAX_SEARCH_LENGTH);
  return q ? `/search?q=${encodeURIComponent(q)}` : '/';
}

/**
 * Wire up the header search form. Without JS it already submits to `/search?q=`;
 * here we only drop empty searches and cap the length.
 */
export function initHeader(currentSearch = ''): void {
  void applyDisplayConfig();
  const form = must<HTMLFormElement>('#search-form');
  const input = must<HTMLInputElement>('#search-input');
  input.maxLength = MAX_SEARCH_LENGTH;
  if (currentSearch) input.value = currentSearch;
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.assign(searchUrl(input.value));
  });
  // "/" focuses the search box (ignored while typing somewhere).
  document.addEventListener('keydown', (ev) => {
    if (ev.key !== '/' || ev.ctrlKey || ev.metaKey || ev.altKey || isTyping(ev.target)) return;
    ev.preventDefault();
    input.focus();
    input.select();
  });
  const year = document.getElementById('footer-year');
  if (year) year.textContent = String(new Date().getFullYear());
}
