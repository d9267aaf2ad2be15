/**
 * "Watch later" toggle for a video, kept in viewer-memory's watch-later list: a toggle button (its name stays,
 * `aria-pressed` says whether the video is on the list; `title` names the video for the grids' many buttons).
 */
import { announce, h } from '../../shared/dom.js';
import { isWatchLater, toggleWatchLater } from './viewer-memory.js';

export function watchLaterButton(
  videoId: number,
  opts: { id?: string; className?: string; title?: string } = {},
): HTMLButtonElement {
  const button = h(
    'button',
    {
      type: 'button',
      id: opts.id ?? null,
      class: opts.className ?? 'btn btn-ghost watch-later-toggle',
      dataset: { watchLater: videoId },
      'aria-label': opts.title ? `Watch later: ${opts.title}` : null,
    },
    'Watch later',
  );
  const sync = (on: boolean) => button.setAttribute('aria-pressed', String(on));
  button.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation();
    const on = toggleWatchLater(videoId);
    sync(on);
    announce(on ? 'Added to Watch later' : 'Removed from Watch later');
  });
  sync(isWatchLater(videoId));
  return button;
}
