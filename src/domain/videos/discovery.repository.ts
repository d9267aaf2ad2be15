import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database.types.js';
import { countedVideos } from './counted-videos.query.js';
import { anyFullTextMatch, searchHeadlines, searchQueryOf, trigramAvailable } from './search.query.js';
import type { CustomFieldRef } from './video-filters.query.js';
import type { VideoRow } from './video.repository.js';

/** How many of the source video's tags the related tiers compare (api-public.md §4.2). */
const RELATED_TAGS = 10;

/** The SQL behind discovery: bulk reads, related videos, custom-field filter lookups, search helpers. */
export function createDiscoveryRepository(db: Kysely<Database>) {
  /** Public videos (ready, published, not deleted) as list rows, with category and view count. */
  const publicRows = () =>
    db
      .selectFrom('videos as v')
      .leftJoin('categories as c', 'c.id', 'v.category_id')
      .where(countedVideos('public'))
      .selectAll('v')
      .select(['c.name as category_name', 'c.slug as category_slug'])
      .select(
        sql<number>`(select count(*)::int from playback_sessions ps where ps.video_id = v.id)`.as(
          'view_count',
        ),
      );

  let trigram: Promise<boolean> | null = null;

  return {
    /** The definitions of these `custom.<slug>` filter slugs (several per slug when categories share one). */
    async customFields(slugs: string[]): Promise<CustomFieldRef[]> {
      if (slugs.length === 0) return [];
      return db
        .selectFrom('custom_field_definitions')
        .select(['id', 'slug', 'field_type'])
        .where('slug', 'in', slugs)
        .execute();
    },

    /** Public videos among `ids` (any order; the caller keeps the requested one). */
    async publicByIds(ids: number[]): Promise<VideoRow[]> {
      if (ids.length === 0) return [];
      return publicRows().where('v.id', 'in', ids).execute();
    },

    /** `view_count` of each video: its playback sessions, all time (api-public.md §2). */
    async viewCounts(ids: number[]): Promise<Map<number, number>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom('playback_sessions')
        .select(['video_id', sql<number>`count(*)::int`.as('n')])
        .where('video_id', 'in', ids)
        .groupBy('video_id')
        .execute();
      return new Map(rows.map((r) => [r.video_id ?? 0, Number(r.n)]));
    },

    /** A public video's id, category and first tags (by name), the seed of its related videos. */
    async relatedSource(slug: string) {
      const video = await db
        .selectFrom('videos as v')
        .select(['v.id', 'v.category_id'])
        .where('v.slug', '=', slug)
        .where(countedVideos('public'))
        .executeTakeFirst();
      if (!video) return null;
      const tags = await db
        .selectFrom('video_tags as vt')
        .innerJoin('tags as t', 't.id', 'vt.tag_id')
        .select('t.id')
        .where('vt.video_id', '=', video.id)
        .orderBy('t.name')
        .limit(RELATED_TAGS)
        .execute();
      return { id: video.id, categoryId: video.category_id, tagIds: tags.map((t) => t.id) };
    },

    /** Up to `limit` public videos meeting `condition`, newest first, none of `exclude`. */
    async relatedTier(condition: RawBuilder<boolean>, exclude: number[], limit: number): Promise<VideoRow[]> {
      return publicRows()
        .where(condition)
        .where('v.id', 'not in', exclude)
        .orderBy('v.published_at', 'desc')
        .orderBy('v.id', 'desc')
        .limit(limit)
        .execute();
    },

    headlines: (ids: number[], query: string | null) => searchHeadlines(db, ids, query),
    searchQuery: (words: string[]) => searchQueryOf(db, words),
    anyFullTextMatch: (query: string) => anyFullTextMatch(db, query),

    /** Asked once per process: installing pg_trgm later takes a restart to be used. */
    hasTrigram(): Promise<boolean> {
      // A failed look-up (database briefly away) is asked again next time rather than remembered.
      trigram ??= trigramAvailable(db).catch(() => {
        trigram = null;
        return false;
      });
      return trigram;
    },
  };
}

export type DiscoveryRepository = ReturnType<typeof createDiscoveryRepository>;

/** The related tiers' conditions on `v` (api-public.md §4.2), built from the source video. */
export function relatedTiers(source: { categoryId: number | null; tagIds: number[] }): RawBuilder<boolean>[] {
  const sameCategory = source.categoryId === null ? null : sql<boolean>`v.category_id = ${source.categoryId}`;
  const sharesTag =
    source.tagIds.length === 0
      ? null
      : sql<boolean>`exists (select 1 from video_tags vt
          where vt.video_id = v.id and vt.tag_id in (${sql.join(source.tagIds)}))`;
  const tiers = [
    sameCategory && sharesTag ? sql<boolean>`${sameCategory} and ${sharesTag}` : null,
    sameCategory,
    sharesTag,
    sql<boolean>`true`,
  ];
  return tiers.filter((t): t is RawBuilder<boolean> => t !== null);
}
