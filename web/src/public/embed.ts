/**
 * Embed player (`/embed/{slug}`): the watch page's player alone, filling the frame another site gives it
 * (the only page served with `frame-ancestors *`). A link to the watch page opens in a new tab.
 *
 * Query: `?t=` start time (`90`, `1m30s`, `1:30`; lib/start-time.ts), `?autoplay=1` starts playing,
 * `&muted=1` starts muted — browsers let a framed player start on its own only when muted.
 */
import { h, must, replaceChildren } from '../shared/dom.js';
import { HttpError, fetchJson } from '../shared/http.js';
import type { VideoDetail } from '../shared/types.js';
import { slugFromPath } from './lib/chrome.js';
import { loadHls, notReadyMessage, playerMessage, setupPlayer, type PlayerHandle } from './lib/player.js';
import { parseStartTime } from './lib/start-time.js';

const root = must('#embed-root');

function show(...children: HTMLElement[]): void {
  root.setAttribute('aria-busy', 'false');
  replaceChildren(root, ...children);
}

/** Start time, autoplay and mute from the query, applied before the first frame arrives. */
function applyQuery(media: HTMLVideoElement, params: URLSearchParams): void {
  if (params.get('muted') === '1') media.muted = true;
  if (params.get('autoplay') === '1') {
    media.autoplay = true;
    // An unmuted start the browser refuses leaves the poster and the play button: nothing to report.
    media.addEventListener('canplay', () => void media.play().catch(() => undefined), { once: true });
  }
  const start = parseStartTime(params.get('t'));
  if (start !== null && start > 0) {
    media.addEventListener(
      'loadedmetadata',
      () => {
        if (!Number.isFinite(media.duration) || start < media.duration) media.currentTime = start;
      },
      { once: true },
    );
  }
}

function watchLink(video: VideoDetail): HTMLElement {
  return h(
    'a',
    {
      class: 'embed-title',
      href: `/watch/${encodeURIComponent(video.slug)}`,
      target: '_blank',
      rel: 'noopener',
    },
    video.title,
  );
}

let player: PlayerHandle | null = null;

async function load(slug: string): Promise<void> {
  let video: VideoDetail;
  try {
    video = await fetchJson<VideoDetail>(`/api/videos/${encodeURIComponent(slug)}`);
  } catch (err) {
    const missing = err instanceof HttpError && err.status === 404;
    show(
      missing
        ? playerMessage('Video not found', 'It may have been removed, or the link is wrong.')
        : playerMessage('Could not load this video', 'Please try again later.', 'alert'),
    );
    return;
  }
  document.title = `${video.title} – VLog`;
  const frame = h('div', { class: 'player-frame embed-frame' });
  const toolbar = h('div', { class: 'embed-toolbar' });
  show(
    h('section', { class: 'embed-player', 'aria-label': 'Video player' }, frame, watchLink(video), toolbar),
  );
  if (!video.stream_url) {
    const msg = notReadyMessage(video);
    frame.appendChild(playerMessage(msg.title, msg.text));
    return;
  }
  player = await setupPlayer(frame, toolbar, video);
  const media = frame.querySelector('video');
  if (media) applyQuery(media, new URLSearchParams(location.search));
}

const slug = slugFromPath('embed');
if (slug) {
  // hls.js downloads while the video detail is fetched (setupPlayer reports a failed load).
  void loadHls().catch(() => undefined);
  void load(slug);
} else show(playerMessage('Video not found', 'The link is wrong.'));
window.addEventListener('pagehide', () => player?.destroy());
