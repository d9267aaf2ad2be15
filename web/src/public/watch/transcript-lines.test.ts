import { describe, expect, it } from 'vitest';
import { currentLineIndex, matchingLines, type TranscriptLine } from './transcript-lines.js';

const LINES: TranscriptLine[] = [
  { start: 1, end: 2.5, text: 'Hello there' },
  { start: 3, end: 4, text: 'Général Kenobi' },
  { start: 6, end: 8, text: 'You are a bold one' },
];

describe('transcript lines', () => {
  it.each([
    [0, -1],
    [1, 0],
    [2.9, 0],
    [3, 1],
    [5, 1],
    [100, 2],
  ])('at %s s the current line is %i', (time, index) => {
    expect(currentLineIndex(LINES, time)).toBe(index);
  });

  it('has no current line without lines', () => {
    expect(currentLineIndex([], 5)).toBe(-1);
  });

  it('matches a query ignoring case, accents and extra spaces; an empty query matches all', () => {
    expect(matchingLines(LINES, 'general')).toEqual([1]);
    expect(matchingLines(LINES, '  BOLD   one ')).toEqual([2]);
    expect(matchingLines(LINES, 'e')).toEqual([0, 1, 2]);
    expect(matchingLines(LINES, '')).toEqual([0, 1, 2]);
    expect(matchingLines(LINES, 'wookiee')).toEqual([]);
  });
});
