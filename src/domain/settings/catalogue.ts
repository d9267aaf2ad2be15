import { TRANSCRIPTION_SETTINGS } from './catalogue.transcription.js';
import { boolean, float, integer, oneOf, text } from './settings.types.js';

const WORKER_TIMEOUT = { to: 'ffmpeg timeout of each transcode and re-encode rung', by: 'worker' } as const;
const WEBHOOK_SEND = { to: 'each webhook delivery and alert from now on', by: 'server' } as const;
const ALERT_SEND = { to: 'each operational alert from now on', by: 'server' } as const;
const WATERMARK_OVERLAY = {
  to: 'player watermark overlay (GET /api/config/watermark)',
  by: 'server',
} as const;

/**
 * Every known setting (pipeline.md §20.1) in one table: key, type and constraints as the reference's,
 * default, environment variables (the first one set wins), description, and what it drives
 * (`applies`; omitted = the feature is not built yet). Grouped by category, in the spec's order.
 */
export const SETTINGS_CATALOGUE = {
  // transcoding.* (pipeline.md §20.1). Defaults are the config schema's (src/config/config.schema.ts).
  'transcoding.hls_segment_duration': integer(6, [2, 30], {
    env: 'VLOG_HLS_SEGMENT_DURATION',
    description: 'HLS segment duration in seconds',
    // A resumed job keeps the duration its published segments were cut with (its checkpoint).
    applies: { to: 'segment duration of each new transcode', by: 'worker' },
  }),
  'transcoding.checkpoint_interval': integer(30, [1, 300], {
    env: 'VLOG_CHECKPOINT_INTERVAL',
    description: 'Checkpoint interval in seconds',
  }),
  'transcoding.max_retries': integer(3, [0, 10], {
    env: 'VLOG_MAX_RETRY_ATTEMPTS',
    description: 'Maximum attempts of a transcoding job (0 counts as 1: a job always gets its first)',
    applies: { to: 'max_attempts of jobs created or reset from now on', by: 'server' },
  }),
  'transcoding.retry_backoff_base': integer(60, [0, 600], {
    env: 'VLOG_RETRY_BACKOFF_BASE',
    description: 'Base retry backoff in seconds (doubles per attempt)',
    applies: { to: 'delay before a failed job is retried', by: 'server' },
  }),
  'transcoding.job_stale_timeout': integer(1800, [60, 7200], {
    env: 'VLOG_JOB_STALE_TIMEOUT',
    description: 'Job stale timeout in seconds (jobs here are recovered by lease expiry instead)',
  }),
  'transcoding.cleanup_partial_on_failure': boolean(true, {
    env: 'VLOG_CLEANUP_PARTIAL_ON_FAILURE',
    description: 'Clean up partial files on failure',
  }),
  'transcoding.keep_completed_qualities': boolean(true, {
    env: 'VLOG_KEEP_COMPLETED_QUALITIES',
    description: 'Keep completed qualities on resume',
  }),
  'transcoding.ffmpeg_timeout_multiplier': float(2.0, [0.1, 10], {
    // The reference read VLOG_FFMPEG_TIMEOUT_MULTIPLIER here and _BASE_MULTIPLIER in its config: both work.
    env: ['VLOG_FFMPEG_TIMEOUT_MULTIPLIER', 'VLOG_FFMPEG_TIMEOUT_BASE_MULTIPLIER'],
    description: 'FFmpeg timeout base multiplier (timeout = duration × this × resolution factor)',
    applies: WORKER_TIMEOUT,
  }),
  'transcoding.ffmpeg_timeout_minimum': integer(300, [60, 3600], {
    env: 'VLOG_FFMPEG_TIMEOUT_MINIMUM',
    description: 'Minimum FFmpeg timeout in seconds',
    applies: WORKER_TIMEOUT,
  }),
  'transcoding.ffmpeg_timeout_maximum': integer(14400, [300, 86400], {
    env: 'VLOG_FFMPEG_TIMEOUT_MAXIMUM',
    description: 'Maximum FFmpeg timeout in seconds',
    applies: WORKER_TIMEOUT,
  }),

  // watermark.* (pipeline.md §20.1): the player's overlay, served by GET /api/config/watermark.
  'watermark.enabled': boolean(false, {
    env: 'VLOG_WATERMARK_ENABLED',
    description: 'Enable watermark overlay on video player',
    applies: WATERMARK_OVERLAY,
  }),
  'watermark.type': oneOf(['image', 'text'], 'image', {
    env: 'VLOG_WATERMARK_TYPE',
    description: 'Watermark type',
    applies: WATERMARK_OVERLAY,
  }),
  'watermark.image': text('', {
    env: 'VLOG_WATERMARK_IMAGE',
    description: 'Path to watermark image (relative to storage)',
    applies: WATERMARK_OVERLAY,
  }),
  'watermark.text': text('', {
    env: 'VLOG_WATERMARK_TEXT',
    description: 'Text to display as watermark',
    applies: WATERMARK_OVERLAY,
  }),
  'watermark.text_size': integer(16, [8, 72], {
    env: 'VLOG_WATERMARK_TEXT_SIZE',
    description: 'Text watermark font size in pixels',
    applies: WATERMARK_OVERLAY,
  }),
  'watermark.text_color': text('white', {
    env: 'VLOG_WATERMARK_TEXT_COLOR',
    description: 'Text watermark color (CSS color)',
    applies: WATERMARK_OVERLAY,
  }),
  'watermark.position': oneOf(
    ['top-left', 'top-right', 'bottom-left', 'bottom-right', 'center'],
    'bottom-right',
    { env: 'VLOG_WATERMARK_POSITION', description: 'Watermark position', applies: WATERMARK_OVERLAY },
  ),
  'watermark.opacity': float(0.5, [0, 1], {
    env: 'VLOG_WATERMARK_OPACITY',
    description: 'Watermark opacity (0.0-1.0)',
    applies: WATERMARK_OVERLAY,
  }),
  'watermark.padding': integer(16, [0, 200], {
    env: 'VLOG_WATERMARK_PADDING',
    description: 'Padding from edge in pixels',
    applies: WATERMARK_OVERLAY,
  }),
  'watermark.max_width_percent': integer(15, [1, 50], {
    env: 'VLOG_WATERMARK_MAX_WIDTH_PERCENT',
    description: 'Max width as percentage of video player',
    applies: WATERMARK_OVERLAY,
  }),

  // workers.* (pipeline.md §20.1). The env names first are the config schema's; the second ones are the
  // reference's derived names (`VLOG_` + last key segment), which keep working.
  'workers.heartbeat_interval': integer(30, [5, 300], {
    env: ['VLOG_WORKER_HEARTBEAT_INTERVAL', 'VLOG_HEARTBEAT_INTERVAL'],
    description: 'Worker heartbeat interval in seconds',
    applies: { to: "each worker's heartbeat period (read from the worker API)", by: 'worker' },
  }),
  'workers.claim_duration_minutes': integer(30, [1, 120], {
    env: 'VLOG_WORKER_CLAIM_DURATION',
    description: 'Job claim duration in minutes (extended by progress)',
    applies: { to: 'lease of each claim (transcode, sprite, re-encode) and progress report', by: 'server' },
  }),
  'workers.poll_interval': integer(10, [1, 120], {
    env: ['VLOG_WORKER_POLL_INTERVAL', 'VLOG_POLL_INTERVAL'],
    description: 'Job polling interval in seconds',
    applies: { to: "an idle worker's wait for work (read from the worker API)", by: 'worker' },
  }),
  'workers.offline_threshold_minutes': integer(5, [1, 60], {
    env: 'VLOG_WORKER_OFFLINE_THRESHOLD',
    description: 'Minutes before worker is considered offline',
    applies: { to: 'worker status (listings, sweep, commands)', by: 'server' },
  }),
  'workers.stale_job_check_interval': integer(60, [10, 600], {
    env: 'VLOG_STALE_JOB_CHECK_INTERVAL',
    description: 'Stale job check interval in seconds',
    applies: { to: "period of the worker API's sweep (stale workers, overdue commands)", by: 'server' },
  }),
  'workers.progress_update_interval': float(2, [0.1, 60], {
    env: 'VLOG_PROGRESS_UPDATE_INTERVAL',
    description: 'Progress update interval in seconds',
    applies: { to: "minimum gap between a transcode's progress reports", by: 'worker' },
  }),
  'workers.fallback_poll_interval': integer(60, [1, 600], {
    env: 'VLOG_WORKER_FALLBACK_POLL_INTERVAL',
    description: 'Fallback polling interval when filesystem watcher unavailable (seconds)',
  }),
  'workers.debounce_delay': float(1.0, [0, 60], {
    env: 'VLOG_WORKER_DEBOUNCE_DELAY',
    description: 'Debounce delay for filesystem events (seconds)',
  }),
  'workers.streaming_upload': boolean(false, {
    env: 'VLOG_WORKER_STREAMING_UPLOAD',
    description: 'Upload segments individually during transcoding (always on here: segments publish live)',
  }),
  // Not in the reference's catalogue, but read through its settings service (api-worker.md §5).
  'workers.require_version_match': boolean(true, {
    env: 'VLOG_REQUIRE_VERSION_MATCH',
    description: 'Heartbeat version_ok is false when a worker reports another code_version',
    applies: { to: 'version_ok of each heartbeat', by: 'server' },
  }),
  'workers.require_version_field': boolean(false, {
    env: 'VLOG_REQUIRE_VERSION_FIELD',
    description: 'Heartbeat version_ok is false when a worker reports no code_version',
    applies: { to: 'version_ok of each heartbeat', by: 'server' },
  }),

  // storage.*, streaming.*, cdn.*, reencode.* (pipeline.md §20.1).
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

  // analytics, alerts, transcription, display, metrics, downloads, webhooks (pipeline.md §20.1).
  'analytics.cache_enabled': boolean(true, {
    env: 'VLOG_ANALYTICS_CACHE_ENABLED',
    description: 'Enable analytics caching',
    applies: { to: 'server cache of the admin analytics reports', by: 'server' },
  }),
  'analytics.cache_ttl': integer(60, [1, 3600], {
    env: 'VLOG_ANALYTICS_CACHE_TTL',
    description: 'Analytics cache TTL in seconds',
    applies: { to: 'lifetime of each cached admin analytics report', by: 'server' },
  }),
  'analytics.client_cache_max_age': integer(60, [0, 3600], {
    env: 'VLOG_ANALYTICS_CLIENT_CACHE_MAX_AGE',
    description: 'Client-side cache max-age in seconds',
    applies: { to: 'Cache-Control max-age of the admin analytics reports', by: 'server' },
  }),
  // Not in the reference: honour the browser's Do Not Track / Global Privacy Control signals.
  'analytics.respect_dnt': boolean(false, {
    env: 'VLOG_ANALYTICS_RESPECT_DNT',
    description:
      'Do not record playback of browsers sending DNT: 1 or Sec-GPC: 1 (they are answered as usual, nothing is written)',
    applies: { to: 'viewer tracking (POST /api/analytics/session, /heartbeat, /end)', by: 'server' },
  }),
  'alerts.webhook_url': text('', {
    env: 'VLOG_ALERT_WEBHOOK_URL',
    description: 'Webhook URL for alerts',
    applies: ALERT_SEND,
  }),
  'alerts.webhook_timeout': integer(10, [1, 60], {
    env: 'VLOG_ALERT_WEBHOOK_TIMEOUT',
    description: 'Webhook request timeout in seconds',
    applies: ALERT_SEND,
  }),
  'alerts.rate_limit_seconds': integer(300, [0, 3600], {
    env: 'VLOG_ALERT_RATE_LIMIT_SECONDS',
    description: 'Minimum seconds between alerts of same type',
    applies: ALERT_SEND,
  }),
  ...TRANSCRIPTION_SETTINGS,
  'display.show_view_counts': boolean(true, {
    env: 'VLOG_DISPLAY_SHOW_VIEW_COUNTS',
    description: 'Show view counts on video cards in the public UI',
    applies: { to: 'view counts on public video cards and the watch page', by: 'server' },
  }),
  'display.show_tagline': boolean(true, {
    env: 'VLOG_DISPLAY_SHOW_TAGLINE',
    description: 'Show the tagline on the home page',
    applies: { to: 'tagline on the public home page', by: 'server' },
  }),
  'display.tagline': text('', {
    env: 'VLOG_DISPLAY_TAGLINE',
    description: 'Tagline text shown on the home page',
    applies: { to: 'tagline on the public home page', by: 'server' },
    maxLength: 100,
  }),
  'metrics.enabled': boolean(true, {
    env: 'VLOG_METRICS_ENABLED',
    description: 'Enable Prometheus metrics endpoint (/metrics)',
  }),
  'metrics.auth_required': boolean(false, {
    env: 'VLOG_METRICS_AUTH_REQUIRED',
    description: 'Require authentication for metrics endpoint',
  }),
  'downloads.enabled': boolean(false, {
    env: 'VLOG_DOWNLOADS_ENABLED',
    description: 'Enable video download feature',
    applies: { to: 'GET /api/videos/{slug}/download/original and the watch page button', by: 'server' },
  }),
  'downloads.allow_original': boolean(false, {
    env: 'VLOG_DOWNLOADS_ALLOW_ORIGINAL',
    description: 'Allow downloading original source files (as uploaded)',
    applies: { to: 'GET /api/videos/{slug}/download/original', by: 'server' },
  }),
  'downloads.allow_transcoded': boolean(true, {
    env: 'VLOG_DOWNLOADS_ALLOW_TRANSCODED',
    description: 'Allow downloading transcoded quality variants',
    applies: { to: 'GET /api/config/downloads (advertised only: no endpoint)', by: 'server' },
  }),
  'downloads.rate_limit_per_hour': integer(10, [0, 1000], {
    env: 'VLOG_DOWNLOADS_RATE_LIMIT_PER_HOUR',
    description: 'Download rate limit per IP per hour (0 to disable)',
    applies: { to: 'rate limit of original downloads (read when the public app starts)', by: 'server' },
  }),
  'downloads.max_concurrent': integer(2, [1, 10], {
    env: 'VLOG_DOWNLOADS_MAX_CONCURRENT',
    description: 'Maximum concurrent downloads per IP',
    applies: { to: 'concurrent original downloads per client IP', by: 'server' },
  }),
  'webhooks.enabled': boolean(true, {
    env: 'VLOG_WEBHOOKS_ENABLED',
    description: 'Enable webhook notification system',
    applies: { to: 'whether events queue webhook deliveries', by: 'server' },
  }),
  'webhooks.max_retries': integer(5, [1, 10], {
    env: 'VLOG_WEBHOOKS_MAX_RETRIES',
    description: 'Maximum delivery retry attempts before permanent failure',
    applies: WEBHOOK_SEND,
  }),
  'webhooks.retry_base_delay': integer(30, [5, 300], {
    env: 'VLOG_WEBHOOKS_RETRY_BASE_DELAY',
    description: 'Base delay in seconds for retry backoff calculation',
    applies: WEBHOOK_SEND,
  }),
  'webhooks.retry_backoff_multiplier': float(2.0, [1, 5], {
    env: 'VLOG_WEBHOOKS_RETRY_BACKOFF_MULTIPLIER',
    description: 'Exponential backoff multiplier for retries',
    applies: WEBHOOK_SEND,
  }),
  'webhooks.request_timeout': integer(10, [1, 60], {
    env: 'VLOG_WEBHOOKS_REQUEST_TIMEOUT',
    description: 'Timeout in seconds for webhook HTTP requests',
    applies: WEBHOOK_SEND,
  }),
  'webhooks.max_concurrent_deliveries': integer(10, [1, 50], {
    env: 'VLOG_WEBHOOKS_MAX_CONCURRENT_DELIVERIES',
    description: 'Maximum concurrent webhook delivery tasks',
    applies: WEBHOOK_SEND,
  }),
  'webhooks.delivery_batch_size': integer(50, [1, 100], {
    env: 'VLOG_WEBHOOKS_DELIVERY_BATCH_SIZE',
    description: 'Most delivery outcomes stored in one write (deliveries that finish together)',
    applies: WEBHOOK_SEND,
  }),
  // Beyond the reference: the SSRF guard refuses private and loopback receivers unless this is on.
  'webhooks.allow_private_targets': boolean(false, {
    env: 'VLOG_WEBHOOKS_ALLOW_PRIVATE_TARGETS',
    description:
      'Allow webhook and alert targets on private and loopback addresses (in-cluster receivers, tests)',
    applies: WEBHOOK_SEND,
  }),
} as const;
