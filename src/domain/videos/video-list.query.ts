import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.types.js';
import { badRequest } from '../shared/errors.js';

export const PUBLIC_SORTS = ['relevance', 'date', 'duration', 'views', 'title'] as const;
export type PublicSort = (typeof PUBLIC_SORTS)[number];

export interface PublicListQuery {
  category?: string;
  search?: string;
  sort?: PublicSort;
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
  cursor?: string;
  includeTotal: boolean;
}

/** Cursor = base64url("1|<iso published_at>|<id>") (api-public.md §4.2); invalid ones are ignored. */
export function encodeCursor(at: Date, id: number): string {
  return Buffer.from(`1|${at.toISOString()}|${id}`).toString('base64url');
}

/** Ids are PostgreSQL integers; a cursor's id past them would fail the comparison (SQLSTATE 22003). */
const MAX_ID = 2147483647;
/** Years a cursor can name: what toISOString writes with four digits, and both databases parse. */
const YEARS = { min: 1, max: 9999 };

export function decodeCursor(cursor: string | undefined): { at: Date; id: number } | null {
  if (!cursor) return null;
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (parts.length !== 3 || parts[0] !== '1') return null;
  const at = new Date(parts[1] ?? '');
  const id = Number(parts[2]);
  const year = at.getUTCFullYear();
  // Out-of-range values make the cursor invalid, and an invalid cursor is ignored (not a 500).
  if (Number.isNaN(year) || year < YEARS.min || year > YEARS.max) return null;
  return Number.isInteger(id) && id >= 0 && id <= MAX_ID ? { at, id } : null;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** The listing query for public videos: filters, ordering, keyset or offset pagination. */
export function buildPublicListQuery(db: Kysely<Database>, q: PublicListQuery) {
  const pattern = `%${escapeLike(q.search ?? '')}%`;
  const base = db
    .selectFrom('videos as v')
    .leftJoin('categories as c', 'c.id', 'v.category_id')
    .where('v.status', '=', 'ready')
    .where('v.deleted_at', 'is', null)
    .where('v.published_at', 'is not', null)
    .$if(!!q.category, (b) => b.where('c.slug', '=', q.category ?? ''))
    .$if(!!q.search, (b) =>
      b.where((eb) => eb.or([eb('v.title', 'ilike', pattern), eb('v.description', 'ilike', pattern)])),
    );
  const sort: PublicSort = q.sort ?? (q.search ? 'relevance' : 'date');
  if (!PUBLIC_SORTS.includes(sort)) throw badRequest(`Invalid sort value: '${sort}'`);
  const dir = sort === 'relevance' ? 'desc' : (q.order ?? 'desc');
  const viewCount = sql<number>`(select count(*)::int from playback_sessions ps where ps.video_id = v.id)`;
  const sortExpr = {
    relevance: sql`v.published_at`,
    date: sql`v.published_at`,
    duration: sql`v.duration`,
    views: viewCount,
    title: sql`lower(v.title)`,
  }[sort];

  let page = base
    .selectAll('v')
    .select(['c.name as category_name', 'c.slug as category_slug'])
    .select(viewCount.as('view_count'))
    .orderBy(sql`${sortExpr} ${sql.raw(dir)}`)
    .orderBy('v.id', dir)
    .limit(q.limit + 1);
  // Cursors follow published_at, so only date-ordered lists (date, relevance) page by keyset.
  const keyset = sort === 'date' || sort === 'relevance';
  const cursor = keyset ? decodeCursor(q.cursor) : null;
  if (cursor) {
    const cmp = dir === 'desc' ? sql.raw('<') : sql.raw('>');
    page = page.where(
      // Cursors carry milliseconds; compare at that precision so no row is skipped.
      sql<boolean>`(date_trunc('milliseconds', v.published_at), v.id) ${cmp} (${cursor.at}, ${cursor.id})`,
    );
  } else {
    page = page.offset(q.offset);
  }
  const total = base.select(sql<number>`count(*)::int`.as('n'));
  return { page, total, sort, keyset };
}
