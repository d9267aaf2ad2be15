import { describe, expect, it } from 'vitest';
import {
  byStart,
  currentChapterIndex,
  nextChapter,
  previousChapter,
  timelinePercent,
} from './chapter-timeline.js';

const c = (id: number, start: number, end: number | null = null) => ({
  id,
  title: `C${id}`,
  start_time: start,
  end_time: end,
});
const sorted = byStart([c(3, 60), c(1, 0, 20), c(2, 30)]);

describe('chapter timeline', () => {
  it('orders by start and finds the chapter playing, none in a gap or before the first', () => {
    expect(sorted.map((x) => x.id)).toEqual([1, 2, 3]);
    expect(currentChapterIndex(sorted, 0)).toBe(0);
    expect(currentChapterIndex(sorted, 19.9)).toBe(0);
    expect(currentChapterIndex(sorted, 25)).toBe(-1);
    expect(currentChapterIndex(sorted, 30)).toBe(1);
    expect(currentChapterIndex(sorted, 29.9)).toBe(1);
    expect(currentChapterIndex(sorted, 500)).toBe(2);
    expect(currentChapterIndex(byStart([c(1, 10)]), 5)).toBe(-1);
  });

  it('moves to the next and previous chapters', () => {
    expect(nextChapter(sorted, 0)?.id).toBe(2);
    expect(nextChapter(sorted, 29.9)?.id).toBe(3);
    expect(nextChapter(sorted, 61)).toBeNull();
    expect(previousChapter(sorted, 65)?.id).toBe(2);
    expect(previousChapter(sorted, 35)?.id).toBe(1);
    expect(previousChapter(sorted, 5)?.id).toBe(1);
    expect(previousChapter([], 5)).toBeNull();
  });

  it('places times on the timeline', () => {
    expect(timelinePercent(30, 120)).toBe(25);
    expect(timelinePercent(200, 120)).toBe(100);
    expect(timelinePercent(5, 0)).toBe(0);
  });
});
