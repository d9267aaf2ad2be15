import { createHash } from 'node:crypto';

/**
 * A small in-process cache of answers for a fixed time (the public list and related videos: 30 s,
 * 500 entries, api-public.md §4.2). Concurrent misses of one key share one load. When full, the oldest
 * entry goes. `ttlMs` 0 turns it off.
 */
export function createTtlCache<V>(options: { ttlMs: number; maxEntries: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { expires: number; value: Promise<V> }>();

  return {
    /** `key` may be a function, so that a key costly to make is not made when the cache is off. */
    async getOrLoad(keyOf: string | (() => string), load: () => Promise<V>): Promise<V> {
      if (options.ttlMs <= 0) return load();
      const key = typeof keyOf === 'string' ? keyOf : keyOf();
      const hit = entries.get(key);
      if (hit && hit.expires > now()) return hit.value;
      if (hit) entries.delete(key);
      const value = load();
      // A failure is not cached: the next request tries again.
      value.catch(() => entries.get(key)?.value === value && entries.delete(key));
      if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(key, { expires: now() + options.ttlMs, value });
      return value;
    },
    /** Forgets everything (a write changed what the answers show). */
    clear(): void {
      entries.clear();
    },
    get size(): number {
      return entries.size;
    },
  };
}

export type TtlCache<V> = ReturnType<typeof createTtlCache<V>>;

/** A cache key: the SHA-256 of the parameters as JSON (object keys sorted, so their order does not matter). */
export function cacheKey(parts: unknown): string {
  const json = JSON.stringify(parts, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash('sha256').update(json).digest('hex');
}
