/**
 * Playlist navigation on the watch page, when it was opened from a playlist (`?list=<playlist-slug>`): a panel
 * listing the playlist's videos (the current one marked, "3 / 7"), Previous / Next, and an "Autoplay next"
 * switch (kept in localStorage `vlog_preferences.autoplayNext`, on by default). When the video ends and autoplay
 * is on, the next video's page opens, keeping `?list=` and asking it to start playing (`&autoplay=1`).
 *
 * Test hooks: `#playlist-panel`, `#playlist-position`, `#playlist-prev`, `#playlist-next`, `#playlist-autoplay`,
 * `#playlist-panel-items` with `li[data-slug]` (`aria-current="true"` on the current video).
 */
import { errorState, h, replaceChildren } from '../../shared/dom.js';
import { formatDuration } from '../../shared/format.js';
import { HttpError, errorMessage, fetchJson } from '../../shared/http.js';
import type { PlaylistDetail, PlaylistVideoInfo } from '../../shared/types.js';
import { PREFERENCES_KEY } from '../lib/browse-state.js';
import { SLUG_PATTERN } from '../lib/chrome.js';
import { playlistUrl, watchInPlaylistUrl } from '../lib/playlist-links.js';

/** `autoplayNext` of the saved preferences: on unless switched off. */
export function readAutoplayNext(): boolean {
  try {
    const saved = JSON.parse(localStorage.getItem(PREFERENCES_KEY) ?? '{}') as { autoplayNext?: unknown };
    return saved?.autoplayNext !== false;
  } catch {
    return true;
  }
}

/** Saves `autoplayNext`, keeping the other preferences (sort, filters, view mode) as they are. */
function saveAutoplayNext(on: boolean): void {
  try {
    let saved: Record<string, unknown> = {};
    const parsed: unknown = JSON.parse(localStorage.getItem(PREFERENCES_KEY) ?? '{}');
    if (parsed && typeof parsed === 'object') saved = parsed as Record<string, unknown>;
    localStorage.setItem(PREFERENCES_KEY, JSON.stringify({ ...saved, autoplayNext: on }));
  } catch {
    // Storage full or disabled: the switch still works for this page.
  }
}

function go(video: PlaylistVideoInfo | undefined, listSlug: string, autoplay: boolean): void {
  if (video) location.assign(watchInPlaylistUrl(video.slug, listSlug) + (autoplay ? '&autoplay=1' : ''));
}

function navButton(id: string, label: string, target: PlaylistVideoInfo | undefined, listSlug: string) {
  const button = h(
    'button',
    { id, type: 'button', class: 'btn btn-secondary btn-sm', disabled: !target },
    label,
  );
  if (target) {
    button.title = target.title;
    button.addEventListener('click', () => go(target, listSlug, false));
  }
  return button;
}

function itemList(p: PlaylistDetail, current: number): HTMLOListElement {
  return h(
    'ol',
    { id: 'playlist-panel-items', class: 'playlist-panel-items' },
    ...p.videos.map((v, i) =>
      h(
        'li',
        { dataset: { slug: v.slug }, 'aria-current': i === current ? 'true' : null },
        h(
          'a',
          { href: watchInPlaylistUrl(v.slug, p.slug) },
          h('span', { class: 'playlist-panel-index' }, i === current ? '▶' : String(i + 1)),
          h('span', { class: 'playlist-panel-title' }, v.title),
          h('span', { class: 'playlist-panel-duration muted' }, formatDuration(v.duration)),
        ),
      ),
    ),
  );
}

function autoplaySwitch(state: { on: boolean }): HTMLLabelElement {
  const box = h('input', { id: 'playlist-autoplay', type: 'checkbox', checked: state.on });
  box.addEventListener('change', () => {
    state.on = box.checked;
    saveAutoplayNext(state.on);
  });
  return h('label', { class: 'playlist-autoplay' }, box, 'Autoplay next');
}

function render(slot: HTMLElement, p: PlaylistDetail, videoSlug: string): void {
  const current = p.videos.findIndex((v) => v.slug === videoSlug);
  const next = p.videos[current + 1];
  const prev = current > 0 ? p.videos[current - 1] : undefined;
  const state = { on: readAutoplayNext() };
  const panel = h(
    'section',
    { id: 'playlist-panel', class: 'playlist-panel', 'aria-labelledby': 'playlist-panel-title' },
    h(
      'div',
      { class: 'playlist-panel-head' },
      h(
        'h2',
        { id: 'playlist-panel-title', class: 'side-title' },
        h('a', { href: playlistUrl(p.slug) }, p.title),
      ),
      h(
        'p',
        { id: 'playlist-position', class: 'muted small' },
        `${current >= 0 ? current + 1 : '–'} / ${p.videos.length}`,
      ),
    ),
    h(
      'div',
      { class: 'playlist-panel-controls' },
      navButton('playlist-prev', 'Previous', prev, p.slug),
      navButton('playlist-next', 'Next', current >= 0 ? next : p.videos[0], p.slug),
      autoplaySwitch(state),
    ),
    itemList(p, current),
  );
  replaceChildren(slot, panel);
  // `ended` does not bubble: listen in the capture phase for the page's player, whenever it is created.
  document.addEventListener(
    'ended',
    (ev) => {
      if ((ev.target as HTMLElement | null)?.id === 'player' && state.on && current >= 0)
        go(next, p.slug, true);
    },
    true,
  );
}

/** Starts playback once the player has loaded, when the page was opened by "autoplay next". */
function autoplayWhenReady(): void {
  document.addEventListener(
    'loadedmetadata',
    (ev) => {
      const video = ev.target as HTMLVideoElement;
      if (video.id === 'player') video.play().catch(() => undefined); // refused: the play button stays
    },
    { capture: true, once: true },
  );
}

async function loadPanel(slot: HTMLElement, list: string, videoSlug: string): Promise<void> {
  try {
    render(slot, await fetchJson<PlaylistDetail>(`/api/playlists/${encodeURIComponent(list)}`), videoSlug);
  } catch (err) {
    // A missing or private playlist: the video plays alone, as without ?list=.
    if (err instanceof HttpError && err.status === 404) return replaceChildren(slot);
    replaceChildren(
      slot,
      errorState(h('p', { class: 'empty-title' }, 'Could not load the playlist'), errorMessage(err), () => {
        void loadPanel(slot, list, videoSlug);
      }),
    );
  }
}

/** Mounts the panel into `slot` when the URL has `?list=`; without it nothing shows. */
export function mountPlaylistNav(slot: HTMLElement, videoSlug: string): void {
  const params = new URLSearchParams(location.search);
  const list = params.get('list') ?? '';
  if (!SLUG_PATTERN.test(list)) return;
  if (params.get('autoplay') === '1') autoplayWhenReady();
  void loadPanel(slot, list, videoSlug);
}
