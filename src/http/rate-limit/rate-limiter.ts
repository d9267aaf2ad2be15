import { parseRate, type Rate } from '../../config/config.rate-limit.js';
import type { Config } from '../../config/load-config.js';
import { withFallback, type FallbackLog } from './fallback-store.js';
import { createMemoryStore } from './memory-store.js';
import type { RateLimitStore } from './rate-limit-store.js';
import { createRedisStore } from './redis-store.js';

/** The limit classes of security-reliability.md §A4 (LIST, DEF, ANA, ADM, UPL, login, WDEF, WREG, WPROG) and original downloads (api-public.md §4.6). */
export type RateLimitClass =
  | 'publicDefault'
  | 'publicList'
  | 'publicAnalytics'
  | 'publicDownload'
  | 'adminDefault'
  | 'adminUpload'
  | 'adminLogin'
  | 'workerDefault'
  | 'workerRegister'
  | 'workerProgress';

export type RateLimitConfig = Pick<
  Config,
  | 'rateLimitEnabled'
  | 'rateLimitPublicDefault'
  | 'rateLimitPublicVideosList'
  | 'rateLimitPublicAnalytics'
  | 'rateLimitAdminDefault'
  | 'rateLimitAdminUpload'
  | 'rateLimitWorkerDefault'
  | 'rateLimitWorkerRegister'
  | 'rateLimitWorkerProgress'
  | 'rateLimitStorageUrl'
  | 'redisUrl'
  | 'rateLimitKeyPrefix'
> & {
  /** downloads.rate_limit_per_hour as read when the public app starts; 0 or absent: the DEF limit. */
  downloadsPerHour?: number;
};

/** Admin login is not configurable (config.md §4). */
const ADMIN_LOGIN = parseRate('10/minute');

export function ratesOf(c: RateLimitConfig): Record<RateLimitClass, Rate> {
  return {
    publicDefault: c.rateLimitPublicDefault,
    publicList: c.rateLimitPublicVideosList,
    publicAnalytics: c.rateLimitPublicAnalytics,
    publicDownload: c.downloadsPerHour ? parseRate(`${c.downloadsPerHour}/hour`) : c.rateLimitPublicDefault,
    adminDefault: c.rateLimitAdminDefault,
    adminUpload: c.rateLimitAdminUpload,
    adminLogin: ADMIN_LOGIN,
    workerDefault: c.rateLimitWorkerDefault,
    workerRegister: c.rateLimitWorkerRegister,
    workerProgress: c.rateLimitWorkerProgress,
  };
}

/** VLOG_RATE_LIMIT_STORAGE_URL, else VLOG_REDIS_URL, else memory (config.md §4). */
export function storageUrlOf(c: RateLimitConfig): string {
  return c.rateLimitStorageUrl || c.redisUrl || 'memory://';
}

async function openStore(c: RateLimitConfig, log: FallbackLog): Promise<RateLimitStore> {
  const url = storageUrlOf(c);
  const memory = createMemoryStore();
  if (url === 'memory://') {
    log.warn(
      {},
      'rate limits are counted in memory, per process: set VLOG_RATE_LIMIT_STORAGE_URL or VLOG_REDIS_URL when several instances serve one site',
    );
    return memory;
  }
  return withFallback(await createRedisStore(url, { keyPrefix: c.rateLimitKeyPrefix }), memory, log);
}

export interface RateLimiter {
  readonly rates: Record<RateLimitClass, Rate>;
  /** Counts one hit of `ip` on `bucket`; the class's rate when that goes over its limit, else null. */
  hit(cls: RateLimitClass, bucket: string, ip: string): Promise<Rate | null>;
  /** The class's rate when `ip` has already used up its limit on `bucket`, else null (counts nothing). */
  exhausted(cls: RateLimitClass, bucket: string, ip: string): Promise<Rate | null>;
  close(): Promise<void>;
}

/** Fixed-window counts per (class, bucket, client IP) in the configured store. */
export async function createRateLimiter(c: RateLimitConfig, log: FallbackLog): Promise<RateLimiter> {
  const rates = ratesOf(c);
  const store = await openStore(c, log);
  const keyOf = (cls: RateLimitClass, bucket: string, ip: string) => `${cls}:${bucket}:${ip}`;
  return {
    rates,
    async hit(cls, bucket, ip) {
      const rate = rates[cls];
      const count = await store.hit(keyOf(cls, bucket, ip), rate.windowMs);
      return count > rate.limit ? rate : null;
    },
    async exhausted(cls, bucket, ip) {
      const rate = rates[cls];
      return (await store.peek(keyOf(cls, bucket, ip))) >= rate.limit ? rate : null;
    },
    close: () => store.close(),
  };
}
