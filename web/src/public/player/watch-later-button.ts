/** "Watch later" toggle (aria-pressed) for a video, kept in viewer-memory's watch-later list. */
import { announce, h } from '../../shared/dom.js';
import { isWatchLater, toggleWatchLater } from './viewer-memory.js';

export function watchLaterButton(
  videoId: number,
  opts: { id?: string; className?: string } = {},
): HTMLButtonElement {
  const button = h('button', {
    type: 'button',
    id: opts.id ?? null,
    class: opts.className ?? 'btn btn-ghost watch-later-toggle',
    dataset: { watchLater: videoId },
  });
  const sync = (on: boolean) => {
    button.setAttribute('aria-pressed', String(on));
    button.textContent = on ? 'Saved to Watch later' : 'Watch later';
  };
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
