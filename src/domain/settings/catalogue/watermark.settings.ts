import { boolean, float, integer, oneOf, text } from '../settings.types.js';

/** watermark.* (pipeline.md §20.1): a player overlay; stored and validated until the player shows it. */
export const WATERMARK_SETTINGS = {
  'watermark.enabled': boolean(false, {
    env: 'VLOG_WATERMARK_ENABLED',
    description: 'Enable watermark overlay on video player',
  }),
  'watermark.type': oneOf(['image', 'text'], 'image', {
    env: 'VLOG_WATERMARK_TYPE',
    description: 'Watermark type',
  }),
  'watermark.image': text('', {
    env: 'VLOG_WATERMARK_IMAGE',
    description: 'Path to watermark image (relative to storage)',
  }),
  'watermark.text': text('', { env: 'VLOG_WATERMARK_TEXT', description: 'Text to display as watermark' }),
  'watermark.text_size': integer(16, [8, 72], {
    env: 'VLOG_WATERMARK_TEXT_SIZE',
    description: 'Text watermark font size in pixels',
  }),
  'watermark.text_color': text('white', {
    env: 'VLOG_WATERMARK_TEXT_COLOR',
    description: 'Text watermark color (CSS color)',
  }),
  'watermark.position': oneOf(
    ['top-left', 'top-right', 'bottom-left', 'bottom-right', 'center'],
    'bottom-right',
    { env: 'VLOG_WATERMARK_POSITION', description: 'Watermark position' },
  ),
  'watermark.opacity': float(0.5, [0, 1], {
    env: 'VLOG_WATERMARK_OPACITY',
    description: 'Watermark opacity (0.0-1.0)',
  }),
  'watermark.padding': integer(16, [0, 200], {
    env: 'VLOG_WATERMARK_PADDING',
    description: 'Padding from edge in pixels',
  }),
  'watermark.max_width_percent': integer(15, [1, 50], {
    env: 'VLOG_WATERMARK_MAX_WIDTH_PERCENT',
    description: 'Max width as percentage of video player',
  }),
} as const;
