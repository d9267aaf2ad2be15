import { sql, type Expression, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../../db/database.types.js';
import { badRequest } from '../shared/errors.js';
import { countedVideos } from './counted-videos.query.js';
import type { ListFilters } from './public-list-filters.js';
import { LIST_ITEM_COLUMNS, tagsOfVideo, viewsOfVideo } from './list-row.query.js';
import { searchMatches, searchRank, type SearchTerms } from './search.query.js';
import { filterConditions, onlyCustomField, onlyTag, tagIdOf } from './video-filters.query.js';

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
  search: SearchTerms | null;
  /**
   * The definition of the only filter's custom field, when it is the one field of that slug and is
   * compared by JSON text (found by the caller): its page is then read from ix_video_custom_fields_public.
   */
  indexedField?: { id: number } | null;
  /**
   * The tag filter's tag has few public videos (the caller counted them, FEW_TAG_VIDEOS): with other filters
   * or orders, the list reads them by id and, reading every match anyway, counts its total in the same statement.
   */
  fewTagVideos?: boolean;
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

/**
 * The listing query for public videos: filters, search, ordering, keyset or offset pagination. One
 * statement picks the page's ids (from the search documents alone when only words are asked, see
 * migrations/0003; from the tag's links alone when only a tag is, newest first, see migrations/0008; from
 * one custom field's values when only it is, see migrations/0011) and
 * reads those rows with category, tags and view count (a search's snippets are marked by search-snippet.ts).
 */
export function buildPublicListQuery(db: Kysely<Database>, q: PublicListQuery) {
  const sort: PublicSort = q.sort ?? (q.search ? 'relevance' : 'date');
  if (!PUBLIC_SORTS.includes(sort)) throw badRequest(`Invalid sort value: '${sort}'`);
  // Relevance is always best first; without a search it is the newest first (api-public.md §4.2).
  const dir = sort === 'relevance' ? 'desc' : (q.order ?? 'desc');
  // Cursors follow published_at, so only date-ordered lists (date, relevance without search) page by keyset.
  const keyset = sort === 'date' || (sort === 'relevance' && !q.search);
  const cursor = keyset ? decodeCursor(q.cursor) : null;
  const { ids, total, countedInPage } = idPageQuery(db, q, sort, dir, cursor);
  const page = db
    .with('page', () => ids)
    .selectFrom('page')
    .innerJoin('videos as v', 'v.id', 'page.id')
    .leftJoin('categories as c', 'c.id', 'v.category_id')
    .select(LIST_ITEM_COLUMNS)
    .select(['c.name as category_name', tagsOfVideo.as('tags'), viewsOfVideo.as('view_count')])
    .select('page.total')
    .orderBy(sql`page.k0 ${sql.raw(dir)}`)
    .orderBy(sql`page.k1 ${sql.raw(dir)}`)
    .orderBy(sql`page.id ${sql.raw(dir)}`);
  return { page, total, countedInPage, sort, keyset, byCursor: cursor !== null };
}

function idPageQuery(
  db: Kysely<Database>,
  q: PublicListQuery,
  sort: PublicSort,
  dir: 'asc' | 'desc',
  cursor: { at: Date; id: number } | null,
) {
  const search = q.search;
  const fewTagVideos = !!q.filters.tag && !!q.fewTagVideos;
  const conditions = filterConditions(q.filters, fewTagVideos);
  // Only words, ordered by rank or date: the search documents alone know both (public_at).
  if (search && conditions.length === 0 && (sort === 'relevance' || sort === 'date')) {
    const base = db
      .selectFrom('video_search_documents as sd')
      .where('sd.public_at', 'is not', null)
      .where(searchMatches(search));
    const keys = sort === 'relevance' ? [searchRank(search), sql`sd.public_at`] : [sql`sd.public_at`];
    // Ranking reads every match anyway: the total is counted from the same matches, in the same statement.
    const countInPage = sort === 'relevance' && q.includeTotal;
    return pageOf(base, { keys, id: sql`sd.video_id`, at: sql`sd.public_at` }, q, dir, cursor, countInPage);
  }
  // Only a tag, newest first: the tag's links know their videos' public_at (migrations/0008).
  const tag = onlyTag(q.filters);
  if (tag && !search && (sort === 'date' || sort === 'relevance')) {
    const base = db
      .selectFrom('video_tags as vt')
      .where('vt.public_at', 'is not', null)
      .where(sql<boolean>`vt.tag_id = ${tagIdOf(tag)}`);
    return pageOf(
      base,
      { keys: [sql`vt.public_at`], id: sql`vt.video_id`, at: sql`vt.public_at` },
      q,
      dir,
      cursor,
    );
  }
  // Only one custom field's value, newest first: its values know their videos' public_at (migrations/0011).
  const field = q.indexedField && onlyCustomField(q.filters);
  if (q.indexedField && field && !search && (sort === 'date' || sort === 'relevance')) {
    const base = db
      .selectFrom('video_custom_fields as vcf')
      .where('vcf.public_at', 'is not', null)
      .where('vcf.field_id', '=', q.indexedField.id)
      .where(sql<boolean>`md5(vcf.value) = md5(${JSON.stringify(field[1])})`);
    const order = { keys: [sql`vcf.public_at`], id: sql`vcf.video_id`, at: sql`vcf.public_at` };
    return pageOf(base, order, q, dir, cursor);
  }
  if (search) conditions.push(searchMatches(search));
  const base = db
    .selectFrom('videos as v')
    .$if(!!search, (b) => b.innerJoin('video_search_documents as sd', 'sd.video_id', 'v.id'))
    .where(countedVideos('public'))
    .where(sql<boolean>`${sql.join(conditions.length > 0 ? conditions : [sql`true`], sql` and `)}`);
  const keys = {
    relevance: search ? [searchRank(search), sql`v.published_at`] : [sql`v.published_at`],
    date: [sql`v.published_at`],
    duration: [sql`v.duration`],
    views: [viewsOfVideo],
    title: [sql`lower(v.title)`],
  }[sort];
  // The total counts what the list shows, every filter included (the reference's count ignored `featured`).
  const countInPage = q.includeTotal && (fewTagVideos || (!!search && sort === 'relevance'));
  return pageOf(base, { keys, id: sql`v.id`, at: sql`v.published_at` }, q, dir, cursor, countInPage);
}

/**
 * How a page is cut, for the plans of prepared statements (prepared-statements.ts, pglite-prepared.ts).
 * The rows (one more than asked, to tell whether more follow) are written into the statement, not bound: a
 * generic plan cannot see a bound LIMIT and plans for a tenth of the matches, so it joined a page of 25 by
 * scanning every video (the embedded default page: 1.2 → 0.9 ms). The route bounds the limit (1–100), so
 * this adds at most a hundred texts per query shape. The offset stays bound, read through a subquery so
 * that no plan knows it: custom plans, which would, estimate pages past the end as free, so PostgreSQL kept
 * re-planning each run instead of reusing the generic plan (a custom-field page: 0.47 → 0.23 ms).
 */
function pageRowsOf(limit: number) {
  if (!Number.isInteger(limit) || limit < 1) throw badRequest('Invalid limit');
  return sql.lit(limit + 1);
}

const skipped = (offset: number) => sql<number>`(select ${offset}::int)`;

/** A page's id with the keys it is ordered by; `total` is the count of all matches when counted with it. */
interface PageIdRow {
  id: number;
  k0: unknown;
  k1: unknown;
  total: number | null;
}

/**
 * The page of `base`: its ids ordered by the keys then the id (the keys exposed as k0/k1 for the outer
 * query's order), paged by keyset (`at`, id) or offset; and the count of all of `base`. With
 * `countInPage` (an order that reads every match anyway, as ranking does), an offset page counts the
 * matches it ranked, so no second statement finds them again (a search of 3,000 matches: 2.4 + 1.3 ms
 * → 2.9 ms).
 */
function pageOf<DB, TB extends keyof DB>(
  base: SelectQueryBuilder<DB, TB, object>,
  order: { keys: RawBuilder<unknown>[]; id: RawBuilder<unknown>; at: RawBuilder<unknown> },
  q: PublicListQuery,
  dir: 'asc' | 'desc',
  cursor: { at: Date; id: number } | null,
  countInPage = false,
) {
  const { keys, id, at } = order;
  const cmp = dir === 'desc' ? sql.raw('<') : sql.raw('>');
  const columns = [
    sql<number>`${id}`.as('id'),
    sql`${keys[0]}`.as('k0'),
    sql`${keys[1] ?? sql`null`}`.as('k1'),
  ];
  const total = base.select(sql<number>`count(*)::int`.as('n'));
  const pageRows = pageRowsOf(q.limit);
  if (countInPage && !cursor) {
    const d = sql.raw(dir);
    const ids = sql<PageIdRow>`(with matched as materialized (${base.select(columns)})
      select id, k0, k1, (select count(*)::int from matched) as total from matched
      order by k0 ${d}, k1 ${d}, id ${d} limit ${pageRows} offset ${skipped(q.offset)})`;
    return { ids: ids as Expression<PageIdRow>, total, countedInPage: true };
  }
  // Cursors carry milliseconds; compare at that precision so no row is skipped.
  const after = cursor
    ? sql<boolean>`(date_trunc('milliseconds', ${at}), ${id}) ${cmp} (${cursor.at}, ${cursor.id})`
    : sql<boolean>`true`;
  const ids = base
    .select([...columns, sql<number | null>`null::int`.as('total')])
    .where(after)
    .orderBy(sql`${sql.join([...keys, id].map((k) => sql`${k} ${sql.raw(dir)}`))}`)
    .limit(pageRows)
    .offset(skipped(cursor ? 0 : q.offset)) as Expression<PageIdRow>;
  return { ids, total, countedInPage: false };
}
