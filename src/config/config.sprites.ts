import { parseBoolean, parseInteger, parseNumber } from './env-parsers.js';

/** Sprite sheet variables (pipeline.md §13): a section of the one config schema (config.schema.ts). */
export const spriteSheetSchema = {
  spriteSheetEnabled: {
    doc: 'Generate timeline sprite sheets (the worker runs sprite jobs)',
    env: 'VLOG_SPRITE_SHEET_ENABLED',
    parse: parseBoolean,
    default: true,
  },
  spriteSheetFrameInterval: {
    doc: 'Seconds between sprite frames',
    env: 'VLOG_SPRITE_SHEET_FRAME_INTERVAL',
    parse: parseInteger({ min: 1, max: 30 }),
    default: 5,
  },
  spriteSheetThumbnailWidth: {
    doc: 'Sprite frame width (px); the height follows the aspect ratio',
    env: 'VLOG_SPRITE_SHEET_THUMBNAIL_WIDTH',
    parse: parseInteger({ min: 80, max: 320 }),
    default: 160,
  },
  spriteSheetTileSize: {
    doc: 'N: each sprite sheet is an N×N grid of frames',
    env: 'VLOG_SPRITE_SHEET_TILE_SIZE',
    parse: parseInteger({ min: 5, max: 20 }),
    default: 10,
  },
  spriteSheetJpegQuality: {
    doc: 'Sprite sheet JPEG quality (30–95, higher is better)',
    env: 'VLOG_SPRITE_SHEET_JPEG_QUALITY',
    parse: parseInteger({ min: 30, max: 95 }),
    default: 60,
  },
  spriteSheetTimeoutMultiplier: {
    doc: 'Sprite ffmpeg timeout = duration × this, clamped to the minimum and maximum',
    env: 'VLOG_SPRITE_SHEET_TIMEOUT_MULTIPLIER',
    parse: parseNumber({ min: 0.1, max: 2 }),
    default: 0.5,
  },
  spriteSheetTimeoutMinimum: {
    doc: 'Lower bound of the sprite ffmpeg timeout (s)',
    env: 'VLOG_SPRITE_SHEET_TIMEOUT_MINIMUM',
    parse: parseNumber({ min: 30 }),
    default: 60,
  },
  spriteSheetTimeoutMaximum: {
    doc: 'Upper bound of the sprite ffmpeg timeout (s)',
    env: 'VLOG_SPRITE_SHEET_TIMEOUT_MAXIMUM',
    parse: parseNumber({ min: 120 }),
    default: 600,
  },
  spriteSheetAutoGenerate: {
    doc: 'Queue sprite generation when a transcode completes',
    env: 'VLOG_SPRITE_SHEET_AUTO_GENERATE',
    parse: parseBoolean,
    default: false,
  },
  spriteSheetMaxVideoDuration: {
    doc: 'Longer videos (s) get no sprite sheets (the job fails)',
    env: 'VLOG_SPRITE_SHEET_MAX_VIDEO_DURATION',
    parse: parseNumber({ min: 600 }),
    default: 14400,
  },
} as const;
