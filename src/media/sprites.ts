/**
 * Timeline sprite sheets (pipeline spec §13): one ffmpeg run grabs a frame every `intervalSeconds`, scales it
 * and tiles N×N frames per JPEG sheet (`sprite_01.jpg`, `sprite_02.jpg` …, 1-based). A WebVTT "thumbnails"
 * track maps each interval to its tile (`sprites/sprite_01.jpg#xywh=x,y,w,h`), so any player can show
 * previews. Pure builders: no I/O here.
 */
import { vttTimestamp } from './captions/caption-cues.js';

const GLOBAL_ARGS = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-nostats', '-y'];
/** Used when the source size is unknown (16:9). */
const DEFAULT_ASPECT = 9 / 16;

export interface SpriteCommandOptions {
  input: string;
  /** Directory the sheets are written to (must exist). */
  outDir: string;
  intervalSeconds: number;
  frameWidth: number;
  /** Exact frame height; default: keep the aspect ratio (even). Pass it so the VTT and the sheets agree. */
  frameHeight?: number;
  /** N: each sheet holds N×N frames. */
  tileSize: number;
  /** 1–100, like an image editor's JPEG quality (higher is better). */
  jpegQuality: number;
}

/** Sheet file name for a 0-based sheet index: 0 → "sprite_01.jpg" (what ffmpeg's `%02d` writes). */
export function spriteSheetFileName(index: number): string {
  return `sprite_${String(index + 1).padStart(2, '0')}.jpg`;
}

/** Matches the sheets ffmpeg writes. */
export const SPRITE_SHEET_FILE = /^sprite_\d{2,}\.jpg$/;

/**
 * ffmpeg's MJPEG `-q:v` runs from 2 (best) to 31 (worst). The reference passed `100 − quality` (e.g. 40),
 * which is outside that scale; map 0–100 linearly onto 31–2 instead.
 */
export function jpegQscale(quality: number): number {
  const q = Math.round(31 - (Math.min(100, Math.max(0, quality)) * 29) / 100);
  return Math.min(31, Math.max(2, q));
}

/** Frame height for a frame width: source aspect, rounded UP to even (spec §13), at least 2. */
export function spriteFrameHeight(frameWidth: number, source?: { width: number; height: number }): number {
  const aspect =
    source && source.width > 0 && source.height > 0 ? source.height / source.width : DEFAULT_ASPECT;
  const h = Math.floor(frameWidth * aspect);
  return Math.max(2, h % 2 === 0 ? h : h + 1);
}

function checkPositive(name: string, value: number, integer = false): void {
  if (!(value > 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value)))
    throw new RangeError(`${name} must be a positive ${integer ? 'integer' : 'number'}`);
}

export function buildSpriteCommand(opts: SpriteCommandOptions): string[] {
  checkPositive('intervalSeconds', opts.intervalSeconds);
  checkPositive('frameWidth', opts.frameWidth, true);
  checkPositive('tileSize', opts.tileSize, true);
  if (opts.frameHeight !== undefined) checkPositive('frameHeight', opts.frameHeight, true);
  const n = opts.tileSize;
  const filter = [
    `fps=1/${opts.intervalSeconds}`,
    `scale=${opts.frameWidth}:${opts.frameHeight ?? -2}`,
    'setsar=1',
    `tile=${n}x${n}`,
  ].join(',');
  // prettier-ignore
  return [
    ...GLOBAL_ARGS,
    '-progress', 'pipe:1',
    '-i', opts.input,
    '-map', '0:v:0',
    '-an', '-sn', '-dn',
    '-vf', filter,
    '-q:v', String(jpegQscale(opts.jpegQuality)),
    '-start_number', '1',
    '-f', 'image2',
    `${opts.outDir}/sprite_%02d.jpg`,
  ];
}

/** Spec §13: clamp(duration × multiplier, minimum, maximum) seconds. */
export function spriteTimeoutSeconds(
  duration: number,
  limits: { multiplier: number; minimum: number; maximum: number },
): number {
  return Math.min(limits.maximum, Math.max(limits.minimum, duration * limits.multiplier));
}

export interface SpriteVttOptions {
  durationSeconds: number;
  intervalSeconds: number;
  tileSize: number;
  frameWidth: number;
  frameHeight: number;
  /** URL of a sheet by 0-based index, relative to the VTT file, e.g. i => `sprites/${spriteSheetFileName(i)}`. */
  sheetUrl: (index: number) => string;
  /** When given, cues pointing past the last produced sheet are left out. */
  sheetCount?: number;
}

/** Where frame `index` sits: its sheet and pixel offset inside it (spec §13 formula). */
export function spriteTile(
  index: number,
  grid: { tileSize: number; frameWidth: number; frameHeight: number },
): { sheet: number; x: number; y: number } {
  const perSheet = grid.tileSize * grid.tileSize;
  const inSheet = index % perSheet;
  return {
    sheet: Math.floor(index / perSheet),
    x: (inSheet % grid.tileSize) * grid.frameWidth,
    y: Math.floor(inSheet / grid.tileSize) * grid.frameHeight,
  };
}

/**
 * WebVTT thumbnails track: ceil(duration / interval) cues, cue k = [k·interval, min((k+1)·interval, duration))
 * pointing at frame k's tile with a media fragment (`#xywh=x,y,w,h`).
 */
export function buildSpriteVtt(opts: SpriteVttOptions): string {
  checkPositive('intervalSeconds', opts.intervalSeconds);
  checkPositive('tileSize', opts.tileSize, true);
  const frames = opts.durationSeconds > 0 ? Math.ceil(opts.durationSeconds / opts.intervalSeconds) : 0;
  const lines = ['WEBVTT', ''];
  for (let k = 0; k < frames; k++) {
    const tile = spriteTile(k, opts);
    if (opts.sheetCount !== undefined && tile.sheet >= opts.sheetCount) break;
    const start = k * opts.intervalSeconds;
    const end = Math.min((k + 1) * opts.intervalSeconds, opts.durationSeconds);
    lines.push(
      `${vttTimestamp(start)} --> ${vttTimestamp(end)}`,
      `${opts.sheetUrl(tile.sheet)}#xywh=${tile.x},${tile.y},${opts.frameWidth},${opts.frameHeight}`,
      '',
    );
  }
  return lines.join('\n');
}
