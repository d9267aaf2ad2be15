import { describe, expect, it } from 'vitest';
import { cleanChapterTitle, parseChapterOutput } from './chapter-probe.js';

describe('parseChapterOutput', () => {
  it('reads start, end and the title from any of the title tags, in file order', () => {
    const json = JSON.stringify({
      chapters: [
        { start_time: '0.000000', end_time: '30.500000', tags: { title: 'Intro' } },
        { start_time: '30.5', end_time: '60', tags: { NAME: 'From NAME' } },
        { start_time: '60', end_time: '90', tags: { TITLE: '  Upper \n case  ' } },
        { start_time: '90', end_time: '120' },
      ],
    });
    expect(parseChapterOutput(json)).toEqual([
      { title: 'Intro', start: 0, end: 30.5 },
      { title: 'From NAME', start: 30.5, end: 60 },
      { title: 'Upper case', start: 60, end: 90 },
      { title: 'Chapter 4', start: 90, end: 120 },
    ]);
  });

  it('skips chapters without a usable start and an end after it; untitled ones count in the file', () => {
    const parsed = parseChapterOutput({
      chapters: [
        { start_time: '-1', end_time: '5' },
        { start_time: '10', end_time: '10' },
        { start_time: 'N/A', end_time: '20' },
        { start_time: '20', end_time: '25', tags: { title: '   ' } },
      ],
    });
    expect(parsed).toEqual([{ title: 'Chapter 4', start: 20, end: 25 }]);
  });

  it('answers no chapters for output without any, and refuses unreadable output', () => {
    expect(parseChapterOutput('{}')).toEqual([]);
    expect(parseChapterOutput({ chapters: [] })).toEqual([]);
    expect(() => parseChapterOutput('not json')).toThrow(/unreadable/);
  });

  it('keeps titles as text (no HTML escaping) and cuts long ones to 255 characters with ...', () => {
    expect(cleanChapterTitle('Tom & <Jerry>', 'x')).toBe('Tom & <Jerry>');
    const long = cleanChapterTitle('a'.repeat(300), 'x');
    expect(long).toHaveLength(255);
    expect(long.endsWith('...')).toBe(true);
    expect(cleanChapterTitle('\u0000\t ', 'Chapter 1')).toBe('Chapter 1');
  });
});
