/**
 * The Edit Video form's values and the body of `PUT /api/videos/{id}` (pure, unit-tested): the publish
 * date travels as the browser's local time in a `datetime-local` input and as UTC ISO on the wire.
 */
import type { VideoDetail, VideoEditBody } from '../../shared/types.js';

export interface EditForm {
  title: string;
  description: string;
  /** '' = no category. */
  categoryId: string;
  /** `YYYY-MM-DDTHH:MM` in local time; '' = unpublished. */
  publishedAt: string;
  featured: boolean;
  tagIds: number[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as the value of a `datetime-local` input (local time, minutes). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (local time) as UTC ISO; '' stays '' (the API's "unpublish"). */
export function fromLocalInput(value: string): string {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

export function formFrom(video: VideoDetail, tagIds: number[]): EditForm {
  return {
    title: video.title,
    description: video.description ?? '',
    categoryId: video.category_id ? String(video.category_id) : '',
    publishedAt: toLocalInput(video.published_at),
    featured: video.is_featured,
    tagIds,
  };
}

/** Only what changed, so an edit never rewrites a field another admin changed meanwhile. */
export function editBody(before: EditForm, after: EditForm): VideoEditBody {
  const body: VideoEditBody = {};
  if (after.title !== before.title) body.title = after.title;
  if (after.description !== before.description) body.description = after.description;
  if (after.categoryId !== before.categoryId)
    body.category_id = after.categoryId ? Number(after.categoryId) : 0;
  if (after.publishedAt !== before.publishedAt) body.published_at = fromLocalInput(after.publishedAt);
  if (after.featured !== before.featured) body.is_featured = after.featured;
  return body;
}

export const sameTags = (a: number[], b: number[]) =>
  a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');
