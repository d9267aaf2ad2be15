/**
 * What the browser remembers for a viewer (ui.md §1.1; no accounts): watch progress per video
 * (`vlog_watch_history`, at most 50, oldest pruned) and the watch-later list (`vlog_watch_later`, at most 100
 * ids). Each key holds a versioned envelope `{ v: 1, … }`: a value of another shape or version is ignored
 * (read as empty) instead of breaking the page. On a quota error the other keys are pruned and the write is
 * retried once; storage that refuses (private mode, disabled) makes every call a no-op.
 */

export const HISTORY_KEY = 'vlog_watch_history';
export const WATCH_LATER_KEY = 'vlog_watch_later';
export const MEMORY_VERSION = 1;
export const MAX_HISTORY = 50;
export const MAX_WATCH_LATER = 100;
/** Progress outside (5 %, 95 %) is not worth resuming: barely started, or finished. */
export const RESUME_MIN = 0.05;
export const RESUME_MAX = 0.95;

export interface WatchProgress {
  position: number;
  duration: number;
  /** 0–100. */
  percentage: number;
  /** ms since the epoch of the last save. */
  timestamp: number;
}

interface HistoryEnvelope {
  v: number;
  entries: Record<string, WatchProgress>;
}

interface WatchLaterEnvelope {
  v: number;
  ids: number[];
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function readEnvelope<T extends { v: number }>(key: string): T | null {
  try {
    const raw = storage()?.getItem(key);
    if (!raw) return null;
    const value = JSON.parse(raw) as T;
    return value && typeof value === 'object' && value.v === MEMORY_VERSION ? value : null;
  } catch {
    return null;
  }
}

/** Writes; on a quota error drops half the history and retries once. False when storage refuses. */
function writeEnvelope(key: string, value: object): boolean {
  const store = storage();
  if (!store) return false;
  const text = JSON.stringify(value);
  try {
    store.setItem(key, text);
    return true;
  } catch {
    try {
      if (key !== HISTORY_KEY) pruneHistory(Math.floor(readHistory().length / 2));
      store.setItem(key, text);
      return true;
    } catch {
      return false;
    }
  }
}

const isProgress = (p: unknown): p is WatchProgress =>
  !!p &&
  typeof p === 'object' &&
  ['position', 'duration', 'percentage', 'timestamp'].every(
    (k) => typeof (p as Record<string, unknown>)[k] === 'number',
  );

/** Every saved progress, newest first. */
export function readHistory(): Array<WatchProgress & { videoId: number }> {
  const entries = readEnvelope<HistoryEnvelope>(HISTORY_KEY)?.entries ?? {};
  return Object.entries(entries)
    .filter(([id, p]) => Number.isInteger(Number(id)) && isProgress(p))
    .map(([id, p]) => ({ ...p, videoId: Number(id) }))
    .sort((a, b) => b.timestamp - a.timestamp);
}

function writeHistory(list: Array<WatchProgress & { videoId: number }>): boolean {
  const entries: Record<string, WatchProgress> = {};
  for (const { videoId, position, duration, percentage, timestamp } of list.slice(0, MAX_HISTORY))
    entries[String(videoId)] = { position, duration, percentage, timestamp };
  return writeEnvelope(HISTORY_KEY, { v: MEMORY_VERSION, entries } satisfies HistoryEnvelope);
}

function pruneHistory(keep: number): void {
  writeHistory(readHistory().slice(0, keep));
}

export function getProgress(videoId: number): WatchProgress | null {
  return readHistory().find((p) => p.videoId === videoId) ?? null;
}

/**
 * Saves where the viewer is; a position within the last 5 % (or past the end) forgets the video instead,
 * as it counts as watched. Returns false when storage refused the write.
 */
export function saveProgress(videoId: number, position: number, duration: number, now = Date.now()): boolean {
  if (!(duration > 0) || !Number.isFinite(position) || position < 0) return true;
  if (position / duration >= RESUME_MAX) return clearProgress(videoId);
  const others = readHistory().filter((p) => p.videoId !== videoId);
  const percentage = Math.round((position / duration) * 1000) / 10;
  return writeHistory([{ videoId, position, duration, percentage, timestamp: now }, ...others]);
}

export function clearProgress(videoId: number): boolean {
  const list = readHistory();
  return list.some((p) => p.videoId === videoId)
    ? writeHistory(list.filter((p) => p.videoId !== videoId))
    : true;
}

export function clearHistory(): void {
  storage()?.removeItem(HISTORY_KEY);
}

/** Where to resume, or null: only for 5 %–95 % progress with a position inside the video. */
export function resumePosition(p: WatchProgress | null, duration: number): number | null {
  if (!p || !(duration > 0) || !Number.isFinite(p.position) || p.position >= duration) return null;
  const share = p.position / duration;
  return share > RESUME_MIN && share < RESUME_MAX ? p.position : null;
}

/** Videos to continue: saved progress between 5 % and 95 %, newest first, at most `limit`. */
export function continueWatching(limit = 20): Array<WatchProgress & { videoId: number }> {
  return readHistory()
    .filter((p) => p.percentage > RESUME_MIN * 100 && p.percentage < RESUME_MAX * 100)
    .slice(0, limit);
}

export function watchLaterIds(): number[] {
  const ids = readEnvelope<WatchLaterEnvelope>(WATCH_LATER_KEY)?.ids;
  return Array.isArray(ids) ? ids.filter((id) => Number.isInteger(id) && id > 0) : [];
}

export function isWatchLater(videoId: number): boolean {
  return watchLaterIds().includes(videoId);
}

/** Adds (newest first, at most 100) or removes the video; returns whether it is now on the list. */
export function toggleWatchLater(videoId: number): boolean {
  const ids = watchLaterIds();
  const on = !ids.includes(videoId);
  const next = on ? [videoId, ...ids].slice(0, MAX_WATCH_LATER) : ids.filter((id) => id !== videoId);
  writeEnvelope(WATCH_LATER_KEY, { v: MEMORY_VERSION, ids: next } satisfies WatchLaterEnvelope);
  return on;
}

export function clearWatchLater(): void {
  storage()?.removeItem(WATCH_LATER_KEY);
}
