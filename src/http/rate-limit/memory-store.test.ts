import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store.js';

describe('memory rate-limit store', () => {
  it('counts hits in a fixed window that starts at the first hit', async () => {
    let t = 1_000;
    const store = createMemoryStore({ now: () => t });
    expect(await store.hit('a', 60_000)).toBe(1);
    t += 59_999;
    expect(await store.hit('a', 60_000)).toBe(2);
    expect(await store.peek('a')).toBe(2);
    t += 1; // the window ends 60 s after its first hit
    expect(await store.peek('a')).toBe(0);
    expect(await store.hit('a', 60_000)).toBe(1);
  });

  it('sweeps out ended windows, so one-off clients do not accumulate', async () => {
    let t = 0;
    const store = createMemoryStore({ now: () => t, sweepEveryMs: 1_000 });
    for (let i = 0; i < 5_000; i++) await store.hit(`client-${i}`, 500);
    expect(store.size()).toBe(5_000);
    t = 1_000; // every window has ended and a sweep is due: the next hit clears them
    await store.hit('late', 500);
    expect(store.size()).toBe(1);
  });

  it('caps the number of keys by dropping the oldest window', async () => {
    let t = 0;
    const store = createMemoryStore({ now: () => t, maxKeys: 100 });
    for (let i = 0; i < 1_000; i++) {
      t += 1;
      await store.hit(`addr-${i}`, 3_600_000);
    }
    expect(store.size()).toBe(100);
    expect(await store.peek('addr-999')).toBe(1);
    expect(await store.peek('addr-0')).toBe(0);
  });
});
