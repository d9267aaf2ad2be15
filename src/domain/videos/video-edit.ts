import type { VideoUpdate } from '../../db/database.types.js';
import { badRequest } from '../shared/errors.js';

/** The editable fields of `PUT /api/videos/{id}` (api-admin.md §5.1); all optional. */
export interface VideoEditFields {
  title?: string;
  description?: string;
  category_id?: number;
  /** ISO date-time; '' clears it. */
  published_at?: string;
  is_featured?: boolean;
}

const INVALID_DATE = 'Invalid date format. Use ISO format (YYYY-MM-DDTHH:MM)';
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an ISO 8601 date or date-time as Python's `datetime.fromisoformat` does (the reference),
 * plus `Z`; a value without a zone is UTC. '' means "not published" (null).
 */
export function parsePublishedAt(value: string): Date | null {
  const s = value.trim();
  if (s === '') return null;
  const m = ISO.exec(s);
  if (!m) throw badRequest(INVALID_DATE);
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) =>
    Number(x ?? 0),
  ) as [number, number, number, number, number, number];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (
    calendar.getUTCMonth() !== month - 1 ||
    calendar.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    throw badRequest(INVALID_DATE);
  const millis = Number(`0.${m[7] ?? '0'}`) * 1000;
  let at = Date.UTC(year, month - 1, day, hour, minute, second, Math.floor(millis));
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    at -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return new Date(at);
}

/**
 * Validates the fields and turns them into a row update. `categoryExists` is asked only for a
 * positive category id; `<= 0` uncategorises.
 */
export async function toVideoUpdate(
  fields: VideoEditFields,
  categoryExists: (id: number) => Promise<boolean>,
  now: Date = new Date(),
): Promise<VideoUpdate> {
  const values: VideoUpdate = {};
  if (fields.title !== undefined) {
    const title = fields.title.trim();
    if (!title) throw badRequest('Title is required');
    if (title.length > 255) throw badRequest('Title must be at most 255 characters');
    values.title = title;
  }
  if (fields.description !== undefined) {
    if (fields.description.length > 5000) throw badRequest('Description must be at most 5000 characters');
    values.description = fields.description;
  }
  if (fields.category_id !== undefined) {
    const id = fields.category_id;
    if (id > 0 && !(await categoryExists(id))) throw badRequest(`Category with ID ${id} does not exist`);
    values.category_id = id > 0 ? id : null;
  }
  if (fields.published_at !== undefined) values.published_at = parsePublishedAt(fields.published_at);
  if (fields.is_featured !== undefined) {
    values.is_featured = fields.is_featured;
    values.featured_at = fields.is_featured ? now : null;
  }
  return values;
}
