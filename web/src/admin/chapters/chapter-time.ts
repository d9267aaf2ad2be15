/** Chapter times as an editor types them: `m:ss`, `h:mm:ss` or seconds, decimals in the last part. */
import { formatDuration } from '../../shared/format.js';

const TIME = /^\d+(?::\d{1,2}){0,2}(?:\.\d+)?$/;

/** Seconds, or null when the text is not a time (minutes and seconds after the first part are < 60). */
export function parseChapterTime(text: string): number | null {
  const t = text.trim();
  if (!TIME.test(t)) return null;
  const parts = t.split(':').map(Number);
  if (parts.slice(1).some((p) => p >= 60)) return null;
  return parts.reduce((total, p) => total * 60 + p, 0);
}

/** `m:ss` or `h:mm:ss`, with up to two decimals when the time has any (12.5 → `0:12.5`). */
export function formatChapterTime(seconds: number): string {
  const rounded = Math.round(seconds * 100) / 100;
  const whole = Math.floor(rounded);
  const hundredths = Math.round((rounded - whole) * 100);
  const fraction = hundredths ? `.${String(hundredths).padStart(2, '0').replace(/0$/, '')}` : '';
  return formatDuration(whole) + fraction;
}
