import {
  parseBoolean,
  parseEnum,
  parseInteger,
  parseList,
  parseNumber,
  parseSecret,
  parseString,
  parseUrl,
} from './env-parsers.js';
import { hwaccelSchema } from './config.hwaccel.js';
import { parseRateLimitStorage, rateLimitSchema } from './config.rate-limit.js';
import { spriteSheetSchema } from './config.sprites.js';
import { transcriptionSchema } from './config.transcription.js';

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
  dataDir: {
    doc: 'Embedded database, generated secrets and default storage',
    env: 'VLOG_DATA_DIR',
    parse: parseString,
    default: './data',
  },
  storagePath: {
    doc: 'Storage root (uploads, videos, archive); default <data dir>/storage',
    env: 'VLOG_STORAGE_PATH',
    parse: parseString,
    default: '',
  }, // '' ⇒ <dataDir>/storage
  videosSubdir: {
    doc: 'Transcoded output folder under the storage root',
    env: 'VLOG_VIDEOS_SUBDIR',
    parse: parseString,
    default: 'videos',
  },
  uploadsSubdir: {
    doc: 'Source uploads folder under the storage root',
    env: 'VLOG_UPLOADS_SUBDIR',
    parse: parseString,
    default: 'uploads',
  },
  archiveSubdir: {
    doc: 'Soft-delete archive folder under the storage root',
    env: 'VLOG_ARCHIVE_SUBDIR',
    parse: parseString,
    default: 'archive',
  },
  databaseUrl: {
    doc: 'PostgreSQL URL; unset = embedded PGlite in the data dir',
    env: 'VLOG_DATABASE_URL',
    parse: parseString,
    default: '',
  },
  databasePreparedStatements: {
    doc: 'Run statements as named prepared statements (parsed and planned once per PostgreSQL connection, or once by the embedded database); false behind a pooler that cannot keep them, such as PgBouncer in transaction mode before 1.21',
    env: 'VLOG_DATABASE_PREPARED_STATEMENTS',
    parse: parseBoolean,
    default: true,
  },

  // Ports and URLs.
  host: {
    doc: 'Interface the HTTP servers listen on',
    env: 'VLOG_HOST',
    parse: parseString,
    default: '0.0.0.0',
  },
  publicPort: {
    doc: 'Public API and site',
    env: 'VLOG_PUBLIC_PORT',
    parse: parseInteger({ min: 0, max: 65535 }),
    default: 9000,
  },
  adminPort: {
    doc: 'Admin API and UI',
    env: 'VLOG_ADMIN_PORT',
    parse: parseInteger({ min: 0, max: 65535 }),
    default: 9001,
  },
  workerApiPort: {
    doc: 'Worker API',
    env: 'VLOG_WORKER_API_PORT',
    parse: parseInteger({ min: 0, max: 65535 }),
    default: 9002,
  },
  adminApiUrl: {
    doc: 'Admin API base URL used by the CLI; default http://localhost:<admin port>',
    env: 'VLOG_ADMIN_API_URL',
    parse: parseUrl,
    default: '',
  }, // '' ⇒ http://localhost:<adminPort>
  workerApiUrl: {
    doc: 'Worker API base URL used by remote workers',
    env: 'VLOG_WORKER_API_URL',
    parse: parseUrl,
    default: 'http://localhost:9002',
  },

  // Authentication and HTTP security.
  adminApiSecret: {
    doc: 'Admin secret (X-Admin-Secret, login), at least 16 characters; generated and stored 0600 when unset',
    env: 'VLOG_ADMIN_API_SECRET',
    parse: parseSecret(16),
    default: '',
  }, // '' ⇒ generated, stored 0600
  workerAdminSecret: {
    doc: 'Worker API management secret (register, list, revoke); generated and stored 0600 when unset',
    env: 'VLOG_WORKER_ADMIN_SECRET',
    parse: parseString,
    default: '',
  },
  adminSessionExpiryHours: {
    doc: 'Admin session lifetime (hours)',
    env: 'VLOG_ADMIN_SESSION_EXPIRY_HOURS',
    parse: parseNumber({ min: 1 }),
    default: 24,
  },
  secureCookies: {
    doc: 'Secure flag on cookies',
    env: 'VLOG_SECURE_COOKIES',
    parse: parseBoolean,
    default: true,
  },
  corsOrigins: {
    doc: 'Public API CORS origins (comma list); empty = same origin only',
    env: 'VLOG_CORS_ORIGINS',
    parse: parseList,
    default: [] as string[],
  },
  adminCorsOrigins: {
    doc: 'Admin API CORS origins (comma list)',
    env: 'VLOG_ADMIN_CORS_ORIGINS',
    parse: parseList,
    default: [] as string[],
  },
  trustedProxies: {
    doc: 'Peers whose X-Forwarded-For is trusted',
    env: 'VLOG_TRUSTED_PROXIES',
    parse: parseList,
    default: [] as string[],
  },

  // Rate limiting (config.md §4).
  ...rateLimitSchema,

  // Analytics (config.md §10); VLOG_ANALYTICS_CACHE_ENABLED / _TTL / _CLIENT_CACHE_MAX_AGE are settings.
  analyticsCacheStorageUrl: {
    doc: 'Where the admin analytics reports are cached: memory:// (per process) or redis:// (shared)',
    env: 'VLOG_ANALYTICS_CACHE_STORAGE_URL',
    parse: parseRateLimitStorage,
    default: 'memory://',
  },

  // Not in the reference's settings (its list cache is fixed at 30 s): tests and benchmarks turn it off.
  publicListCacheSeconds: {
    doc: 'Seconds the public video list and related videos are cached in-process; 0 = off',
    env: 'VLOG_PUBLIC_LIST_CACHE_SECONDS',
    parse: parseNumber({ min: 0 }),
    default: 30,
  },

  // Uploads and archive.
  maxUploadSize: {
    doc: 'Maximum upload size in bytes',
    env: 'VLOG_MAX_UPLOAD_SIZE',
    parse: parseInteger({ min: 1 }),
    default: 107374182400,
  },
  maxHlsSingleFileSize: {
    doc: 'Largest single file (bytes) a remote worker may upload into a video directory',
    env: 'VLOG_MAX_HLS_SINGLE_FILE_SIZE',
    parse: parseInteger({ min: 1024 }),
    default: 524288000,
  },
  uploadChunkSize: {
    doc: 'Upload write chunk (bytes)',
    env: 'VLOG_UPLOAD_CHUNK_SIZE',
    parse: parseInteger({ min: 1024 }),
    default: 1048576,
  },
  // Not in the reference (issue 10): a stalled upload held its socket and temporary file indefinitely.
  uploadIdleTimeout: {
    doc: 'Seconds an upload (any request body) may go without receiving a byte before it is cut with 408',
    env: 'VLOG_UPLOAD_IDLE_TIMEOUT',
    parse: parseNumber({ min: 1 }),
    default: 60,
  },
  archiveRetentionDays: {
    doc: 'Days before archived videos are purged (0 disables)',
    env: 'VLOG_ARCHIVE_RETENTION_DAYS',
    parse: parseInteger({ min: 0 }),
    default: 30,
  },
  maxThumbnailSize: {
    doc: 'Maximum custom thumbnail image size in bytes',
    env: 'VLOG_MAX_THUMBNAIL_SIZE',
    parse: parseInteger({ min: 1024 }),
    default: 10485760,
  },
  thumbnailWidth: {
    doc: 'Width (px) of custom and selected thumbnails',
    env: 'VLOG_THUMBNAIL_WIDTH',
    parse: parseInteger({ min: 1, max: 7680 }),
    default: 640,
  },

  // Transcoding. Codec default is h264 (not the reference's hevc): it is the codec every browser
  // plays, and issue 3 fixes "cmaf, h264" as the default settings.
  hlsSegmentDuration: {
    doc: 'Segment duration (s) of every rendition',
    env: 'VLOG_HLS_SEGMENT_DURATION',
    parse: parseInteger({ min: 1, max: 30 }),
    default: 6,
  },
  streamingFormat: {
    doc: 'Output format of new uploads: cmaf or hls_ts',
    env: 'VLOG_STREAMING_FORMAT',
    parse: parseEnum(STREAMING_FORMATS),
    default: 'cmaf' as StreamingFormat,
  },
  streamingCodec: {
    doc: 'Video codec of new uploads: h264, hevc or av1',
    env: 'VLOG_STREAMING_CODEC',
    parse: parseEnum(STREAMING_CODECS),
    default: 'h264' as StreamingCodec,
  },
  maxRetryAttempts: {
    doc: 'Attempts per transcoding job',
    env: 'VLOG_MAX_RETRY_ATTEMPTS',
    parse: parseInteger({ min: 1, max: 10 }),
    default: 3,
  },
  retryBackoffBase: {
    doc: 'Seconds before a failed job is retried (doubles per attempt)',
    env: 'VLOG_RETRY_BACKOFF_BASE',
    parse: parseNumber({ min: 0 }),
    default: 60,
  },
  ffmpegTimeoutMultiplier: {
    doc: 'ffmpeg timeout = duration × this × resolution factor',
    env: 'VLOG_FFMPEG_TIMEOUT_BASE_MULTIPLIER',
    parse: parseNumber({ min: 0.1 }),
    default: 2.0,
  },
  ffmpegTimeoutMinimum: {
    doc: 'Lower bound of the ffmpeg timeout (s)',
    env: 'VLOG_FFMPEG_TIMEOUT_MINIMUM',
    parse: parseNumber({ min: 1 }),
    default: 300,
  },
  ffmpegTimeoutMaximum: {
    doc: 'Upper bound of the ffmpeg timeout (s)',
    env: 'VLOG_FFMPEG_TIMEOUT_MAXIMUM',
    parse: parseNumber({ min: 60 }),
    default: 14400,
  },
  progressUpdateInterval: {
    doc: 'Minimum seconds between progress writes (or every 1 %)',
    env: 'VLOG_PROGRESS_UPDATE_INTERVAL',
    parse: parseNumber({ min: 0.1 }),
    default: 2,
  },

  // Workers. Durations accept fractions so tests can use short leases (0.25 minute = 15 s).
  localWorker: {
    doc: '`vlog serve` runs a local transcoding worker (a supervised child process on the worker API)',
    env: 'VLOG_LOCAL_WORKER',
    parse: parseBoolean,
    default: true,
  },
  workerClaimDurationMinutes: {
    doc: 'Job lease in minutes (fractions allowed); extended by progress',
    env: 'VLOG_WORKER_CLAIM_DURATION',
    parse: parseNumber({ min: 0.01 }),
    default: 30,
  },
  workerHeartbeatInterval: {
    doc: 'Worker heartbeat period (s)',
    env: 'VLOG_WORKER_HEARTBEAT_INTERVAL',
    parse: parseNumber({ min: 0.1 }),
    default: 30,
  },
  workerOfflineThresholdMinutes: {
    doc: 'Minutes without heartbeat before a worker is offline',
    env: 'VLOG_WORKER_OFFLINE_THRESHOLD',
    parse: parseNumber({ min: 0.01 }),
    default: 5,
  },
  workerPollInterval: {
    doc: 'Seconds an idle worker waits before looking for work again',
    env: 'VLOG_WORKER_POLL_INTERVAL',
    parse: parseNumber({ min: 0.05 }),
    default: 10,
  },
  workerWorkDir: {
    doc: 'Worker scratch directory; default <data dir>/work',
    env: 'VLOG_WORKER_WORK_DIR',
    parse: parseString,
    default: '',
  }, // '' ⇒ <dataDir>/work
  workerApiKey: {
    doc: 'API key of a remote worker',
    env: 'VLOG_WORKER_API_KEY',
    parse: parseString,
    default: '',
  },
  staleJobCheckInterval: {
    doc: 'Seconds between worker API sweeps: stale workers go offline, overdue commands fail',
    env: 'VLOG_STALE_JOB_CHECK_INTERVAL',
    parse: parseNumber({ min: 0.1 }),
    default: 60,
  },
  workerCommandTimeoutMinutes: {
    doc: 'Minutes a worker command (restart/stop/update) may stay unacknowledged before it fails',
    env: 'VLOG_WORKER_COMMAND_TIMEOUT',
    parse: parseNumber({ min: 0.01 }),
    default: 240,
  },
  codeVersion: {
    doc: 'Version workers must match; default `git rev-parse --short HEAD`, else dev',
    env: 'VLOG_CODE_VERSION',
    parse: parseString,
    default: '',
  },
  requireVersionMatch: {
    doc: 'Heartbeat version_ok is false when a worker reports another code_version',
    env: 'VLOG_REQUIRE_VERSION_MATCH',
    parse: parseBoolean,
    default: true,
  },
  requireVersionField: {
    doc: 'Heartbeat version_ok is false when a worker reports no code_version',
    env: 'VLOG_REQUIRE_VERSION_FIELD',
    parse: parseBoolean,
    default: false,
  },

  // Sprite sheets (pipeline.md §13).
  ...spriteSheetSchema,

  // Transcription (config.md §13; the rest are settings).
  ...transcriptionSchema,

  // GPU encoding (pipeline.md §6).
  ...hwaccelSchema,

  // Server-sent events.
  sseHeartbeatInterval: {
    doc: 'Seconds between SSE heartbeat events',
    env: 'VLOG_SSE_HEARTBEAT_INTERVAL',
    parse: parseNumber({ min: 1 }),
    default: 30,
  },
  sseReconnectTimeoutMs: {
    doc: 'Reconnect delay sent to SSE clients (ms)',
    env: 'VLOG_SSE_RECONNECT_TIMEOUT_MS',
    parse: parseInteger({ min: 100 }),
    default: 3000,
  },

  // Health.
  storageCheckTimeout: {
    doc: 'Storage health check timeout (s)',
    env: 'VLOG_STORAGE_CHECK_TIMEOUT',
    parse: parseNumber({ min: 1 }),
    default: 2,
  },
  errorSummaryMaxLength: {
    doc: 'Short error messages up to this length are shown as they are',
    env: 'VLOG_ERROR_SUMMARY_MAX_LENGTH',
    parse: parseInteger({ min: 10 }),
    default: 100,
  },

  // Logging (not in the reference; pino levels).
  logLevel: {
    doc: 'Log level: fatal, error, warn, info, debug, trace, silent',
    env: 'VLOG_LOG_LEVEL',
    parse: parseEnum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
    default: 'info' as 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent',
  },
} as const;

export type ConfigSchema = typeof configSchema;
