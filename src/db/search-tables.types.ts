/**
 * Kysely types of the tables VLog adds for search and the public list (not in the seed): kept by triggers
 * (migrations 0002, 0003, 0006, 0009, 0010), read by the search and list queries.
 */
import type { Generated } from 'kysely';

export interface VideoSearchDocumentsTable {
  video_id: number;
  document: string;
  /** The video's published_at while it is public, else null (migrations/0003_search_speed.sql). */
  public_at: Date | null;
  tags: Generated<unknown>; // {id, name, slug}[] by name (migrations/0009)
}
export interface SearchWordsTable {
  word: string;
}
/** Each video's playback sessions, counted by their triggers (migrations/0010_view_counts.sql). */
export interface VideoViewCountsTable {
  video_id: number;
  view_count: Generated<number>;
}
