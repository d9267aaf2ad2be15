import { boolean, integer, oneOf, text } from '../settings.types.js';

/** storage.*, streaming.*, cdn.*, reencode.* (pipeline.md §20.1). */
export const MEDIA_SETTINGS = {
  'storage.archive_retention_days': integer(30, [0, 365], {
    env: 'VLOG_ARCHIVE_RETENTION_DAYS',
    description: 'Days to retain archived videos (0 keeps them)',
    applies: { to: 'the hourly archive purge', by: 'server' },
  }),
  // VLOG_MAX_UPLOAD_SIZE and VLOG_MAX_THUMBNAIL_SIZE are bytes: their fallback is converted to MB.
  'storage.max_upload_size_mb': integer(102400, [1, 102400], {
    env: 'VLOG_MAX_UPLOAD_SIZE',
    description: 'Maximum upload size in MB',
    applies: { to: 'admin uploads and re-uploads', by: 'server' },
  }),
  'storage.max_thumbnail_size_mb': integer(10, [1, 100], {
    env: 'VLOG_MAX_THUMBNAIL_SIZE',
    description: 'Maximum thumbnail upload size in MB',
    applies: { to: 'custom thumbnail uploads', by: 'server' },
  }),
  'storage.thumbnail_width': integer(640, [100, 1920], {
    env: 'VLOG_THUMBNAIL_WIDTH',
    description: 'Thumbnail width in pixels',
    applies: { to: 'custom and selected thumbnails', by: 'server' },
  }),
  'streaming.default_format': oneOf(['hls_ts', 'cmaf'], 'cmaf', {
    env: 'VLOG_STREAMING_FORMAT',
    description: 'Default streaming format for new encodes (hls_ts=legacy, cmaf=modern fMP4)',
    applies: { to: 'format of new uploads', by: 'server' },
  }),
  'streaming.default_codec': oneOf(['h264', 'hevc', 'av1'], 'h264', {
    env: 'VLOG_STREAMING_CODEC',
    description: 'Default video codec for new encodes',
    applies: { to: 'codec of new uploads', by: 'server' },
  }),
  'streaming.enable_dash': boolean(true, {
    env: 'VLOG_STREAMING_ENABLE_DASH',
    description: 'Generate DASH manifest alongside HLS (requires CMAF format)',
    applies: { to: 'manifest.mpd of new CMAF transcodes and re-encodes', by: 'worker' },
  }),
  'streaming.segment_duration': integer(6, [2, 10], {
    env: 'VLOG_STREAMING_SEGMENT_DURATION',
    description: 'Segment duration in seconds of re-encodes (legacy videos converted to CMAF)',
    applies: { to: 'segment duration of each re-encode', by: 'worker' },
  }),
  'streaming.h264_fallback': boolean(false, {
    env: 'VLOG_STREAMING_H264_FALLBACK',
    description: 'Also generate H.264 version for older device compatibility',
  }),
  // The reference derived VLOG_ENABLED / VLOG_BASE_URL here; config.md asks for explicit names.
  'cdn.enabled': boolean(false, {
    env: 'VLOG_CDN_ENABLED',
    description: 'Enable CDN for video streaming content',
  }),
  'cdn.base_url': text('', {
    env: 'VLOG_CDN_BASE_URL',
    description: 'CDN base URL (e.g., https://cdn.example.com) - video paths appended to this',
    pattern: String.raw`^https?://[a-zA-Z0-9][\w\-\.]*\w(:[0-9]+)?/?$`,
  }),
  'reencode.batch_size': integer(1, [1, 10], {
    env: 'VLOG_REENCODE_BATCH_SIZE',
    description: 'Number of videos to process concurrently in re-encode queue',
  }),
  'reencode.enabled': boolean(true, {
    env: 'VLOG_REENCODE_ENABLED',
    description: 'Enable background re-encoding worker',
  }),
  'reencode.priority_threshold_views': integer(1000, [0, 100000], {
    env: 'VLOG_REENCODE_PRIORITY_THRESHOLD',
    description: 'Videos with more views than this get high priority re-encoding',
  }),
} as const;
