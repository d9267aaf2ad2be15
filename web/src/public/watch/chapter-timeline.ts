/** Pure chapter arithmetic of the watch page: which chapter is playing, the next and previous ones. */

export interface ChapterMark {
  id: number;
  title: string;
  start_time: number;
  end_time: number | null;
}

/** Before the next chapter's start by less than this, "next" means the one after it (a seek lands early). */
const EPSILON = 0.25;

/** The chapters by start time (the API orders them by position, which an editor may have shuffled). */
export function byStart<T extends ChapterMark>(chapters: readonly T[]): T[] {
  return [...chapters].sort((a, b) => a.start_time - b.start_time || a.id - b.id);
}

/** Index (in `sorted`) of the chapter playing at `t`: started, and not past its own end; -1 if none. */
export function currentChapterIndex(sorted: readonly ChapterMark[], t: number): number {
  for (let i = sorted.length - 1; i >= 0; i--) {
    const c = sorted[i] as ChapterMark;
    if (c.start_time <= t + EPSILON) return c.end_time !== null && t >= c.end_time ? -1 : i;
  }
  return -1;
}

/** The first chapter starting after `t`, or null at the last one. */
export function nextChapter<T extends ChapterMark>(sorted: readonly T[], t: number): T | null {
  return sorted.find((c) => c.start_time > t + EPSILON) ?? null;
}

/** The chapter before the one playing at `t` (the first one when at the first or before any). */
export function previousChapter<T extends ChapterMark>(sorted: readonly T[], t: number): T | null {
  const started = sorted.filter((c) => c.start_time <= t + EPSILON).length;
  return sorted[Math.max(0, started - 2)] ?? null;
}

/** Where a time sits on a timeline of `duration`, in percent (clamped to 0…100). */
export function timelinePercent(t: number, duration: number): number {
  if (!(duration > 0)) return 0;
  return Math.min(100, Math.max(0, (t / duration) * 100));
}
