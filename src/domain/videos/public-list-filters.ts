import { QUALITY_NAMES } from '../../media/ladder.js';
import { badRequest } from '../shared/errors.js';
import { parsePublishedAt } from './video-edit.js';

/** The filters of the public video list (api-public.md §4.2), checked and normalised; pure. */

export const DURATION_BUCKETS = ['short', 'medium', 'long'] as const;
export type DurationBucket = (typeof DURATION_BUCKETS)[number];

/** Quality names a video_qualities row can have; others in `quality=` are ignored (as the reference). */
const LISTED_QUALITIES: readonly string[] = [...QUALITY_NAMES, 'original'];

/** What the raw query string gives, before checking. */
export interface RawListFilters {
  category?: string;
  tag?: string;
  duration?: string;
  quality?: string;
  dateFrom?: string;
  dateTo?: string;
  hasTranscription?: boolean;
  featured?: boolean;
  /** `custom.<slug>` values by slug. */
  custom?: Record<string, string>;
}

export interface ListFilters {
  category?: string;
  tag?: string;
  durations: DurationBucket[];
  qualities: string[];
  dateFrom: Date | null;
  dateTo: Date | null;
  hasTranscription?: boolean;
  featured?: boolean;
  custom: Record<string, string>;
}

const csv = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

export function parseDurations(value: string | undefined): DurationBucket[] {
  const buckets = csv(value).map((v) => v.toLowerCase());
  for (const b of buckets) {
    if (!(DURATION_BUCKETS as readonly string[]).includes(b))
      throw badRequest(`Invalid duration value: '${b}'. Valid values are: ${DURATION_BUCKETS.join(', ')}`);
  }
  return [...new Set(buckets)] as DurationBucket[];
}

export function parseQualities(value: string | undefined): string[] {
  return [...new Set(csv(value).map((q) => q.toLowerCase()))].filter((q) => LISTED_QUALITIES.includes(q));
}

/** A query string turns `+02:00` into ` 02:00`: read a space before a trailing offset as `+`. */
function parseDateParam(value: string | undefined): Date | null {
  if (value === undefined || value.trim() === '') return null;
  return parsePublishedAt(
    value.trim().replace(/(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$/, '$1+$2'),
  );
}

export function parseListFilters(raw: RawListFilters): ListFilters {
  const dateFrom = parseDateParam(raw.dateFrom);
  const dateTo = parseDateParam(raw.dateTo);
  if (dateFrom && dateTo && dateFrom > dateTo)
    throw badRequest('Invalid date range: date_from must be before or equal to date_to');
  return {
    category: raw.category || undefined,
    tag: raw.tag || undefined,
    durations: parseDurations(raw.duration),
    qualities: parseQualities(raw.quality),
    dateFrom,
    dateTo,
    hasTranscription: raw.hasTranscription,
    featured: raw.featured,
    custom: raw.custom ?? {},
  };
}

/** `custom.<slug>` entries of a query string object, by slug. */
export function customFiltersOf(query: Record<string, unknown>, prefix: string): Record<string, string> {
  const custom: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (key.startsWith(prefix) && typeof value === 'string') custom[key.slice(prefix.length)] = value;
  }
  return custom;
}
