import { Redis } from 'ioredis';
import type { RateLimitStore } from './rate-limit-store.js';

/**
 * One atomic step per hit: count, and start the window's expiry on its first hit (or if a key was
 * somehow left without one), so every instance sharing the Redis sees the same window.
 */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

type WithHit = Redis & { vlogRateHit(key: string, windowMs: number): Promise<number> };

/**
 * Counts in Redis, shared by every process on the same URL. Commands fail at once while Redis is
 * unreachable (no offline queue, no retries, a short timeout) so the caller can fall back instead
 * of holding requests; the client keeps reconnecting in the background.
 */
export async function createRedisStore(url: string, options: { keyPrefix: string }): Promise<RateLimitStore> {
  const redis = new Redis(url, {
    keyPrefix: options.keyPrefix,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    commandTimeout: 1000,
  }) as WithHit;
  // Failures surface on the commands (the fallback store logs them); an unheard 'error' would crash.
  redis.on('error', () => undefined);
  redis.defineCommand('vlogRateHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
  await redis.connect().catch(() => undefined);
  return {
    hit: (key, windowMs) => redis.vlogRateHit(key, windowMs),
    async peek(key) {
      return Number((await redis.get(key)) ?? 0);
    },
    async close() {
      if (redis.status === 'ready') await redis.quit().catch(() => undefined);
      redis.disconnect();
    },
  };
}
