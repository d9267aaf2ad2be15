import type { RateLimitStore } from './rate-limit-store.js';

interface Window {
  count: number;
  endsAt: number;
}

export interface MemoryStoreOptions {
  /** Most keys kept; past it the oldest window is dropped (bounded memory under an address flood). */
  maxKeys?: number;
  /** How often (ms) a hit also sweeps out every ended window. */
  sweepEveryMs?: number;
  now?: () => number;
}

/**
 * Counts in this process's memory. Ended windows are swept out while hits arrive, and the number of
 * keys is capped, so the map cannot grow without bound however many client addresses appear.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): RateLimitStore & { size(): number } {
  const maxKeys = options.maxKeys ?? 100_000;
  const sweepEveryMs = options.sweepEveryMs ?? 10_000;
  const now = options.now ?? Date.now;
  const windows = new Map<string, Window>();
  let nextSweep = now() + sweepEveryMs;

  const sweep = (t: number) => {
    if (t < nextSweep) return;
    nextSweep = t + sweepEveryMs;
    for (const [key, w] of windows) if (w.endsAt <= t) windows.delete(key);
  };
  const current = (key: string, t: number): Window | undefined => {
    const w = windows.get(key);
    return w && w.endsAt > t ? w : undefined;
  };

  return {
    async hit(key, windowMs) {
      const t = now();
      sweep(t);
      const w = current(key, t);
      if (w) return ++w.count;
      // A new window goes to the end of the map's order, so the first key is the oldest window.
      windows.delete(key);
      if (windows.size >= maxKeys) {
        const oldest = windows.keys().next();
        if (!oldest.done) windows.delete(oldest.value);
      }
      windows.set(key, { count: 1, endsAt: t + windowMs });
      return 1;
    },
    async peek(key) {
      return current(key, now())?.count ?? 0;
    },
    async close() {
      windows.clear();
    },
    size: () => windows.size,
  };
}
