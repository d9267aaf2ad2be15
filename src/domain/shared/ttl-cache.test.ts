import { describe, expect, it } from 'vitest';
import { cacheKey, createTtlCache } from './ttl-cache.js';

describe('createTtlCache', () => {
  const setup = (ttlMs = 1000, maxEntries = 3) => {
    let clock = 0;
    let loads = 0;
    const cache = createTtlCache<number>({ ttlMs, maxEntries, now: () => clock });
    const load = (value: number) => () => Promise.resolve((loads++, value));
    return { cache, load, tick: (ms: number) => (clock += ms), loads: () => loads };
  };

  it('answers from the cache until the entry expires', async () => {
    const c = setup();
    expect(await c.cache.getOrLoad('a', c.load(1))).toBe(1);
    c.tick(999);
    expect(await c.cache.getOrLoad('a', c.load(2))).toBe(1);
    c.tick(1);
    expect(await c.cache.getOrLoad('a', c.load(3))).toBe(3);
    expect(c.loads()).toBe(2);
  });

  it('shares one load between concurrent misses, and does not keep a failure', async () => {
    const c = setup();
    const [x, y] = await Promise.all([c.cache.getOrLoad('k', c.load(5)), c.cache.getOrLoad('k', c.load(6))]);
    expect([x, y, c.loads()]).toEqual([5, 5, 1]);
    await expect(c.cache.getOrLoad('bad', () => Promise.reject(new Error('db down')))).rejects.toThrow();
    await Promise.resolve();
    expect(await c.cache.getOrLoad('bad', c.load(7))).toBe(7);
  });

  it('drops the oldest entry when full, everything on clear, and caches nothing with ttl 0', async () => {
    const c = setup(1000, 2);
    await c.cache.getOrLoad('a', c.load(1));
    await c.cache.getOrLoad('b', c.load(2));
    await c.cache.getOrLoad('c', c.load(3));
    expect(c.cache.size).toBe(2);
    expect(await c.cache.getOrLoad('a', c.load(10))).toBe(10);
    c.cache.clear();
    expect(c.cache.size).toBe(0);
    const off = setup(0);
    await off.cache.getOrLoad('a', off.load(1));
    expect(await off.cache.getOrLoad('a', off.load(2))).toBe(2);
    expect(off.cache.size).toBe(0);
  });
});

describe('cacheKey', () => {
  it('ignores the order of object keys and tells different values apart', () => {
    expect(cacheKey({ a: 1, b: { c: 2, d: 3 } })).toBe(cacheKey({ b: { d: 3, c: 2 }, a: 1 }));
    expect(cacheKey({ a: 1 })).not.toBe(cacheKey({ a: 2 }));
    expect(cacheKey({ custom: { genre: 'x' } })).not.toBe(cacheKey({ custom: {} }));
    expect(cacheKey(['list', { a: undefined }])).toMatch(/^[0-9a-f]{64}$/);
  });
});
