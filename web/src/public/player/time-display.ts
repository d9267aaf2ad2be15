/** "0:12 / 1:30": the position and the length, updated as the video plays or seeks. */
import { h } from '../../shared/dom.js';
import { formatDuration } from '../../shared/format.js';

export function timeDisplay(video: HTMLVideoElement, fallbackDuration: number | null): HTMLElement {
  const current = h('span', { class: 'player-time-current' }, '0:00');
  const total = h('span', { class: 'player-time-total' });
  const element = h('div', { id: 'player-time', class: 'player-time' }, current, ' / ', total);
  const sync = () => {
    const d =
      Number.isFinite(video.duration) && video.duration > 0 ? video.duration : (fallbackDuration ?? 0);
    current.textContent = formatDuration(video.currentTime);
    total.textContent = formatDuration(d);
  };
  for (const type of ['timeupdate', 'durationchange', 'seeked', 'loadedmetadata'])
    video.addEventListener(type, sync);
  sync();
  return element;
}
