import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database.types.js';
import { HIGHLIGHT_START, HIGHLIGHT_STOP } from './search-text.js';

/**
 * Ranked full-text search (migrations/0002_video_search.sql): `sd` (video_search_documents) matched by
 * `sq.q`, the prefix query of the words. With pg_trgm, a title close to the words also matches (a misspelt
 * word), ranked below every full-text match.
 */
export interface SearchTerms {
  words: string[];
  /** pg_trgm is installed: also match titles by trigram word similarity. */
  fuzzy: boolean;
}

/** The query of the words, computed once per statement (joined as `sq`). */
export const searchQuerySource = (words: string[]) =>
  sql`(select vlog_search_query(string_to_array(${words.join(' ')}, ' ')) as q)`;

const phrase = (s: SearchTerms) => s.words.join(' ');

/** The row matches the words (full text), or its title resembles them (trigrams, `<%` uses the index). */
export function searchMatches(s: SearchTerms): RawBuilder<boolean> {
  if (!s.fuzzy) return sql<boolean>`sd.document @@ sq.q`;
  return sql<boolean>`(sd.document @@ sq.q or ${phrase(s)} <% v.title)`;
}

/**
 * Relevance: full-text matches first (1 + ts_rank, normalised below 1: title A > tags B > description C),
 * then title look-alikes by their word similarity (below 1).
 */
export function searchRank(s: SearchTerms): RawBuilder<number> {
  const fuzzy = s.fuzzy ? sql`word_similarity(${phrase(s)}, v.title)` : sql`0`;
  return sql<number>`(case when sd.document @@ sq.q then 1 + ts_rank(sd.document, sq.q, 32) else ${fuzzy} end)`;
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
export async function searchHeadlines(db: Kysely<Database>, ids: number[], words: string[]) {
  if (ids.length === 0 || words.length === 0) return [];
  const q = sql`coalesce(sq.q, ''::tsquery)`;
  const result = await sql<{ id: number; title: string; description: string }>`
    select v.id,
           ts_headline('simple', ${unmarked(sql`v.title`)}, ${q}, ${TITLE_OPTIONS}) as title,
           ts_headline('simple', ${unmarked(sql`v.description`)}, ${q}, ${DESCRIPTION_OPTIONS}) as description
      from videos v cross join ${searchQuerySource(words)} sq
     where v.id in (${sql.join(ids)})`.execute(db);
  return result.rows;
}

/** Whether the trigram fallback can run here (pg_trgm is optional: the migration degrades without it). */
export async function trigramAvailable(db: Kysely<Database>): Promise<boolean> {
  const result = await sql`select 1 from pg_extension where extname = 'pg_trgm'`.execute(db);
  return result.rows.length > 0;
}
