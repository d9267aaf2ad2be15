/** Video cards of the public grids (home, category, tag, search) and the watch page's related list. */
import { h, icon } from '../../shared/dom.js';
import { formatDate, formatDuration, formatDurationLong, formatViews } from '../../shared/format.js';
import type { VideoListItem } from '../../shared/types.js';
import { getProgress } from '../player/viewer-memory.js';
import { watchLaterButton } from '../player/watch-later-button.js';
import { watchProgressBar } from './watch-progress-bar.js';

export function watchUrl(slug: string): string {
  return `/watch/${encodeURIComponent(slug)}`;
}

export function categoryUrl(slug: string): string {
  return `/category/${encodeURIComponent(slug)}`;
}

export function tagUrl(slug: string): string {
  return `/tag/${encodeURIComponent(slug)}`;
}

/** A video's tags as chips linking to their tag pages (null when it has none). */
export function tagChips(tags: VideoListItem['tags'], className = 'tag-list'): HTMLUListElement | null {
  if (tags.length === 0) return null;
  return h(
    'ul',
    { class: className, 'aria-label': 'Tags' },
    ...tags.map((tag) =>
      h('li', null, h('a', { class: 'tag-chip', href: tagUrl(tag.slug) }, `#${tag.name}`)),
    ),
  );
}

/** Thumbnail with a fallback placeholder when there is no image or it fails to load. */
export function thumbnail(
  video: Pick<VideoListItem, 'thumbnail_url' | 'duration'>,
  className = 'thumb',
): HTMLElement {
  const wrap = h('div', { class: className });
  const placeholder = h('div', { class: 'thumb-placeholder' }, icon('play', 'icon icon-lg'));
  if (video.thumbnail_url) {
    const img = h('img', {
      src: video.thumbnail_url,
      alt: '',
      loading: 'lazy',
      decoding: 'async',
      width: 640,
      height: 360,
    });
    img.addEventListener('error', () => img.replaceWith(placeholder), { once: true });
    wrap.appendChild(img);
  } else {
    wrap.appendChild(placeholder);
  }
  if (video.duration && video.duration > 0) {
    wrap.appendChild(
      h(
        'span',
        { class: 'duration-badge' },
        h('span', { 'aria-hidden': 'true' }, formatDuration(video.duration)),
        h('span', { class: 'sr-only' }, `Duration ${formatDurationLong(video.duration)}`),
      ),
    );
  }
  return wrap;
}

export interface CardOptions {
  /** The title's content when not its plain text (a search result's highlighted title). */
  title?: Node;
  /** Shown under the meta line: the description (list layout) or a search result's highlighted snippet. */
  extra?: HTMLElement | null;
  /** Heading level of the title: h2 on the grids, h3 inside a titled section (related videos). */
  heading?: 'h2' | 'h3';
}

/**
 * One video: the link (thumbnail with the viewer's watch progress, title, meta) and, beside it, its tag chips
 * and the "Watch later" toggle — controls of their own, so they sit outside the card's link (nested
 * interactive content is invalid and unreachable by keyboard).
 */
export function videoCard(video: VideoListItem, options: CardOptions = {}): HTMLLIElement {
  const date = formatDate(video.published_at ?? video.created_at);
  const views = formatViews(video.view_count);
  const meta = h('p', { class: 'card-meta' });
  if (video.category_name) meta.appendChild(h('span', { class: 'card-category' }, video.category_name));
  if (date) meta.appendChild(h('time', { datetime: video.published_at ?? video.created_at ?? '' }, date));
  if (views) meta.appendChild(h('span', { class: 'card-views' }, views));
  const thumb = thumbnail(video);
  const progress = getProgress(video.id);
  if (progress) thumb.appendChild(watchProgressBar(progress.percentage));
  return h(
    'li',
    { class: 'video-card', dataset: { videoId: video.id, slug: video.slug } },
    h(
      'a',
      { class: 'card-link', href: watchUrl(video.slug) },
      thumb,
      h(
        'div',
        { class: 'card-body' },
        h(options.heading ?? 'h2', { class: 'card-title' }, options.title ?? video.title),
        meta,
        options.extra ?? null,
      ),
    ),
    tagChips(video.tags, 'tag-list card-tags'),
    watchLaterButton(video.id, { className: 'card-watch-later', title: video.title }),
  );
}

/** Placeholder cards shown while the first page loads. */
export function skeletonCards(count: number): HTMLLIElement[] {
  return Array.from({ length: count }, () =>
    h(
      'li',
      { class: 'video-card skeleton-card', 'aria-hidden': 'true' },
      h('div', { class: 'thumb skeleton' }),
      h(
        'div',
        { class: 'card-body' },
        h('div', { class: 'skeleton skeleton-line' }),
        h('div', { class: 'skeleton skeleton-line short' }),
      ),
    ),
  );
}
