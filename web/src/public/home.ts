/**
 * Public home page (`/`): the featured hero, the "Continue watching" and "Watch later" rows (lib/continue-watching.ts), category chips (filtering the grid in place, reflected in
 * `?category=`), and the shared grid with its filter bar. Old `/?search=` links go to the search page.
 */
import { h, must, replaceChildren } from '../shared/dom.js';
import { fetchJson } from '../shared/http.js';
import type { Category, VideoListResponse } from '../shared/types.js';
import { thumbnail, watchUrl } from './lib/cards.js';
import { initHeader, readSearchParam, searchUrl } from './lib/chrome.js';
import { displayConfig } from './lib/display-config.js';
import { VideoBrowser } from './lib/video-browser.js';
import { mountContinueWatching, mountWatchLater } from './lib/continue-watching.js';
import { formatDate } from '../shared/format.js';

const title = must('#section-title');
const chips = must('#category-chips');
let categoryNames = new Map<string, string>();

function setTitle(category: string): void {
  const name = categoryNames.get(category);
  title.textContent = category ? (name ?? 'Videos') : 'Latest videos';
  document.title = name ? `${name} – VLog` : 'VLog';
}

/** "All" + each category as toggle buttons (`aria-pressed`); choosing one filters the grid. */
async function loadChips(browser: VideoBrowser): Promise<void> {
  let categories: Category[];
  try {
    categories = await fetchJson<Category[]>('/api/categories', { timeoutMs: 5000 });
  } catch {
    return; // optional chrome: the grid works without the chips
  }
  if (categories.length === 0) return;
  categoryNames = new Map(categories.map((c) => [c.slug, c.name]));
  const chip = (label: string, slug: string): HTMLLIElement =>
    h(
      'li',
      null,
      h(
        'button',
        {
          type: 'button',
          class: 'chip chip-button',
          'aria-pressed': String(browser.filters.category === slug),
          dataset: { category: slug },
          on: { click: () => browser.setCategory(slug) },
        },
        label,
      ),
    );
  const list = h('ul', { class: 'chip-list', role: 'list' }, chip('All', ''));
  for (const c of categories) list.appendChild(chip(c.name, c.slug));
  replaceChildren(chips, list);
  chips.hidden = false;
  setTitle(browser.filters.category);
}

function markChips(category: string): void {
  for (const button of chips.querySelectorAll<HTMLButtonElement>('button[data-category]')) {
    button.setAttribute('aria-pressed', String(button.dataset.category === category));
  }
}

/** The featured video (`featured=true&limit=1`) as a large card; the section stays hidden when none. */
async function loadHero(): Promise<void> {
  const hero = must('#hero');
  try {
    const { videos } = await fetchJson<VideoListResponse>('/api/videos?featured=true&limit=1');
    const video = videos[0];
    if (!video) return;
    const date = formatDate(video.published_at ?? video.created_at);
    replaceChildren(
      hero,
      h(
        'a',
        { class: 'hero-link', href: watchUrl(video.slug), dataset: { slug: video.slug } },
        thumbnail(video, 'thumb hero-thumb'),
        h(
          'div',
          { class: 'hero-body' },
          h('p', { class: 'hero-kicker' }, 'Featured'),
          h('h2', { class: 'hero-title' }, video.title),
          video.description ? h('p', { class: 'hero-description' }, video.description) : null,
          h('p', { class: 'hero-meta muted' }, [video.category_name, date].filter(Boolean).join(' · ')),
        ),
      ),
    );
    hero.hidden = false;
  } catch {
    // The hero is an extra: without it the page is the grid.
  }
}

/** The tagline from the display settings, when it is on and not empty. */
async function showTagline(): Promise<void> {
  const config = await displayConfig();
  const tagline = must('#site-tagline');
  tagline.textContent = config.tagline;
  tagline.hidden = !config.show_tagline || config.tagline.trim() === '';
}

const legacySearch = readSearchParam();
if (legacySearch) {
  location.replace(searchUrl(legacySearch));
} else {
  initHeader();
  const browser: VideoBrowser = new VideoBrowser({
    scope: {},
    emptyMessage: () =>
      browser.filters.category
        ? 'There are no videos in this category yet.'
        : 'No videos yet — check back soon.',
    summary: (count) => `${count} ${count === 1 ? 'video' : 'videos'} found`,
    onCategoryChange: (category) => {
      markChips(category);
      setTitle(category);
    },
  });
  setTitle(browser.filters.category);
  void loadChips(browser);
  void loadHero();
  void showTagline();
  void mountContinueWatching(must('#continue-watching'));
  void mountWatchLater(must('#watch-later'));
}
