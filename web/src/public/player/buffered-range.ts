/**
 * The buffered range on the seek bar: the stretch of `video.buffered` around the playing position (or the
 * furthest one buffered so far), drawn under the played fill. `data-start`/`data-end` carry its seconds.
 */
import { h } from '../../shared/dom.js';

/** The buffered [start, end] that holds `time`, else the last one; null when nothing is buffered. */
export function bufferedAround(ranges: TimeRanges, time: number): [number, number] | null {
  let last: [number, number] | null = null;
  for (let i = 0; i < ranges.length; i++) {
    const range: [number, number] = [ranges.start(i), ranges.end(i)];
    if (time >= range[0] - 0.5 && time <= range[1]) return range;
    last = range;
  }
  return last;
}

export function attachBufferedRange(video: HTMLVideoElement, track: HTMLElement): () => void {
  const rail = track.querySelector('.sprite-timeline-rail') ?? track;
  const bar = h('div', { class: 'seek-buffered', 'aria-hidden': 'true' });
  rail.prepend(bar);
  const sync = () => {
    const d = video.duration;
    const range = Number.isFinite(d) && d > 0 ? bufferedAround(video.buffered, video.currentTime) : null;
    bar.style.left = range ? `${(range[0] / d) * 100}%` : '0%';
    bar.style.width = range ? `${((range[1] - range[0]) / d) * 100}%` : '0%';
    bar.dataset.start = range ? range[0].toFixed(2) : '0';
    bar.dataset.end = range ? range[1].toFixed(2) : '0';
  };
  const types = ['progress', 'timeupdate', 'seeked', 'durationchange'];
  for (const type of types) video.addEventListener(type, sync);
  sync();
  return () => {
    for (const type of types) video.removeEventListener(type, sync);
    bar.remove();
  };
}
