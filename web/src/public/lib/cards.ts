/** Video card used on the home grid. */
import { h, icon } from '../../shared/dom.js';
import { formatDate, formatDuration, formatDurationLong } from '../../shared/format.js';
import type { VideoListItem } from '../../shared/types.js';

export function watchUrl(slug: string): string {
  return `/watch/${encodeURIComponent(slug)}`;
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

export function videoCard(video: VideoListItem): HTMLLIElement {
  const date = formatDate(video.published_at ?? video.created_at);
  const meta = h('p', { class: 'card-meta' });
  if (video.category_name) meta.appendChild(h('span', { class: 'card-category' }, video.category_name));
  if (date) meta.appendChild(h('time', { datetime: video.published_at ?? video.created_at ?? '' }, date));
  return h(
    'li',
    { class: 'video-card', dataset: { videoId: video.id, slug: video.slug } },
    h(
      'a',
      { class: 'card-link', href: watchUrl(video.slug) },
      thumbnail(video),
      h('div', { class: 'card-body' }, h('h2', { class: 'card-title' }, video.title), meta),
    ),
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
