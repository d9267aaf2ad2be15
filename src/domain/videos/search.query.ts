import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database.types.js';

/**
 * Ranked full-text search (migrations/0002_video_search.sql, 0003_search_speed.sql): `sd`
 * (video_search_documents) matched by the prefix query of the words. Words no video contains are
 * corrected to their nearest known words (search_words) by the caller, who then searches again.
 */
export interface SearchTerms {
  words: string[];
  /** The prefix query of the words (vlog_search_query, as text); null when no word is left (stop words). */
  tsquery: string | null;
}

/** The query as a constant, so the planner can use the GIN indexes (a computed one made it scan). */
const tsquery = (s: SearchTerms) => sql`${s.tsquery ?? ''}::tsquery`;

/** The document matches the words. */
export function searchMatches(s: SearchTerms): RawBuilder<boolean> {
  return s.tsquery ? sql<boolean>`sd.document @@ ${tsquery(s)}` : sql<boolean>`false`;
}

/** Relevance: ts_rank of the weighted document (title A > tags B > description C). */
export function searchRank(s: SearchTerms): RawBuilder<number> {
  return sql<number>`ts_rank(sd.document, ${tsquery(s)})`;
}

/** The prefix query of the words as text (null when none is left). */
export async function searchQueryOf(db: Kysely<Database>, words: string[]): Promise<string | null> {
  if (words.length === 0) return null;
  const result = await sql<{ q: string | null }>`
    select vlog_search_query(string_to_array(${words.join(' ')}, ' '))::text as q`.execute(db);
  return result.rows[0]?.q ?? null;
}

/** Candidates per word: the known words nearest to it by trigram distance (needs pg_trgm's GiST index). */
const NEAREST = 6;

/**
 * For each word, the known words closest to it with their trigram similarity; none when a public video
 * matches the words' query after all (then the filters or the page emptied the list, not the words).
 */
export async function correctionCandidates(db: Kysely<Database>, words: string[], query: string | null) {
  if (words.length === 0) return [];
  const result = await sql<{ input: string; word: string; similarity: number }>`
    select w.input, s.word, similarity(s.word, w.input) as similarity
      from unnest(string_to_array(${words.join(' ')}, ' ')) as w(input)
      cross join lateral (select word from search_words order by word <-> w.input limit ${NEAREST}) s
     where not exists (select 1 from video_search_documents sd
                        where sd.public_at is not null and sd.document @@ ${query ?? ''}::tsquery)`.execute(
    db,
  );
  return result.rows;
}

/** Whether the misspelling fallback can run here (pg_trgm is optional: the migrations degrade without it). */
export async function trigramAvailable(db: Kysely<Database>): Promise<boolean> {
  const result = await sql`select 1 from pg_indexes where indexname = 'ix_search_words_word_trgm'`.execute(
    db,
  );
  return result.rows.length > 0;
}
