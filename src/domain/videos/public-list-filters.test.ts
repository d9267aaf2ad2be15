import { describe, expect, it } from 'vitest';
import { customFiltersOf, parseDurations, parseListFilters, parseQualities } from './public-list-filters.js';

describe('public list filters', () => {
  it('reads durations (case-insensitive, deduplicated) and refuses an unknown one with the spec text', () => {
    expect(parseDurations('short, LONG,short')).toEqual(['short', 'long']);
    expect(parseDurations(undefined)).toEqual([]);
    expect(() => parseDurations('short,tiny')).toThrow(
      "Invalid duration value: 'tiny'. Valid values are: short, medium, long",
    );
  });

  it('keeps known qualities only', () => {
    expect(parseQualities('720P, bogus,original,720p')).toEqual(['720p', 'original']);
  });

  it('reads dates with or without zone (a + decoded as space included) and refuses a reversed range', () => {
    const f = parseListFilters({ dateFrom: '2024-01-01', dateTo: '2024-01-01T10:00:00 02:00' });
    expect(f.dateFrom?.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(f.dateTo?.toISOString()).toBe('2024-01-01T08:00:00.000Z');
    expect(() => parseListFilters({ dateFrom: '2024-01-02', dateTo: '2024-01-01' })).toThrow(
      'Invalid date range: date_from must be before or equal to date_to',
    );
    expect(() => parseListFilters({ dateFrom: 'soon' })).toThrow(/Invalid date format/);
  });

  it('collects custom.<slug> parameters', () => {
    expect(
      customFiltersOf({ 'custom.genre': 'Rock', custom: 'x', tag: 'a', 'custom.n': 3 }, 'custom.'),
    ).toEqual({
      genre: 'Rock',
    });
  });
});
