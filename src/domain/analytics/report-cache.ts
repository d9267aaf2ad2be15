import { Redis } from 'ioredis';

/** Where computed admin analytics reports are kept for a while (api-admin.md §6). */
export interface ReportCache {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  close(): Promise<void>;
}

/** Per process: entries expire `ttlSeconds` after they were stored. */
export function createMemoryReportCache(now: () => number = Date.now): ReportCache {
  const entries = new Map<string, { value: unknown; expiresAt: number }>();
  return {
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt > now()) return entry.value;
      entries.delete(key);
      return undefined;
    },
    async set(key, value, ttlSeconds) {
      // Reports are few (four kinds × their parameters); drop the stale ones now and then.
      if (entries.size > 1000) for (const [k, e] of entries) if (e.expiresAt <= now()) entries.delete(k);
      entries.set(key, { value, expiresAt: now() + ttlSeconds * 1000 });
    },
    async close() {
      entries.clear();
    },
  };
}

/**
 * Shared by every process on the same Redis, keys prefixed `vlog:analytics:`. Redis failing costs a
 * recomputation, never an error: commands fail fast (no offline queue) and answer "not cached".
 */
export function createRedisReportCache(url: string): ReportCache {
  const redis = new Redis(url, {
    keyPrefix: 'vlog:analytics:',
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    commandTimeout: 1000,
  });
  redis.on('error', () => undefined);
  // Until connected, commands fail and reports are computed; the client keeps reconnecting.
  void redis.connect().catch(() => undefined);
  return {
    async get(key) {
      const raw = await redis.get(key).catch(() => null);
      return raw === null ? undefined : (JSON.parse(raw) as unknown);
    },
    async set(key, value, ttlSeconds) {
      await redis.set(key, JSON.stringify(value), 'EX', ttlSeconds).catch(() => undefined);
    },
    async close() {
      if (redis.status === 'ready') await redis.quit().catch(() => undefined);
      redis.disconnect();
    },
  };
}

/** The cache VLOG_ANALYTICS_CACHE_STORAGE_URL names. */
export function openReportCache(url: string): ReportCache {
  return url === 'memory://' || url === '' ? createMemoryReportCache() : createRedisReportCache(url);
}
