import { describe, expect, it } from 'vitest';
import { filterDetectedChapters } from './chapter-detection.js';
import { chaptersFromTranscript } from './transcript-chapters.js';

const ch = (title: string, start: number, end: number) => ({ title, start, end });

describe('filterDetectedChapters', () => {
  it('sorts, keeps the first, drops starts too close to the previous kept one or to the end', () => {
    const found = [ch('C', 35, 90), ch('A', 0, 30), ch('B', 30, 35), ch('D', 90, 115), ch('E', 115, 120)];
    const kept = filterDetectedChapters(found, { minLength: 10, duration: 120, max: 50 });
    expect(kept).toEqual([ch('A', 0, 30), ch('B', 30, 90), ch('D', 90, 120)]);
  });

  it('keeps the first even when it is short, ignores the end rule without a duration, caps the count', () => {
    expect(filterDetectedChapters([ch('only', 0, 3)], { minLength: 60, duration: 30, max: 50 })).toEqual([
      ch('only', 0, 3),
    ]);
    const many = Array.from({ length: 80 }, (_, i) => ch(`c${i}`, i * 20, i * 20 + 20));
    const kept = filterDetectedChapters(many, { minLength: 10, duration: 0, max: 50 });
    expect(kept).toHaveLength(50);
    expect(kept.at(-1)?.title).toBe('c49');
  });
});

describe('chaptersFromTranscript', () => {
  it('cuts equal sections titled by the first sentence of each share, one filler and one conjunction removed', () => {
    const text = 'Um, so this is it. Well and here we go! Now the end? Okay.';
    expect(chaptersFromTranscript(text, 100, 30)).toEqual([
      ch('so this is it', 0, 33.33),
      ch('here we go', 33.33, 66.67),
      ch('the end', 66.67, 100),
    ]);
  });

  it('needs two sections, makes at most ten, shortens long titles at a word boundary', () => {
    expect(chaptersFromTranscript('Hello there.', 50, 30)).toEqual([]);
    const sentence = 'This sentence is deliberately much longer than sixty characters in total, really.';
    const sections = chaptersFromTranscript(sentence, 1000, 10);
    expect(sections).toHaveLength(10);
    expect(sections[0]?.title).toBe('This sentence is deliberately much longer than sixty...');
    expect(sections[1]?.title).toBe('Section 2');
  });
});
