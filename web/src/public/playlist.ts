/**
 * Playlist page (`/playlist/{slug}`; the reference has none): header with the type, title, description,
 * video count and total duration, "Play all", and the ordered public videos, each opening the watch page
 * with `?list=` so that the playlist panel there plays through. Loading, not found, error and empty states.
 *
 * Test hooks: `#playlist-root` (`aria-busy`), `#playlist-title`, `#playlist-meta`, `#play-all`,
 * `#playlist-videos` with `li.video-card[data-video-id][data-slug]`.
 */
import { announce, errorState, h, icon, must, replaceChildren } from '../shared/dom.js';
import { formatDurationLong } from '../shared/format.js';
import { HttpError, errorMessage, fetchJson } from '../shared/http.js';
import type { PlaylistDetail, PlaylistVideoInfo } from '../shared/types.js';
import { renderBreadcrumb } from './lib/breadcrumb.js';
import { skeletonCards, thumbnail } from './lib/cards.js';
import { slugFromPath, initHeader } from './lib/chrome.js';
import { PLAYLIST_TYPE_LABELS, videoCount, watchInPlaylistUrl } from './lib/playlist-links.js';

const root = must('#playlist-root');

function card(video: PlaylistVideoInfo, index: number, playlistSlug: string): HTMLLIElement {
  return h(
    'li',
    { class: 'video-card playlist-card', dataset: { videoId: video.id, slug: video.slug } },
    h(
      'a',
      { class: 'card-link', href: watchInPlaylistUrl(video.slug, playlistSlug) },
      thumbnail(video),
      h(
        'div',
        { class: 'card-body playlist-card-body' },
        h('span', { class: 'playlist-card-index', 'aria-label': `Video ${index + 1}` }, String(index + 1)),
        h('h2', { class: 'card-title' }, video.title),
      ),
    ),
  );
}

function header(p: PlaylistDetail): HTMLElement {
  const first = p.videos[0];
  const meta = [videoCount(p.video_count), p.total_duration > 0 ? formatDurationLong(p.total_duration) : '']
    .filter(Boolean)
    .join(' · ');
  return h(
    'header',
    { class: 'playlist-header' },
    h('p', { class: 'playlist-kind' }, PLAYLIST_TYPE_LABELS[p.playlist_type] ?? 'Playlist'),
    h('h1', { id: 'playlist-title', class: 'section-title' }, p.title),
    h('p', { id: 'playlist-meta', class: 'muted' }, meta),
    p.description ? h('p', { class: 'playlist-description' }, p.description) : null,
    first
      ? h(
          'a',
          { id: 'play-all', class: 'btn btn-primary', href: watchInPlaylistUrl(first.slug, p.slug) },
          icon('play'),
          'Play all',
        )
      : null,
  );
}

function show(p: PlaylistDetail): void {
  document.title = `${p.title} – VLog`;
  renderBreadcrumb(must('#breadcrumb'), [{ label: 'Home', href: '/' }, { label: p.title }]);
  const list =
    p.videos.length > 0
      ? h(
          'ol',
          { id: 'playlist-videos', class: 'video-grid playlist-videos', 'aria-labelledby': 'playlist-title' },
          ...p.videos.map((v, i) => card(v, i, p.slug)),
        )
      : h(
          'div',
          { class: 'empty-state' },
          icon('film', 'icon icon-xl'),
          h('p', { class: 'empty-title' }, 'No videos here yet'),
          h('p', { class: 'muted' }, 'Videos added to this playlist will appear here.'),
        );
  replaceChildren(root, header(p), list);
  root.setAttribute('aria-busy', 'false');
  announce(`${p.title}: ${videoCount(p.video_count)}`);
}

function showNotFound(): void {
  document.title = 'Playlist not found – VLog';
  root.setAttribute('aria-busy', 'false');
  replaceChildren(
    root,
    h(
      'div',
      { class: 'empty-state' },
      icon('film', 'icon icon-xl'),
      h('h1', { class: 'empty-title' }, 'Playlist not found'),
      h('p', { class: 'muted' }, 'It may have been removed or made private, or the link is wrong.'),
      h('a', { class: 'btn btn-primary', href: '/' }, 'Browse videos'),
    ),
  );
  announce('Playlist not found');
}

async function load(slug: string): Promise<void> {
  root.setAttribute('aria-busy', 'true');
  replaceChildren(
    root,
    h('div', { class: 'skeleton skeleton-title', 'aria-hidden': 'true' }),
    h('ul', { class: 'video-grid', 'aria-hidden': 'true' }, ...skeletonCards(4)),
  );
  try {
    show(await fetchJson<PlaylistDetail>(`/api/playlists/${encodeURIComponent(slug)}`));
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) return showNotFound();
    root.setAttribute('aria-busy', 'false');
    replaceChildren(
      root,
      errorState(h('h1', { class: 'empty-title' }, 'Could not load this playlist'), errorMessage(err), () => {
        void load(slug);
      }),
    );
  }
}

initHeader();
const slug = slugFromPath('playlist');
if (slug) void load(slug);
else showNotFound();
