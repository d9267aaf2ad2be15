import {
  parseBoolean,
  parseEnum,
  parseInteger,
  parseList,
  parseNumber,
  parseString,
  parseUrl,
} from './env-parsers.js';

export const STREAMING_FORMATS = ['cmaf', 'hls_ts'] as const;
export const STREAMING_CODECS = ['h264', 'hevc', 'av1'] as const;
export type StreamingFormat = (typeof STREAMING_FORMATS)[number];
export type StreamingCodec = (typeof STREAMING_CODECS)[number];

/**
 * Every VLOG_* variable VLog reads, with its parser and default (config.md). A value that
 * does not parse stops start-up; the defaults equal the reference's unless noted.
 */
export const configSchema = {
  // Paths and database (spec README: embedded PGlite in the data dir when no URL is set).
  dataDir: { env: 'VLOG_DATA_DIR', parse: parseString, default: './data' },
  storagePath: { env: 'VLOG_STORAGE_PATH', parse: parseString, default: '' }, // '' ⇒ <dataDir>/storage
  videosSubdir: { env: 'VLOG_VIDEOS_SUBDIR', parse: parseString, default: 'videos' },
  uploadsSubdir: { env: 'VLOG_UPLOADS_SUBDIR', parse: parseString, default: 'uploads' },
  archiveSubdir: { env: 'VLOG_ARCHIVE_SUBDIR', parse: parseString, default: 'archive' },
  databaseUrl: { env: 'VLOG_DATABASE_URL', parse: parseString, default: '' },

  // Ports and URLs.
  host: { env: 'VLOG_HOST', parse: parseString, default: '0.0.0.0' },
  publicPort: { env: 'VLOG_PUBLIC_PORT', parse: parseInteger({ min: 0, max: 65535 }), default: 9000 },
  adminPort: { env: 'VLOG_ADMIN_PORT', parse: parseInteger({ min: 0, max: 65535 }), default: 9001 },
  workerApiPort: { env: 'VLOG_WORKER_API_PORT', parse: parseInteger({ min: 0, max: 65535 }), default: 9002 },
  adminApiUrl: { env: 'VLOG_ADMIN_API_URL', parse: parseUrl, default: '' }, // '' ⇒ http://localhost:<adminPort>
  workerApiUrl: { env: 'VLOG_WORKER_API_URL', parse: parseUrl, default: 'http://localhost:9002' },

  // Authentication and HTTP security.
  adminApiSecret: { env: 'VLOG_ADMIN_API_SECRET', parse: parseString, default: '' }, // '' ⇒ generated, stored 0600
  workerAdminSecret: { env: 'VLOG_WORKER_ADMIN_SECRET', parse: parseString, default: '' },
  adminSessionExpiryHours: { env: 'VLOG_ADMIN_SESSION_EXPIRY_HOURS', parse: parseNumber({ min: 1 }), default: 24 },
  secureCookies: { env: 'VLOG_SECURE_COOKIES', parse: parseBoolean, default: true },
  corsOrigins: { env: 'VLOG_CORS_ORIGINS', parse: parseList, default: [] as string[] },
  adminCorsOrigins: { env: 'VLOG_ADMIN_CORS_ORIGINS', parse: parseList, default: [] as string[] },
  trustedProxies: { env: 'VLOG_TRUSTED_PROXIES', parse: parseList, default: [] as string[] },

  // Uploads and archive.
  maxUploadSize: { env: 'VLOG_MAX_UPLOAD_SIZE', parse: parseInteger({ min: 1 }), default: 107374182400 },
  uploadChunkSize: { env: 'VLOG_UPLOAD_CHUNK_SIZE', parse: parseInteger({ min: 1024 }), default: 1048576 },
  archiveRetentionDays: { env: 'VLOG_ARCHIVE_RETENTION_DAYS', parse: parseInteger({ min: 0 }), default: 30 },

  // Transcoding. Codec default is h264 (not the reference's hevc): it is the codec every browser
  // plays, and issue 3 fixes "cmaf, h264" as the default settings.
  hlsSegmentDuration: { env: 'VLOG_HLS_SEGMENT_DURATION', parse: parseInteger({ min: 1, max: 30 }), default: 6 },
  streamingFormat: { env: 'VLOG_STREAMING_FORMAT', parse: parseEnum(STREAMING_FORMATS), default: 'cmaf' as StreamingFormat },
  streamingCodec: { env: 'VLOG_STREAMING_CODEC', parse: parseEnum(STREAMING_CODECS), default: 'h264' as StreamingCodec },
  maxRetryAttempts: { env: 'VLOG_MAX_RETRY_ATTEMPTS', parse: parseInteger({ min: 1, max: 10 }), default: 3 },
  retryBackoffBase: { env: 'VLOG_RETRY_BACKOFF_BASE', parse: parseNumber({ min: 0 }), default: 60 },
  ffmpegTimeoutMultiplier: { env: 'VLOG_FFMPEG_TIMEOUT_BASE_MULTIPLIER', parse: parseNumber({ min: 0.1 }), default: 2.0 },
  ffmpegTimeoutMinimum: { env: 'VLOG_FFMPEG_TIMEOUT_MINIMUM', parse: parseNumber({ min: 1 }), default: 300 },
  ffmpegTimeoutMaximum: { env: 'VLOG_FFMPEG_TIMEOUT_MAXIMUM', parse: parseNumber({ min: 60 }), default: 14400 },
  progressUpdateInterval: { env: 'VLOG_PROGRESS_UPDATE_INTERVAL', parse: parseNumber({ min: 0.1 }), default: 2 },

  // Workers. Durations accept fractions so tests can use short leases (0.25 minute = 15 s).
  localWorker: { env: 'VLOG_LOCAL_WORKER', parse: parseBoolean, default: true },
  workerClaimDurationMinutes: { env: 'VLOG_WORKER_CLAIM_DURATION', parse: parseNumber({ min: 0.01 }), default: 30 },
  workerHeartbeatInterval: { env: 'VLOG_WORKER_HEARTBEAT_INTERVAL', parse: parseNumber({ min: 0.1 }), default: 30 },
  workerOfflineThresholdMinutes: { env: 'VLOG_WORKER_OFFLINE_THRESHOLD', parse: parseNumber({ min: 0.01 }), default: 5 },
  workerPollInterval: { env: 'VLOG_WORKER_POLL_INTERVAL', parse: parseNumber({ min: 0.05 }), default: 10 },
  workerWorkDir: { env: 'VLOG_WORKER_WORK_DIR', parse: parseString, default: '' }, // '' ⇒ <dataDir>/work
  workerApiKey: { env: 'VLOG_WORKER_API_KEY', parse: parseString, default: '' },

  // Server-sent events.
  sseHeartbeatInterval: { env: 'VLOG_SSE_HEARTBEAT_INTERVAL', parse: parseNumber({ min: 1 }), default: 30 },
  sseReconnectTimeoutMs: { env: 'VLOG_SSE_RECONNECT_TIMEOUT_MS', parse: parseInteger({ min: 100 }), default: 3000 },

  // Health.
  storageCheckTimeout: { env: 'VLOG_STORAGE_CHECK_TIMEOUT', parse: parseNumber({ min: 1 }), default: 2 },
  errorSummaryMaxLength: { env: 'VLOG_ERROR_SUMMARY_MAX_LENGTH', parse: parseInteger({ min: 10 }), default: 100 },

  // Logging (not in the reference; pino levels).
  logLevel: {
    env: 'VLOG_LOG_LEVEL',
    parse: parseEnum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
    default: 'info' as 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent',
  },
} as const;

export type ConfigSchema = typeof configSchema;
