/** How the Analytics tab writes its numbers (pure; analytics-format.test.ts). */
import { formatDuration } from '../../shared/format.js';

const counts = new Intl.NumberFormat('en-US');
const shortDay = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

export const formatCount = (n: number): string => counts.format(n);

/** A fraction as a percentage: 0.4444 → "44%", with `dp` decimals when asked. */
export const formatPercent = (fraction: number, dp = 0): string => `${(fraction * 100).toFixed(dp)}%`;

/** Watched hours, e.g. "12.5 h" (the overview gives hours to 1 dp). */
export const formatHours = (hours: number): string => `${hours.toLocaleString('en-US')} h`;

/** A report's seconds as "m:ss" / "h:mm:ss" (rounded to the second). */
export const formatSeconds = (seconds: number): string => formatDuration(Math.round(seconds));

/** A report day "YYYY-MM-DD" (a UTC day) → "Dec 7". */
export function formatDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? date : shortDay.format(d);
}

/**
 * The unit of a watch-time chart: minutes while the busiest day stays under two hours (a small site's
 * hundredths of an hour read badly), hours above.
 */
export function watchTimeUnit(maxHours: number): { name: string; perHour: number; suffix: string } {
  return maxHours < 2
    ? { name: 'minutes', perHour: 60, suffix: 'min' }
    : { name: 'hours', perHour: 1, suffix: 'h' };
}

/** A number for an axis label: no trailing zeros, at most two decimals. */
export const formatTick = (value: number): string => String(Number(value.toFixed(2)));
