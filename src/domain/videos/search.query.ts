import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database.types.js';
import { countedVideos } from './counted-videos.query.js';
import { HIGHLIGHT_START, HIGHLIGHT_STOP } from './search-text.js';

/**
 * Ranked full-text search (migrations/0002_video_search.sql): `sd` (video_search_documents) matched by the
 * prefix query of the words. When no public video matches it (a misspelt word, one the dictionary does not
 * know) and pg_trgm is installed, titles close to the words match instead, by trigram word similarity.
 */
export interface SearchTerms {
  words: string[];
  /** The prefix query of the words (vlog_search_query, as text); null when no word is left (stop words). */
  tsquery: string | null;
  /** Match titles by trigram word similarity (the fallback) instead of the full-text query. */
  fuzzy: boolean;
}

const phrase = (s: SearchTerms) => s.words.join(' ');
/** The query as a constant, so the planner can use the GIN indexes (a computed one made it scan). */
const tsquery = (s: SearchTerms) => sql`${s.tsquery ?? ''}::tsquery`;

/**
 * The row matches the words: full text, or in the fallback its title resembles them. One test or the other,
 * never both in one OR (which made PostgreSQL test trigrams on every row: 200 ms on 10,000 videos).
 */
export function searchMatches(s: SearchTerms): RawBuilder<boolean> {
  if (s.words.length === 0) return sql<boolean>`false`;
  // `title %> words` (not `words <% title`): only this side of the operator can use ix_videos_title_trgm.
  if (s.fuzzy) return sql<boolean>`v.title %> ${phrase(s)}`;
  return s.tsquery ? sql<boolean>`sd.document @@ ${tsquery(s)}` : sql<boolean>`false`;
}

/** Whether any public video matches the full-text query (else the trigram fallback runs). */
export async function anyFullTextMatch(db: Kysely<Database>, query: string): Promise<boolean> {
  const result = await sql`select 1 from video_search_documents sd join videos v on v.id = sd.video_id
    where sd.document @@ ${query}::tsquery and ${countedVideos('public')} limit 1`.execute(db);
  return result.rows.length > 0;
}

/** Relevance: ts_rank (title A > tags B > description C), or in the fallback the title's word similarity. */
export function searchRank(s: SearchTerms): RawBuilder<number> {
  if (s.fuzzy) return sql<number>`word_similarity(${phrase(s)}, v.title)`;
  return sql<number>`ts_rank(sd.document, ${tsquery(s)})`;
}

/** The prefix query of the words as text (null when none is left). */
export async function searchQueryOf(db: Kysely<Database>, words: string[]): Promise<string | null> {
  if (words.length === 0) return null;
  const result = await sql<{ q: string | null }>`
    select vlog_search_query(string_to_array(${words.join(' ')}, ' '))::text as q`.execute(db);
  return result.rows[0]?.q ?? null;
}

const HEADLINE = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}`;
const TITLE_OPTIONS = `${HEADLINE}, HighlightAll=true`;
const DESCRIPTION_OPTIONS = `${HEADLINE}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
/** Marked text must not contain the markers itself (search-text.ts). */
const unmarked = (column: RawBuilder<unknown>) =>
  sql`translate(coalesce(${column}, ''), ${HIGHLIGHT_START + HIGHLIGHT_STOP}, '')`;

/**
 * The title and a description excerpt of each video with the words marked. Parsed 'simple' (as written):
 * the query's stems are prefixes of the written words, so both stemmed and partial words are marked.
 */
export async function searchHeadlines(db: Kysely<Database>, ids: number[], query: string | null) {
  if (ids.length === 0) return [];
  const q = sql`${query ?? ''}::tsquery`;
  const result = await sql<{ id: number; title: string; description: string }>`
    select v.id,
           ts_headline('simple', ${unmarked(sql`v.title`)}, ${q}, ${TITLE_OPTIONS}) as title,
           ts_headline('simple', ${unmarked(sql`v.description`)}, ${q}, ${DESCRIPTION_OPTIONS}) as description
      from videos v
     where v.id in (${sql.join(ids)})`.execute(db);
  return result.rows;
}

/** Whether the trigram fallback can run here (pg_trgm is optional: the migration degrades without it). */
export async function trigramAvailable(db: Kysely<Database>): Promise<boolean> {
  const result = await sql`select 1 from pg_extension where extname = 'pg_trgm'`.execute(db);
  return result.rows.length > 0;
}
