import { describe, expect, it } from 'vitest';
import {
  buildSpriteCommand,
  buildSpriteVtt,
  jpegQscale,
  spriteFrameHeight,
  spriteSheetFileName,
  spriteTile,
  spriteTimeoutSeconds,
} from './sprites.js';
import { vttTimestamp } from './captions/caption-cues.js';

const valueOf = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe('buildSpriteCommand', () => {
  /** A 10×10 sheet of 160-wide frames every 5 s at JPEG quality 60; each test changes what it checks. */
  const base = {
    input: '/src/in.mp4',
    outDir: '/tmp/out',
    intervalSeconds: 5,
    frameWidth: 160,
    tileSize: 10,
    jpegQuality: 60,
  };
  const args = buildSpriteCommand({ ...base, frameHeight: 90 });

  it('samples one frame per interval, scales, tiles N×N', () => {
    expect(valueOf(args, '-vf')).toBe('fps=1/5,scale=160:90,setsar=1,tile=10x10');
    expect(valueOf(args, '-i')).toBe('/src/in.mp4');
    expect(valueOf(args, '-map')).toBe('0:v:0');
    expect(args).toContain('-an');
  });

  it('writes 1-based, 2-digit sheets into the output directory', () => {
    expect(args.at(-1)).toBe('/tmp/out/sprite_%02d.jpg');
    expect(valueOf(args, '-start_number')).toBe('1');
    expect(valueOf(args, '-f')).toBe('image2');
  });

  it('maps JPEG quality onto ffmpeg’s 2–31 scale (not 100 − quality)', () => {
    expect(valueOf(args, '-q:v')).toBe('14');
    expect(valueOf(args, '-progress')).toBe('pipe:1');
  });

  it('keeps the aspect ratio when no height is given', () => {
    const a = buildSpriteCommand({ ...base, intervalSeconds: 2, frameWidth: 120, tileSize: 5 });
    expect(valueOf(a, '-vf')).toBe('fps=1/2,scale=120:-2,setsar=1,tile=5x5');
  });

  it('refuses nonsense sizes', () => {
    expect(() => buildSpriteCommand({ ...base, intervalSeconds: 0 })).toThrow(RangeError);
    expect(() => buildSpriteCommand({ ...base, tileSize: 2.5 })).toThrow(RangeError);
    expect(() => buildSpriteCommand({ ...base, frameWidth: -1 })).toThrow(RangeError);
  });
});

describe('jpegQscale', () => {
  it.each([
    [100, 2],
    [95, 3],
    [60, 14],
    [30, 22],
    [0, 31],
    [150, 2],
    [-5, 31],
  ])('quality %d → -q:v %d', (quality, q) => {
    expect(jpegQscale(quality)).toBe(q);
  });
});

describe('spriteFrameHeight', () => {
  it('follows the source aspect, rounded up to even', () => {
    expect(spriteFrameHeight(160, { width: 1920, height: 1080 })).toBe(90);
    expect(spriteFrameHeight(160, { width: 1080, height: 1920 })).toBe(284);
    expect(spriteFrameHeight(160, { width: 854, height: 480 })).toBe(90); // 89.9 → 89 → 90
    expect(spriteFrameHeight(160, { width: 640, height: 481 })).toBe(120); // 120.25 → 120
  });
  it('falls back to 16:9 when the source size is unknown', () => {
    expect(spriteFrameHeight(160)).toBe(90);
    expect(spriteFrameHeight(160, { width: 0, height: 0 })).toBe(90);
  });
});

describe('sprite tiles and the WebVTT track', () => {
  const grid = { tileSize: 2, frameWidth: 160, frameHeight: 90 };

  it('places frames row by row, N² per sheet', () => {
    expect(spriteTile(0, grid)).toEqual({ sheet: 0, x: 0, y: 0 });
    expect(spriteTile(1, grid)).toEqual({ sheet: 0, x: 160, y: 0 });
    expect(spriteTile(2, grid)).toEqual({ sheet: 0, x: 0, y: 90 });
    expect(spriteTile(3, grid)).toEqual({ sheet: 0, x: 160, y: 90 });
    expect(spriteTile(4, grid)).toEqual({ sheet: 1, x: 0, y: 0 });
  });

  it('names sheets like ffmpeg does', () => {
    expect(spriteSheetFileName(0)).toBe('sprite_01.jpg');
    expect(spriteSheetFileName(9)).toBe('sprite_10.jpg');
    expect(spriteSheetFileName(99)).toBe('sprite_100.jpg');
  });

  it('formats cue times', () => {
    expect(vttTimestamp(0)).toBe('00:00:00.000');
    expect(vttTimestamp(65.5)).toBe('00:01:05.500');
    expect(vttTimestamp(3723.0004)).toBe('01:02:03.000');
  });

  it('writes ceil(duration / interval) cues, the last one ending at the duration', () => {
    const vtt = buildSpriteVtt({
      durationSeconds: 9.5,
      intervalSeconds: 2,
      ...grid,
      sheetUrl: (i) => `sprites/${spriteSheetFileName(i)}`,
    });
    expect(vtt).toBe(
      [
        'WEBVTT',
        '',
        '00:00:00.000 --> 00:00:02.000',
        'sprites/sprite_01.jpg#xywh=0,0,160,90',
        '',
        '00:00:02.000 --> 00:00:04.000',
        'sprites/sprite_01.jpg#xywh=160,0,160,90',
        '',
        '00:00:04.000 --> 00:00:06.000',
        'sprites/sprite_01.jpg#xywh=0,90,160,90',
        '',
        '00:00:06.000 --> 00:00:08.000',
        'sprites/sprite_01.jpg#xywh=160,90,160,90',
        '',
        '00:00:08.000 --> 00:00:09.500',
        'sprites/sprite_02.jpg#xywh=0,0,160,90',
        '',
      ].join('\n'),
    );
  });

  it('leaves out cues past the last produced sheet, and has no cue for an empty video', () => {
    const opts = { durationSeconds: 9.5, intervalSeconds: 2, ...grid, sheetUrl: String };
    expect(buildSpriteVtt({ ...opts, sheetCount: 1 }).match(/-->/g)).toHaveLength(4);
    expect(buildSpriteVtt({ ...opts, durationSeconds: 0 })).toBe('WEBVTT\n');
  });
});

describe('spriteTimeoutSeconds', () => {
  it('clamps duration × multiplier', () => {
    const limits = { multiplier: 0.5, minimum: 60, maximum: 600 };
    expect(spriteTimeoutSeconds(10, limits)).toBe(60);
    expect(spriteTimeoutSeconds(400, limits)).toBe(200);
    expect(spriteTimeoutSeconds(10_000, limits)).toBe(600);
  });
});
