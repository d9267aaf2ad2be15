/** The UTC calendar days the analytics reports count in (api-admin.md §6). */

const DAY_MS = 86_400_000;

/** 00:00 UTC of the day `now` is in. */
export function utcMidnight(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** `days` days before today's UTC midnight. */
export function daysBeforeMidnight(now: Date, days: number): Date {
  return new Date(utcMidnight(now).getTime() - days * DAY_MS);
}

/** The last `count` UTC days, oldest first, today included, as "YYYY-MM-DD". */
export function lastDays(now: Date, count: number): string[] {
  const today = utcMidnight(now).getTime();
  return Array.from({ length: count }, (_, i) =>
    new Date(today - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10),
  );
}

/** Rounded to `dp` decimal places (half away from zero, on the decimal value as written). */
export function round(value: number, dp: number): number {
  const f = 10 ** dp;
  return (Math.sign(value) * Math.round(Number((Math.abs(value) * f).toPrecision(12)))) / f;
}

/** `part / whole`, 0 when there is no whole. */
export const ratio = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);
