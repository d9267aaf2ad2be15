import { ConfigValueError, parseBoolean, parseString } from './env-parsers.js';

const UNIT_MS = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
type RateUnit = keyof typeof UNIT_MS;

/** A fixed-window limit: `limit` hits per `windowMs`. */
export interface Rate {
  readonly limit: number;
  readonly windowMs: number;
  /** The 429 body's `error` text, as slowapi words it: "60 per 1 minute". */
  readonly text: string;
}

/** Parses `N/second|minute|hour|day` (config.md §4); `N per minute` and plural units are accepted too. */
export function parseRate(raw: string): Rate {
  const m = /^(\d+)\s*(?:\/|\s+per\s+)\s*(second|minute|hour|day)s?$/i.exec(raw.trim());
  if (!m) throw new ConfigValueError(`expected N/second|minute|hour|day, got "${raw}"`);
  const limit = Number.parseInt(m[1] ?? '', 10);
  if (limit < 1) throw new ConfigValueError(`the limit must be ≥ 1, got "${raw}"`);
  const unit = (m[2] ?? '').toLowerCase() as RateUnit;
  // toString gives the variable's own syntax back, which is what docs/configuration.md shows.
  return Object.freeze({
    limit,
    windowMs: UNIT_MS[unit],
    text: `${limit} per 1 ${unit}`,
    toString: () => `${limit}/${unit}`,
  });
}

/** `memory://` or a `redis://` / `rediss://` URL. */
export function parseRateLimitStorage(raw: string): string {
  const value = raw.trim();
  if (value === 'memory://') return value;
  return parseRedisUrl(value);
}

export function parseRedisUrl(raw: string): string {
  const value = raw.trim();
  let ok = false;
  try {
    ok = ['redis:', 'rediss:'].includes(new URL(value).protocol);
  } catch {
    ok = false;
  }
  if (!ok) throw new ConfigValueError(`expected a redis:// or rediss:// URL, got "${raw}"`);
  return value;
}

const rate = (doc: string, env: string, fallback: string) => ({
  doc,
  env,
  parse: parseRate,
  default: parseRate(fallback),
});

/**
 * Rate limits (config.md §4, security-reliability.md §A4): fixed windows per client IP. A section of
 * the one config schema (config.schema.ts).
 */
export const rateLimitSchema = {
  rateLimitEnabled: {
    doc: 'Per-IP rate limits on the HTTP APIs',
    env: 'VLOG_RATE_LIMIT_ENABLED',
    parse: parseBoolean,
    default: true,
  },
  rateLimitPublicDefault: rate(
    'Public API requests not in another class',
    'VLOG_RATE_LIMIT_PUBLIC_DEFAULT',
    '100/minute',
  ),
  rateLimitPublicVideosList: rate(
    'Public video and category lists',
    'VLOG_RATE_LIMIT_PUBLIC_VIDEOS_LIST',
    '60/minute',
  ),
  rateLimitPublicAnalytics: rate(
    'Public analytics (playback sessions)',
    'VLOG_RATE_LIMIT_PUBLIC_ANALYTICS',
    '120/minute',
  ),
  rateLimitAdminDefault: rate(
    'Admin API requests (auth checks, logout and CSRF token excepted)',
    'VLOG_RATE_LIMIT_ADMIN_DEFAULT',
    '200/minute',
  ),
  rateLimitAdminUpload: rate(
    'Admin upload, re-upload and thumbnail upload',
    'VLOG_RATE_LIMIT_ADMIN_UPLOAD',
    '10/hour',
  ),
  rateLimitWorkerDefault: rate(
    'Worker API requests that fail authentication (authenticated worker traffic is not limited)',
    'VLOG_RATE_LIMIT_WORKER_DEFAULT',
    '300/minute',
  ),
  rateLimitWorkerRegister: rate(
    'Worker registration and revocation',
    'VLOG_RATE_LIMIT_WORKER_REGISTER',
    '5/hour',
  ),
  rateLimitWorkerProgress: rate(
    'Worker progress reports (declared; authenticated worker traffic is not limited)',
    'VLOG_RATE_LIMIT_WORKER_PROGRESS',
    '600/minute',
  ),
  rateLimitStorageUrl: {
    doc: 'Where counts live: memory:// (per process) or redis://; default VLOG_REDIS_URL, else memory://',
    env: 'VLOG_RATE_LIMIT_STORAGE_URL',
    parse: parseRateLimitStorage,
    default: '',
  },
  redisUrl: {
    doc: 'Redis URL (used for rate-limit counts unless VLOG_RATE_LIMIT_STORAGE_URL is set)',
    env: 'VLOG_REDIS_URL',
    parse: parseRedisUrl,
    default: '',
  },
  rateLimitKeyPrefix: {
    doc: 'Prefix of the rate-limit keys in Redis (separates deployments sharing one Redis)',
    env: 'VLOG_RATE_LIMIT_KEY_PREFIX',
    parse: parseString,
    default: 'vlog:rl:',
  },
} as const;
