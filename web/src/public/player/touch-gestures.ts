/**
 * Touch on the video (ui.md §1.4): a tap shows or hides the controls; a double tap (≤ 300 ms, ≤ 50 px apart)
 * seeks −10 s on the left third, +10 s on the right third, and plays/pauses in the centre; a horizontal swipe
 * seeks (100 px = 30 s); a vertical swipe sets the brightness (0.5–1.5) on the left half and the volume on the
 * right half (150 px = the whole range). Each shows a transient indicator for 500 ms. A mouse click on the
 * video plays/pauses.
 */
import { h } from '../../shared/dom.js';
import { formatDuration } from '../../shared/format.js';

const DOUBLE_TAP_MS = 300;
const DOUBLE_TAP_PX = 50;
const SWIPE_MIN_PX = 20;
const SECONDS_PER_PX = 30 / 100;
const VERTICAL_RANGE_PX = 150;
const INDICATOR_MS = 500;

export interface GestureActions {
  togglePlay(): void;
  seekBy(seconds: number): void;
  toggleControls(): void;
}

/** What a double tap at `x` within `width` does. */
export function doubleTapZone(x: number, width: number): 'back' | 'play' | 'forward' {
  if (x < width / 3) return 'back';
  return x > (width * 2) / 3 ? 'forward' : 'play';
}

/** The transient text over the video (500 ms); returns the function that shows it. */
function indicator(frame: HTMLElement): (text: string) => void {
  const element = h('div', { class: 'player-indicator', 'aria-hidden': 'true', hidden: true });
  frame.appendChild(element);
  let timer = 0;
  return (text) => {
    element.textContent = text;
    element.hidden = false;
    window.clearTimeout(timer);
    timer = window.setTimeout(() => (element.hidden = true), INDICATOR_MS);
  };
}

export function attachTouchGestures(frame: HTMLElement, video: HTMLVideoElement, a: GestureActions): void {
  const flash = indicator(frame);
  let brightness = 1;
  let start: { x: number; y: number; time: number; volume: number; brightness: number } | null = null;
  let lastTap: { x: number; y: number; at: number } | null = null;
  let singleTapTimer = 0;

  video.addEventListener('pointerdown', (e) => {
    if (e.pointerType !== 'touch') return;
    start = { x: e.clientX, y: e.clientY, time: video.currentTime, volume: video.volume, brightness };
  });
  video.addEventListener('pointermove', (e) => {
    if (e.pointerType !== 'touch' || !start) return;
    const dx = e.clientX - start.x;
    const dy = start.y - e.clientY;
    if (Math.abs(dx) < SWIPE_MIN_PX && Math.abs(dy) < SWIPE_MIN_PX) return;
    if (Math.abs(dx) >= Math.abs(dy)) {
      const to = Math.min(video.duration || 0, Math.max(0, start.time + dx * SECONDS_PER_PX));
      flash(formatDuration(to));
      video.currentTime = to;
    } else if (start.x - frame.getBoundingClientRect().left < frame.clientWidth / 2) {
      brightness = Math.min(1.5, Math.max(0.5, start.brightness + dy / VERTICAL_RANGE_PX));
      video.style.filter = `brightness(${brightness})`;
      flash(`Brightness ${Math.round(brightness * 100)} %`);
    } else {
      video.volume = Math.min(1, Math.max(0, start.volume + dy / VERTICAL_RANGE_PX));
      video.muted = video.volume === 0;
      flash(`Volume ${Math.round(video.volume * 100)} %`);
    }
    start = { ...start, x: Number.NaN }; // marks the touch as a swipe
  });
  video.addEventListener('pointerup', (e) => {
    if (e.pointerType !== 'touch') return;
    const swiped = start !== null && Number.isNaN(start.x);
    start = null;
    if (swiped) return;
    const now = performance.now();
    const near = lastTap && Math.hypot(e.clientX - lastTap.x, e.clientY - lastTap.y) <= DOUBLE_TAP_PX;
    if (lastTap && near && now - lastTap.at <= DOUBLE_TAP_MS) {
      window.clearTimeout(singleTapTimer);
      lastTap = null;
      const zone = doubleTapZone(e.clientX - frame.getBoundingClientRect().left, frame.clientWidth);
      if (zone === 'play') a.togglePlay();
      else a.seekBy(zone === 'back' ? -10 : 10);
      flash(zone === 'back' ? '−10 s' : zone === 'forward' ? '+10 s' : video.paused ? 'Paused' : 'Playing');
      return;
    }
    lastTap = { x: e.clientX, y: e.clientY, at: now };
    singleTapTimer = window.setTimeout(a.toggleControls, DOUBLE_TAP_MS);
  });
  video.addEventListener('click', (e) => {
    if ((e as PointerEvent).pointerType === 'touch') return;
    a.togglePlay();
  });
}
