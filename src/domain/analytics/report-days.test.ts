import { describe, expect, it } from 'vitest';
import { daysBeforeMidnight, lastDays, ratio, round, utcMidnight } from './report-days.js';

describe('report days', () => {
  const now = new Date('2026-03-01T23:59:59.999Z');
  it('counts in UTC days', () => {
    expect(utcMidnight(now).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(daysBeforeMidnight(now, 7).toISOString()).toBe('2026-02-22T00:00:00.000Z');
    expect(lastDays(now, 3)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });
  it('rounds decimal halves up and divides by zero as 0', () => {
    expect(round(0.125, 2)).toBe(0.13);
    expect(round(1.005, 2)).toBe(1.01);
    expect(round(2 / 3, 2)).toBe(0.67);
    expect(round(45.05, 1)).toBe(45.1);
    expect(ratio(1, 0)).toBe(0);
    expect(ratio(1, 4)).toBe(0.25);
  });
});
