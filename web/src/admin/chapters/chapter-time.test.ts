import { describe, expect, it } from 'vitest';
import { formatChapterTime, parseChapterTime } from './chapter-time.js';

describe('chapter times', () => {
  it('parses m:ss, h:mm:ss and plain seconds, decimals in the last part', () => {
    expect(parseChapterTime('1:05')).toBe(65);
    expect(parseChapterTime(' 1:02:03 ')).toBe(3723);
    expect(parseChapterTime('90')).toBe(90);
    expect(parseChapterTime('0:12.5')).toBe(12.5);
    expect(parseChapterTime('0:00')).toBe(0);
  });

  it('refuses what is not a time', () => {
    for (const text of ['', 'abc', '1:60', '1:2:3:4', '-5', '1:', ':30', '1:30:75', '1.5:30'])
      expect(parseChapterTime(text), text).toBeNull();
  });

  it('formats back to the same text', () => {
    expect(formatChapterTime(65)).toBe('1:05');
    expect(formatChapterTime(3723)).toBe('1:02:03');
    expect(formatChapterTime(12.5)).toBe('0:12.5');
    expect(formatChapterTime(12.25)).toBe('0:12.25');
    expect(formatChapterTime(59.999)).toBe('1:00');
    for (const s of [0, 5, 61.5, 3599.75]) expect(parseChapterTime(formatChapterTime(s))).toBe(s);
  });
});
