/**
 * Timeline sprite previews for the watch page (ui.md §1.4, pipeline.md §13).
 *
 * This module is the seek bar of the player's control bar (player/player-controls.ts): hovering or dragging
 * it (or seeking by keyboard) shows the sprite frame for that time. Tiles come from the WebVTT thumbnails track (`vtt_url`)
 * once it loads, else from the formula on `sprite_sheet_info` (frame = floor(t / interval), N²
 * frames per sheet). Sheets load lazily into an LRU of 5 images (the first one pre-warmed) and are
 * drawn into a canvas; a missing sheet just shows no picture. Styling goes through element.style
 * (the CSP forbids style attributes, not the CSSOM). Without sprites the same bar can still be asked for
 * (it then previews the time only): the chapter markers need a timeline to sit on.
 */
import { h } from '../../shared/dom.js';
import { formatDuration } from '../../shared/format.js';

export interface SpriteSheetInfo {
  base_url: string;
  count: number;
  interval: number;
  tile_size: number;
  frame_width: number;
  frame_height: number;
  vtt_url?: string | null;
}

/** One tile: the sheet URL and the rectangle inside it. */
export interface SpriteTile {
  url: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface SpriteCue extends SpriteTile {
  start: number;
  end: number;
}

const CACHE_SIZE = 5;
const MOBILE_WIDTH = 80;
const KEY_STEP_SECONDS = 5;

/** The sprite info of a video detail, if present and well-formed. */
export function readSpriteInfo(detail: object): SpriteSheetInfo | null {
  const info = (detail as { sprite_sheet_info?: unknown }).sprite_sheet_info;
  if (!info || typeof info !== 'object') return null;
  const i = info as Record<string, unknown>;
  const positive = (k: string) => typeof i[k] === 'number' && (i[k] as number) > 0;
  const ok =
    typeof i.base_url === 'string' &&
    ['count', 'interval', 'tile_size', 'frame_width', 'frame_height'].every(positive);
  return ok ? (info as SpriteSheetInfo) : null;
}

/** Tile for time `t` from the info alone (pipeline.md §13 formula). */
export function tileFromInfo(info: SpriteSheetInfo, t: number): SpriteTile | null {
  const frame = Math.max(0, Math.floor(t / info.interval));
  const perSheet = info.tile_size * info.tile_size;
  const sheet = Math.floor(frame / perSheet);
  if (sheet >= info.count) return null;
  const inSheet = frame % perSheet;
  return {
    url: `${info.base_url}${String(sheet + 1).padStart(2, '0')}.jpg`,
    x: (inSheet % info.tile_size) * info.frame_width,
    y: Math.floor(inSheet / info.tile_size) * info.frame_height,
    w: info.frame_width,
    h: info.frame_height,
  };
}

function parseTimestamp(text: string): number {
  return text
    .trim()
    .split(':')
    .map(Number)
    .reduce((acc, p) => acc * 60 + p, 0);
}

/** Parses a WebVTT thumbnails track (`url#xywh=x,y,w,h` cues); URLs resolve against the track's URL. */
export function parseSpriteVtt(text: string, baseUrl: string): SpriteCue[] {
  const cues: SpriteCue[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^([\d:.]+)\s+-->\s+([\d:.]+)/.exec(lines[i] ?? '');
    const target = lines[i + 1]?.trim();
    if (!m || !target) continue;
    const xywh = /#xywh=(\d+),(\d+),(\d+),(\d+)$/.exec(target);
    if (!xywh) continue;
    const url = new URL(target.slice(0, xywh.index), baseUrl).toString();
    const [x, y, w, h] = xywh.slice(1).map(Number) as [number, number, number, number];
    cues.push({ start: parseTimestamp(m[1] ?? ''), end: parseTimestamp(m[2] ?? ''), url, x, y, w, h });
  }
  return cues.sort((a, b) => a.start - b.start);
}

/** Binary search; past the last cue (rounding at the very end) the last frame is shown. */
export function cueAt(cues: readonly SpriteCue[], t: number): SpriteCue | null {
  let lo = 0;
  let hi = cues.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = cues[mid] as SpriteCue;
    if (t < c.start) hi = mid - 1;
    else if (t >= c.end) lo = mid + 1;
    else return c;
  }
  const last = cues.at(-1);
  return last && t >= last.start ? last : null;
}

/** Least-recently-used sheet images. A failed load stays cached (as not loaded): no retry storm. */
class SheetCache {
  private readonly images = new Map<string, HTMLImageElement>();
  constructor(private readonly size: number) {}

  /** The image if it is loaded; starts loading it otherwise and calls `onLoad` when it arrives. */
  get(url: string, onLoad: () => void): HTMLImageElement | null {
    let img = this.images.get(url);
    if (img) {
      this.images.delete(url);
    } else {
      img = new Image();
      img.decoding = 'async';
      img.addEventListener('load', onLoad, { once: true });
      img.src = url;
    }
    this.images.set(url, img);
    while (this.images.size > this.size) this.images.delete(this.images.keys().next().value as string);
    return img.complete && img.naturalWidth > 0 ? img : null;
  }
}

/** Tiles by time: VTT cues once loaded, the info formula until then (or when the VTT fails). */
class TileLookup {
  private cues: SpriteCue[] | null = null;
  constructor(private readonly info: SpriteSheetInfo) {}

  async load(): Promise<void> {
    if (!this.info.vtt_url) return;
    try {
      const url = new URL(this.info.vtt_url, location.href).toString();
      const res = await fetch(url, { credentials: 'same-origin' });
      if (!res.ok) return;
      const cues = parseSpriteVtt(await res.text(), url);
      if (cues.length > 0) this.cues = cues;
    } catch {
      // The formula still works.
    }
  }

  at(t: number): SpriteTile | null {
    return this.cues ? cueAt(this.cues, t) : tileFromInfo(this.info, t);
  }
}

/** The floating preview above the bar: the tile in a canvas, the time under it. */
class PreviewBox {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly label: HTMLElement;

  constructor(info: SpriteSheetInfo | null) {
    this.canvas = h('canvas', { width: info?.frame_width ?? 0, height: info?.frame_height ?? 0 });
    this.label = h('span', { class: 'sprite-preview-time' });
    this.element = h('div', { class: 'sprite-preview', 'aria-hidden': 'true' }, this.canvas, this.label);
    Object.assign(this.element.style, {
      position: 'absolute',
      bottom: '100%',
      display: 'none',
      flexDirection: 'column',
      alignItems: 'center',
      gap: '4px',
      padding: '3px',
      marginBottom: '6px',
      background: 'rgba(0, 0, 0, 0.85)',
      border: '1px solid var(--border-strong, #3a4254)',
      borderRadius: '6px',
      pointerEvents: 'none',
      transform: 'translateX(-50%)',
      zIndex: '5',
    });
    Object.assign(this.label.style, { fontSize: '12px', color: '#fff', fontVariantNumeric: 'tabular-nums' });
    Object.assign(this.canvas.style, { display: 'block', borderRadius: '3px' });
  }

  show(
    at: { x: number; trackWidth: number; time: number },
    tile: SpriteTile | null,
    image: HTMLImageElement | null,
  ) {
    const narrow = window.matchMedia('(max-width: 600px)').matches;
    const width = tile ? (narrow ? MOBILE_WIDTH : tile.w) : 0;
    this.canvas.style.display = tile ? 'block' : 'none';
    if (tile) {
      if (this.canvas.width !== tile.w) this.canvas.width = tile.w;
      if (this.canvas.height !== tile.h) this.canvas.height = tile.h;
      this.canvas.style.width = `${width}px`;
      const ctx = this.canvas.getContext('2d');
      ctx?.clearRect(0, 0, tile.w, tile.h);
      if (image) ctx?.drawImage(image, tile.x, tile.y, tile.w, tile.h, 0, 0, tile.w, tile.h);
    }
    this.label.textContent = formatDuration(at.time);
    // Keep the box over the bar.
    const half = Math.max(width, 40) / 2 + 4;
    const x = Math.min(Math.max(at.x, half), Math.max(half, at.trackWidth - half));
    this.element.style.left = `${x}px`;
    this.element.style.display = 'flex';
  }

  hide(): void {
    this.element.style.display = 'none';
  }
}

function buildBar(preview: PreviewBox): { track: HTMLElement; fill: HTMLElement } {
  const fill = h('div', { class: 'sprite-timeline-fill' });
  const rail = h('div', { class: 'sprite-timeline-rail' }, fill);
  const track = h(
    'div',
    { class: 'sprite-timeline', role: 'slider', tabindex: '0', 'aria-label': 'Seek', 'aria-valuemin': '0' },
    rail,
    preview.element,
  );
  Object.assign(track.style, {
    position: 'relative',
    display: 'flex',
    alignItems: 'center',
    height: '14px',
    margin: '0 12px',
    cursor: 'pointer',
    touchAction: 'none',
  });
  Object.assign(rail.style, {
    position: 'relative',
    width: '100%',
    height: '4px',
    borderRadius: '2px',
    background: 'var(--surface-3, #272d3b)',
    overflow: 'hidden',
  });
  Object.assign(fill.style, {
    position: 'absolute',
    inset: '0 auto 0 0',
    width: '0%',
    background: 'var(--accent, #818cf8)',
  });
  return { track, fill };
}

export interface SpriteTimeline {
  element: HTMLElement;
  /** The bar itself (role slider), positioned: what marks a time on it goes inside its wrapper. */
  track: HTMLElement;
  destroy(): void;
}

type Listener = [EventTarget, string, EventListener];

/** A seek bar with sprite previews (`info` null: time only) for `video`; the caller inserts `element`. */
export function createSpriteTimeline(video: HTMLVideoElement, info: SpriteSheetInfo | null): SpriteTimeline {
  const lookup = info ? new TileLookup(info) : null;
  const cache = new SheetCache(CACHE_SIZE);
  const preview = new PreviewBox(info);
  const { track, fill } = buildBar(preview);
  const state = { hover: null as number | null, dragging: false };
  const duration = () => (Number.isFinite(video.duration) && video.duration > 0 ? video.duration : 0);

  const render = (time: number): void => {
    const tile = lookup?.at(time) ?? null;
    const image = tile ? cache.get(tile.url, () => state.hover !== null && render(state.hover)) : null;
    const trackWidth = track.clientWidth;
    preview.show({ x: duration() > 0 ? (time / duration()) * trackWidth : 0, trackWidth, time }, tile, image);
  };
  const timeAt = (clientX: number): number => {
    const rect = track.getBoundingClientRect();
    return rect.width > 0 ? Math.min(1, Math.max(0, (clientX - rect.left) / rect.width)) * duration() : 0;
  };
  const seek = (t: number): void => {
    if (duration() > 0) video.currentTime = Math.min(duration(), Math.max(0, t));
  };
  const sync = (): void => {
    const d = duration();
    fill.style.width = d > 0 ? `${(video.currentTime / d) * 100}%` : '0%';
    track.setAttribute('aria-valuemax', String(Math.round(d)));
    track.setAttribute('aria-valuenow', String(Math.round(video.currentTime)));
    track.setAttribute('aria-valuetext', `${formatDuration(video.currentTime)} of ${formatDuration(d)}`);
  };

  const listeners = pointerListeners(track, { state, timeAt, seek, render, hide: () => preview.hide() });
  listeners.push(
    [
      track,
      'keydown',
      (e) => {
        const key = (e as KeyboardEvent).key;
        if (key === 'ArrowLeft' || key === 'ArrowRight')
          seek(video.currentTime + (key === 'ArrowLeft' ? -KEY_STEP_SECONDS : KEY_STEP_SECONDS));
        else if (key === 'Home') seek(0);
        else if (key === 'End') seek(duration());
        else return;
        e.preventDefault();
        render(video.currentTime);
      },
    ],
    [track, 'blur', () => preview.hide()],
    [video, 'timeupdate', sync],
    [video, 'durationchange', sync],
    // Seeking with the native controls also shows where the video lands.
    [video, 'seeking', () => state.hover === null && !state.dragging && render(video.currentTime)],
    [video, 'seeked', () => state.hover === null && document.activeElement !== track && preview.hide()],
  );
  for (const [target, type, fn] of listeners) target.addEventListener(type, fn);

  void lookup?.load();
  const first = info ? tileFromInfo(info, 0) : null;
  if (first) cache.get(first.url, () => undefined); // pre-warm the first sheet
  sync();

  const element = h('div', { class: 'sprite-timeline-wrap' }, track);
  element.style.padding = '6px 0 2px';
  return {
    element,
    track,
    destroy() {
      for (const [target, type, fn] of listeners) target.removeEventListener(type, fn);
      element.remove();
    },
  };
}

function pointerListeners(
  track: HTMLElement,
  bar: {
    state: { hover: number | null; dragging: boolean };
    timeAt: (clientX: number) => number;
    seek: (t: number) => void;
    render: (t: number) => void;
    hide: () => void;
  },
): Listener[] {
  const { state } = bar;
  return [
    [
      track,
      'pointermove',
      (e) => {
        state.hover = bar.timeAt((e as PointerEvent).clientX);
        if (state.dragging) bar.seek(state.hover);
        bar.render(state.hover);
      },
    ],
    [
      track,
      'pointerleave',
      () => {
        state.hover = null;
        if (!state.dragging) bar.hide();
      },
    ],
    [
      track,
      'pointerdown',
      (e) => {
        const pe = e as PointerEvent;
        state.dragging = true;
        track.setPointerCapture(pe.pointerId);
        state.hover = bar.timeAt(pe.clientX);
        bar.seek(state.hover);
        bar.render(state.hover);
      },
    ],
    [
      track,
      'pointerup',
      () => {
        state.dragging = false;
        if (state.hover === null) bar.hide();
      },
    ],
  ];
}
