/**
 * Watch page (`/watch/{slug}`): breadcrumb, adaptive HLS playback with the custom control bar (player/), chapters
 * (watch/chapters.ts), the transcript panel when there are captions (watch/transcript-panel.ts), resume and
 * progress saving, video details with category, tags and "Watch later", and related videos in the side column.
 *
 * Layout (watch.html): `#watch-root` holds the player, then `#watch-below-player` (the slot for panels tied
 * to the player, e.g. chapters), then the details; the side column `#watch-side` holds `#watch-side-panels`
 * (e.g. the playlist panel) above `#related`. Modules of `watch/` mount into those slots from `load()`.
 *
 * The player itself (hls.js or native HLS, quality menu) is lib/player.ts, shared with the embed page.
 */
import { announce, errorState, h, icon, must, replaceChildren } from '../shared/dom.js';
import { HttpError, errorMessage, fetchJson } from '../shared/http.js';
import { formatDate, formatDuration } from '../shared/format.js';
import type { VideoDetail } from '../shared/types.js';
import { renderBreadcrumb } from './lib/breadcrumb.js';
import { categoryUrl, tagChips } from './lib/cards.js';
import { slugFromPath, initHeader } from './lib/chrome.js';
import { loadHls, notReadyMessage, playerMessage, setupPlayer, type PlayerHandle } from './lib/player.js';
import { mountPlayerControls } from './player/player-controls.js';
import { saveProgressWhilePlaying } from './player/progress-saver.js';
import { applyStartTime } from './player/start-time.js';
import { watchLaterButton } from './player/watch-later-button.js';
import { trackPlayback } from './watch/analytics.js';
import { mountDownload } from './watch/download.js';
import { mountWatermark } from './watch/watermark.js';
import { mountChapters } from './watch/chapters.js';
import { mountPlaylistNav } from './watch/playlist-nav.js';
import { mountRelated } from './watch/related.js';
import { mountTranscriptPanel } from './watch/transcript-panel.js';

const root = must('#watch-root');
const breadcrumb = must('#breadcrumb');
const side = must('#watch-side');

function showLoading(): void {
  root.setAttribute('aria-busy', 'true');
  replaceChildren(
    root,
    h('div', { class: 'player-frame skeleton', 'aria-hidden': 'true' }),
    h('div', { class: 'skeleton skeleton-title', 'aria-hidden': 'true' }),
    h('div', { class: 'skeleton skeleton-line short', 'aria-hidden': 'true' }),
    h('p', { class: 'sr-only' }, 'Loading video…'),
  );
}

function showNotFound(): void {
  document.title = 'Video not found – VLog';
  root.setAttribute('aria-busy', 'false');
  side.hidden = true;
  replaceChildren(
    root,
    h(
      'div',
      { class: 'empty-state' },
      icon('film', 'icon icon-xl'),
      h('h1', { class: 'empty-title' }, 'Video not found'),
      h('p', { class: 'muted' }, 'It may have been removed, or the link is wrong.'),
      h('a', { class: 'btn btn-primary', href: '/' }, 'Browse videos'),
    ),
  );
  announce('Video not found');
}

function showLoadError(err: unknown, retry: () => void): void {
  root.setAttribute('aria-busy', 'false');
  replaceChildren(
    root,
    errorState(h('h1', { class: 'empty-title' }, 'Could not load this video'), errorMessage(err), retry),
  );
}

function highestResolution(video: VideoDetail): string {
  const heights = video.qualities.map((q) => q.height ?? 0).filter((n) => n > 0);
  const max = heights.length ? Math.max(...heights) : (video.source_height ?? 0);
  return max > 0 ? `${max}p` : '';
}

function renderDetails(video: VideoDetail): HTMLElement {
  const meta = h('p', { class: 'watch-meta' });
  const parts: (string | HTMLElement)[] = [];
  const published = video.published_at ?? video.created_at;
  if (published) parts.push(h('time', { datetime: published }, formatDate(published)));
  if (video.duration && video.duration > 0) parts.push(h('span', null, formatDuration(video.duration)));
  const resolution = highestResolution(video);
  if (resolution) parts.push(h('span', { class: 'resolution-badge' }, resolution));
  parts.forEach((p, i) => {
    if (i > 0) meta.appendChild(h('span', { class: 'dot', 'aria-hidden': 'true' }, '·'));
    meta.appendChild(typeof p === 'string' ? document.createTextNode(p) : p);
  });

  const category = video.category_name
    ? video.category_slug
      ? h('a', { class: 'chip', href: categoryUrl(video.category_slug) }, video.category_name)
      : h('span', { class: 'chip' }, video.category_name)
    : null;

  return h(
    'section',
    { class: 'watch-details', 'aria-labelledby': 'video-title' },
    h('h1', { id: 'video-title', class: 'watch-title' }, video.title),
    h(
      'div',
      { class: 'watch-meta-row' },
      meta,
      category,
      watchLaterButton(video.id, { id: 'watch-later-toggle' }),
    ),
    tagChips(video.tags, 'tag-list watch-tags'),
    video.description ? h('p', { class: 'watch-description' }, video.description) : null,
  );
}

function showBreadcrumb(video: VideoDetail): void {
  const category =
    video.category_name && video.category_slug
      ? [{ label: video.category_name, href: categoryUrl(video.category_slug) }]
      : [];
  renderBreadcrumb(breadcrumb, [{ label: 'Home', href: '/' }, ...category, { label: video.title }]);
}

let player: PlayerHandle | null = null;

async function load(slug: string): Promise<void> {
  showLoading();
  let video: VideoDetail;
  try {
    video = await fetchJson<VideoDetail>(`/api/videos/${encodeURIComponent(slug)}`);
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) showNotFound();
    else showLoadError(err, () => void load(slug));
    return;
  }

  document.title = `${video.title} – VLog`;
  showBreadcrumb(video);
  const frame = h('div', { class: 'player-frame' });
  const toolbar = h('div', { class: 'player-toolbar' });
  const belowPlayer = h('div', { id: 'watch-below-player', class: 'watch-below-player' });
  const section = h('section', { class: 'player-section', 'aria-label': 'Video player' }, frame);
  replaceChildren(root, section, belowPlayer, renderDetails(video));
  root.setAttribute('aria-busy', 'false');
  mountRelated(must('#related'), video.slug);
  mountPlaylistNav(must('#watch-side-panels'), video.slug);

  // A published video still transcoding already has a live stream (growing EVENT playlists).
  if (!video.stream_url) {
    const msg = notReadyMessage(video);
    frame.appendChild(playerMessage(msg.title, msg.text));
    toolbar.remove();
    return;
  }
  player?.destroy();
  player = await setupPlayer(frame, toolbar, video);
  void mountWatermark(frame);
  void mountDownload(belowPlayer, video.slug);
  const media = frame.querySelector('video');
  if (!media) return;
  trackPlayback(media, video.id);
  const controls = mountPlayerControls({ container: section, frame, video: media, toolbar, detail: video });
  applyStartTime(media, video.id);
  saveProgressWhilePlaying(media, video.id);
  if (!controls) return;
  mountChapters(
    video.chapters,
    { video: media, track: controls.track, toolbar, below: belowPlayer },
    video.duration,
  );
  if (controls.captions) mountTranscriptPanel({ video: media, track: controls.captions, below: belowPlayer });
}

initHeader();
const slug = slugFromPath('watch');
if (slug) {
  // hls.js downloads while the video detail is fetched (setupPlayer reports a failed load).
  void loadHls().catch(() => undefined);
  void load(slug);
} else showNotFound();
window.addEventListener('pagehide', () => player?.destroy());
