import { beforeEach, describe, expect, it } from 'vitest';
import {
  HISTORY_KEY,
  MAX_HISTORY,
  WATCH_LATER_KEY,
  clearHistory,
  continueWatching,
  getProgress,
  isWatchLater,
  readHistory,
  resumePosition,
  saveProgress,
  toggleWatchLater,
} from './viewer-memory.js';

/** A Map-backed Storage, with an optional quota in characters. */
function memoryStorage(quota = Infinity): Storage {
  const data = new Map<string, string>();
  const used = () => [...data.values()].reduce((n, v) => n + v.length, 0);
  return {
    get length() {
      return data.size;
    },
    key: (i) => [...data.keys()][i] ?? null,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      if (used() - (data.get(k)?.length ?? 0) + v.length > quota) throw new Error('QuotaExceededError');
      data.set(k, v);
    },
    removeItem: (k) => void data.delete(k),
    clear: () => data.clear(),
  };
}

const g = globalThis as unknown as { window: { localStorage: Storage } };

describe('viewer memory (localStorage)', () => {
  beforeEach(() => {
    g.window = { localStorage: memoryStorage() };
  });

  it('saves progress under a versioned key and reads it back', () => {
    expect(saveProgress(7, 30, 100, 1000)).toBe(true);
    expect(getProgress(7)).toMatchObject({ position: 30, duration: 100, percentage: 30, timestamp: 1000 });
    expect(JSON.parse(g.window.localStorage.getItem(HISTORY_KEY)!)).toMatchObject({ v: 1 });
  });

  it('forgets a video watched to within its last 5 %', () => {
    saveProgress(7, 30, 100);
    saveProgress(7, 96, 100);
    expect(getProgress(7)).toBeNull();
  });

  it('ignores values of another version or shape', () => {
    g.window.localStorage.setItem(HISTORY_KEY, JSON.stringify({ 7: { position: 3 } }));
    expect(readHistory()).toEqual([]);
    g.window.localStorage.setItem(HISTORY_KEY, '{not json');
    expect(readHistory()).toEqual([]);
    g.window.localStorage.setItem(WATCH_LATER_KEY, JSON.stringify({ v: 2, ids: [1] }));
    expect(isWatchLater(1)).toBe(false);
  });

  it('keeps the newest 50 entries', () => {
    for (let id = 1; id <= MAX_HISTORY + 5; id++) saveProgress(id, 10, 100, id);
    const history = readHistory();
    expect(history).toHaveLength(MAX_HISTORY);
    expect(history[0]?.videoId).toBe(MAX_HISTORY + 5);
    expect(getProgress(1)).toBeNull();
  });

  it('resumes only between 5 % and 95 % with a position inside the video', () => {
    const p = (position: number) => ({ position, duration: 100, percentage: position, timestamp: 0 });
    expect(resumePosition(p(40), 100)).toBe(40);
    expect(resumePosition(p(3), 100)).toBeNull();
    expect(resumePosition(p(97), 100)).toBeNull();
    expect(resumePosition(p(40), 30)).toBeNull(); // stale: past the end of what is playing now
    expect(resumePosition(null, 100)).toBeNull();
  });

  it('lists videos to continue newest first and clears them', () => {
    saveProgress(1, 50, 100, 1);
    saveProgress(2, 2, 100, 2); // barely started
    saveProgress(3, 20, 100, 3);
    expect(continueWatching().map((p) => p.videoId)).toEqual([3, 1]);
    clearHistory();
    expect(continueWatching()).toEqual([]);
  });

  it('toggles watch later', () => {
    expect(toggleWatchLater(5)).toBe(true);
    expect(isWatchLater(5)).toBe(true);
    expect(toggleWatchLater(5)).toBe(false);
    expect(isWatchLater(5)).toBe(false);
  });

  it('prunes the history once when another key hits the quota, and never throws', () => {
    g.window = { localStorage: memoryStorage(600) };
    for (let id = 1; id <= 10; id++) saveProgress(id, 10, 100, id);
    expect(readHistory().length).toBeGreaterThan(4);
    for (let id = 1; id <= 40; id++) toggleWatchLater(1000 + id);
    expect(isWatchLater(1001)).toBe(true);
    expect(readHistory().length).toBeLessThan(10);
  });

  it('is a no-op when storage is unavailable', () => {
    Object.defineProperty(g, 'window', {
      configurable: true,
      value: {
        get localStorage(): Storage {
          throw new Error('SecurityError');
        },
      },
    });
    expect(saveProgress(1, 10, 100)).toBe(false);
    expect(readHistory()).toEqual([]);
    expect(toggleWatchLater(1)).toBe(true);
    Object.defineProperty(g, 'window', { configurable: true, writable: true, value: undefined });
  });
});
