import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.types.js';
import { badRequest } from '../shared/errors.js';
import { countedVideos } from './counted-videos.query.js';
import type { ListFilters } from './public-list-filters.js';
import { searchMatches, searchRank, type SearchTerms } from './search.query.js';
import { filterConditions, type CustomFieldRef } from './video-filters.query.js';

export const PUBLIC_SORTS = ['relevance', 'date', 'duration', 'views', 'title'] as const;
export type PublicSort = (typeof PUBLIC_SORTS)[number];

/** Order and page of a public list, as the request gives them. */
export interface ListPaging {
  sort?: PublicSort;
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
  cursor?: string;
  includeTotal: boolean;
}

export interface PublicListQuery extends ListPaging {
  filters: ListFilters;
  /** Definitions of the `custom.<slug>` filters' slugs that exist. */
  fields: CustomFieldRef[];
  search: SearchTerms | null;
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

/** The listing query for public videos: filters, search, ordering, keyset or offset pagination. */
export function buildPublicListQuery(db: Kysely<Database>, q: PublicListQuery) {
  const search = q.search;
  const conditions = filterConditions(q.filters, q.fields);
  if (search) conditions.push(searchMatches(search));
  const base = db
    .selectFrom('videos as v')
    .leftJoin('categories as c', 'c.id', 'v.category_id')
    .$if(!!search, (b) => b.innerJoin('video_search_documents as sd', 'sd.video_id', 'v.id'))
    .where(countedVideos('public'))
    .where(sql<boolean>`${sql.join(conditions.length > 0 ? conditions : [sql`true`], sql` and `)}`);
  const sort: PublicSort = q.sort ?? (search ? 'relevance' : 'date');
  if (!PUBLIC_SORTS.includes(sort)) throw badRequest(`Invalid sort value: '${sort}'`);
  // Relevance is always best first; without a search it is the newest first (api-public.md §4.2).
  const dir = sort === 'relevance' ? 'desc' : (q.order ?? 'desc');
  // Only the views sort counts sessions here: counting in the select list cost every skipped (offset) row a
  // subquery (15 ms of a 16 ms page at offset 480); the page's counts are read afterwards.
  const viewCount = sql<number>`(select count(*)::int from playback_sessions ps where ps.video_id = v.id)`;
  const sortExprs = {
    relevance: search ? [searchRank(search), sql`v.published_at`] : [sql`v.published_at`],
    date: [sql`v.published_at`],
    duration: [sql`v.duration`],
    views: [viewCount],
    title: [sql`lower(v.title)`],
  }[sort];

  let page = base
    .selectAll('v')
    .select(['c.name as category_name', 'c.slug as category_slug'])
    .limit(q.limit + 1);
  for (const expr of sortExprs) page = page.orderBy(sql`${expr} ${sql.raw(dir)}`);
  page = page.orderBy('v.id', dir);
  // Cursors follow published_at, so only date-ordered lists (date, relevance without search) page by keyset.
  const keyset = sort === 'date' || (sort === 'relevance' && !search);
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
  // The total counts what the list shows, every filter included (the reference's count ignored `featured`).
  const total = base.select(sql<number>`count(*)::int`.as('n'));
  return { page, total, sort, keyset };
}
