import { sql } from 'kysely';
import type { TagRef, VideoRow } from './video.repository.js';

/**
 * What a public list item needs beyond the video row, selected in the same statement as the rows (the
 * page's tags and view counts in two more round trips cost more than the subqueries on 24 rows): on `v`,
 * an alias of `videos`.
 */
export type VideoListRow = ListItemFields & { tags: TagRef[]; view_count: number };

/** The columns of `videos` a list item shows (video.mapper.ts toVideoListItem): 13 of 27. */
export const LIST_ITEM_COLUMNS = [
  'v.id',
  'v.title',
  'v.slug',
  'v.description',
  'v.category_id',
  'v.duration',
  'v.status',
  'v.created_at',
  'v.published_at',
  'v.thumbnail_source',
  'v.thumbnail_timestamp',
  'v.streaming_format',
  'v.primary_codec',
] as const;

type Unprefixed<T extends string> = T extends `v.${infer C}` ? C : never;
export type ListItemFields = Pick<VideoRow, Unprefixed<(typeof LIST_ITEM_COLUMNS)[number]> | 'category_name'>;

/**
 * The video's tags by name, as a JSON array of {id, name, slug}: kept with its search document by the
 * document's triggers (migrations/0009), one primary-key look-up instead of a join per row.
 */
export const tagsOfVideo = sql<TagRef[]>`coalesce((select sd.tags from video_search_documents sd
  where sd.video_id = v.id), '[]'::json)`;

/**
 * `view_count`: the video's playback sessions, all time (api-public.md §2), as their triggers keep them in
 * video_view_counts (migrations/0010): one primary-key look-up, however many views.
 */
export const viewsOfVideo = sql<number>`coalesce((select vc.view_count from video_view_counts vc
  where vc.video_id = v.id), 0)`;
