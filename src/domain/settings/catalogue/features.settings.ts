import { boolean, float, integer, oneOf, text } from '../settings.types.js';

/** analytics, alerts, transcription, display, metrics, downloads, webhooks (pipeline.md §20.1). */
export const FEATURE_SETTINGS = {
  'analytics.cache_enabled': boolean(true, {
    env: 'VLOG_ANALYTICS_CACHE_ENABLED',
    description: 'Enable analytics caching',
  }),
  'analytics.cache_ttl': integer(60, [1, 3600], {
    env: 'VLOG_ANALYTICS_CACHE_TTL',
    description: 'Analytics cache TTL in seconds',
  }),
  'analytics.client_cache_max_age': integer(60, [0, 3600], {
    env: 'VLOG_ANALYTICS_CLIENT_CACHE_MAX_AGE',
    description: 'Client-side cache max-age in seconds',
  }),
  'alerts.webhook_url': text('', { env: 'VLOG_ALERT_WEBHOOK_URL', description: 'Webhook URL for alerts' }),
  'alerts.webhook_timeout': integer(10, [1, 60], {
    env: 'VLOG_ALERT_WEBHOOK_TIMEOUT',
    description: 'Webhook request timeout in seconds',
  }),
  'alerts.rate_limit_seconds': integer(300, [0, 3600], {
    env: 'VLOG_ALERT_RATE_LIMIT_SECONDS',
    description: 'Minimum seconds between alerts of same type',
  }),
  'transcription.enabled': boolean(true, {
    env: 'VLOG_TRANSCRIPTION_ENABLED',
    description: 'Enable automatic transcription',
  }),
  'transcription.whisper_model': oneOf(['tiny', 'base', 'small', 'medium', 'large'], 'medium', {
    env: 'VLOG_WHISPER_MODEL',
    description: 'Whisper model size',
  }),
  'transcription.language': text('', {
    env: 'VLOG_TRANSCRIPTION_LANGUAGE',
    description: 'Transcription language (empty for auto-detection)',
  }),
  'transcription.on_upload': boolean(true, {
    env: 'VLOG_TRANSCRIPTION_ON_UPLOAD',
    description: 'Transcribe automatically on upload',
  }),
  'transcription.compute_type': oneOf(['int8', 'float16', 'float32'], 'int8', {
    env: 'VLOG_TRANSCRIPTION_COMPUTE_TYPE',
    description: 'Compute type for transcription',
  }),
  'transcription.timeout': integer(3600, [60, 14400], {
    env: 'VLOG_TRANSCRIPTION_TIMEOUT',
    description: 'Transcription timeout in seconds',
  }),
  'display.show_view_counts': boolean(true, {
    env: 'VLOG_DISPLAY_SHOW_VIEW_COUNTS',
    description: 'Show view counts on video cards in the public UI',
  }),
  'display.show_tagline': boolean(true, {
    env: 'VLOG_DISPLAY_SHOW_TAGLINE',
    description: 'Show tagline in the footer',
  }),
  'display.tagline': text('', {
    env: 'VLOG_DISPLAY_TAGLINE',
    description: 'Footer tagline text',
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
  }),
  'downloads.allow_original': boolean(false, {
    env: 'VLOG_DOWNLOADS_ALLOW_ORIGINAL',
    description: 'Allow downloading original source files (as uploaded)',
  }),
  'downloads.allow_transcoded': boolean(true, {
    env: 'VLOG_DOWNLOADS_ALLOW_TRANSCODED',
    description: 'Allow downloading transcoded quality variants',
  }),
  'downloads.rate_limit_per_hour': integer(10, [0, 1000], {
    env: 'VLOG_DOWNLOADS_RATE_LIMIT_PER_HOUR',
    description: 'Download rate limit per IP per hour (0 to disable)',
  }),
  'downloads.max_concurrent': integer(2, [1, 10], {
    env: 'VLOG_DOWNLOADS_MAX_CONCURRENT',
    description: 'Maximum concurrent downloads per IP',
  }),
  'webhooks.enabled': boolean(true, {
    env: 'VLOG_WEBHOOKS_ENABLED',
    description: 'Enable webhook notification system',
    applies: { to: 'whether events queue webhook deliveries', by: 'server' },
  }),
  'webhooks.max_retries': integer(5, [1, 10], {
    env: 'VLOG_WEBHOOKS_MAX_RETRIES',
    description: 'Maximum delivery retry attempts before permanent failure',
  }),
  'webhooks.retry_base_delay': integer(30, [5, 300], {
    env: 'VLOG_WEBHOOKS_RETRY_BASE_DELAY',
    description: 'Base delay in seconds for retry backoff calculation',
  }),
  'webhooks.retry_backoff_multiplier': float(2.0, [1, 5], {
    env: 'VLOG_WEBHOOKS_RETRY_BACKOFF_MULTIPLIER',
    description: 'Exponential backoff multiplier for retries',
  }),
  'webhooks.request_timeout': integer(10, [1, 60], {
    env: 'VLOG_WEBHOOKS_REQUEST_TIMEOUT',
    description: 'Timeout in seconds for webhook HTTP requests',
  }),
  'webhooks.max_concurrent_deliveries': integer(10, [1, 50], {
    env: 'VLOG_WEBHOOKS_MAX_CONCURRENT_DELIVERIES',
    description: 'Maximum concurrent webhook delivery tasks',
  }),
  'webhooks.delivery_batch_size': integer(50, [1, 100], {
    env: 'VLOG_WEBHOOKS_DELIVERY_BATCH_SIZE',
    description: 'Number of pending deliveries to process per batch',
  }),
} as const;
