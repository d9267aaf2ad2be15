import { describe, expect, it } from 'vitest';
import {
  formatDay,
  formatHours,
  formatPercent,
  formatSeconds,
  formatTick,
  watchTimeUnit,
} from './analytics-format.js';

describe('analytics formatting', () => {
  it('writes percentages, hours, durations and days', () => {
    expect(formatPercent(0.44)).toBe('44%');
    expect(formatPercent(0.7143, 1)).toBe('71.4%');
    expect(formatHours(1234.5)).toBe('1,234.5 h');
    expect(formatSeconds(66.7)).toBe('1:07');
    expect(formatSeconds(3725)).toBe('1:02:05');
    expect(formatDay('2026-12-07')).toBe('Dec 7');
    expect(formatDay('nonsense')).toBe('nonsense');
    expect(formatTick(0.30000000000000004)).toBe('0.3');
  });

  it('charts watch time in minutes below two hours a day', () => {
    expect(watchTimeUnit(0.04)).toEqual({ name: 'minutes', perHour: 60, suffix: 'min' });
    expect(watchTimeUnit(2)).toEqual({ name: 'hours', perHour: 1, suffix: 'h' });
  });
});
