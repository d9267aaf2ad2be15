/** Pure formatting helpers shared by the public site and the admin panel. */

/** Whole hours, minutes and seconds of a duration; non-finite or negative values count as 0. */
function hms(seconds: number | null | undefined): { h: number; m: number; s: number } {
  const total =
    typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  return { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 };
}

/** Seconds → `m:ss` or `h:mm:ss`. Non-finite or negative values give `0:00`. */
export function formatDuration(seconds: number | null | undefined): string {
  const { h, m, s } = hms(seconds);
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Long spoken form for screen readers, e.g. "1 hour 2 minutes 5 seconds". */
export function formatDurationLong(seconds: number | null | undefined): string {
  const { h, m, s } = hms(seconds);
  const parts: string[] = [];
  if (h) parts.push(`${h} hour${h === 1 ? '' : 's'}`);
  if (m) parts.push(`${m} minute${m === 1 ? '' : 's'}`);
  if (s || parts.length === 0) parts.push(`${s} second${s === 1 ? '' : 's'}`);
  return parts.join(' ');
}

const dateFormatter = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric' });
const dateTimeFormatter = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

function parseDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** ISO timestamp → "Jan 15, 2024" (empty string when missing/invalid). */
export function formatDate(iso: string | null | undefined): string {
  const d = parseDate(iso);
  return d ? dateFormatter.format(d) : '';
}

/** ISO timestamp → "Jan 15, 2024, 3:04 PM". */
export function formatDateTime(iso: string | null | undefined): string {
  const d = parseDate(iso);
  return d ? dateTimeFormatter.format(d) : '';
}

/** Bytes → "1.5 MB" (binary multiples, labelled the usual way). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '0 B';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** View count → "50 views", "1.2K views", "3M views"; empty when 0/unknown. */
export function formatViews(count: number | null | undefined): string {
  if (!count || count <= 0) return '';
  const compact = (n: number, suffix: string): string => `${Number(n.toFixed(1)).toString()}${suffix}`;
  let text: string;
  if (count >= 1_000_000) text = compact(count / 1_000_000, 'M');
  else if (count >= 1_000) text = compact(count / 1_000, 'K');
  else text = String(count);
  return `${text} ${count === 1 ? 'view' : 'views'}`;
}

/** Clamp to 0–100 and round, for progress displays. */
export function clampPercent(value: number | null | undefined): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 0;
  return Math.round(Math.min(100, Math.max(0, value)));
}
