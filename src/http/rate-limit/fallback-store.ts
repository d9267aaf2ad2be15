import type { RateLimitStore } from './rate-limit-store.js';

export interface FallbackLog {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/**
 * Uses `primary` (Redis) and, while it fails, `fallback` (memory): an unreachable Redis must not
 * fail requests. One warning when the outage starts and one line when it ends, not one per request.
 */
export function withFallback(
  primary: RateLimitStore,
  fallback: RateLimitStore,
  log: FallbackLog,
): RateLimitStore {
  let failing = false;
  const attempt = async <T>(use: (s: RateLimitStore) => Promise<T>): Promise<T> => {
    try {
      const result = await use(primary);
      if (failing) log.info({}, 'rate-limit storage reachable again; counting there');
      failing = false;
      return result;
    } catch (err) {
      if (!failing) {
        log.warn(
          { reason: (err as Error).message },
          'rate-limit storage unreachable; counting in memory (per process) until it is back',
        );
      }
      failing = true;
      return use(fallback);
    }
  };
  return {
    hit: (key, windowMs) => attempt((s) => s.hit(key, windowMs)),
    peek: (key) => attempt((s) => s.peek(key)),
    async close() {
      await Promise.all([primary.close(), fallback.close()]);
    },
  };
}
