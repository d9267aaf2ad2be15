import { sql, type RawBuilder } from 'kysely';

/** What the admin may narrow a video list or an export to (all optional). */
export interface AdminVideoFilter {
  status?: string;
  /** 0 = videos without a category. */
  categoryId?: number;
  /** Has a `video_qualities` row of this name (e.g. `1080p`, `original`). */
  quality?: string;
  featured?: boolean;
  /** Case-insensitive substring of the title. */
  search?: string;
  /** Archived videos too (the export's `include_deleted`); lists never show them. */
  includeDeleted?: boolean;
}

/**
 * The condition on `v` (an alias of `videos`) for an admin filter. The title search uses strpos, not
 * LIKE, so `%` and `_` in the text are plain characters without escaping.
 */
export function adminVideoFilter(f: AdminVideoFilter): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (!f.includeDeleted) parts.push(sql`v.deleted_at is null`);
  if (f.status) parts.push(sql`v.status = ${f.status}`);
  if (f.categoryId === 0) parts.push(sql`v.category_id is null`);
  else if (f.categoryId !== undefined) parts.push(sql`v.category_id = ${f.categoryId}`);
  if (f.quality)
    parts.push(
      sql`exists (select 1 from video_qualities q where q.video_id = v.id and q.quality = ${f.quality})`,
    );
  if (f.featured !== undefined) parts.push(sql`v.is_featured = ${f.featured}`);
  if (f.search) parts.push(sql`strpos(lower(v.title), lower(${f.search})) > 0`);
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}
