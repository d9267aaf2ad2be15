import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database.types.js';
import { countedVideos } from './counted-videos.query.js';
import { LIST_ITEM_COLUMNS, tagsOfVideo, viewsOfVideo, type VideoListRow } from './list-row.query.js';
import { correctionCandidates, searchQueryOf, trigramAvailable } from './search.query.js';
import { comparedAsJsonText, tagIdOf } from './video-filters.query.js';

/** How many of the source video's tags the related tiers compare (api-public.md §4.2). */
const RELATED_TAGS = 10;

/** The SQL behind discovery: bulk reads, related videos, custom-field filter lookups, search helpers. */
export function createDiscoveryRepository(db: Kysely<Database>) {
  /** Public videos (ready, published, not deleted) as list rows: category, tags, view count. */
  const publicRows = () =>
    db
      .selectFrom('videos as v')
      .leftJoin('categories as c', 'c.id', 'v.category_id')
      .where(countedVideos('public'))
      .select(LIST_ITEM_COLUMNS)
      .select(['c.name as category_name', tagsOfVideo.as('tags'), viewsOfVideo.as('view_count')]);

  let trigram: Promise<boolean> | null = null;

  return {
    /** Public videos among `ids` (any order; the caller keeps the requested one). */
    async publicByIds(ids: number[]): Promise<VideoListRow[]> {
      if (ids.length === 0) return [];
      return publicRows().where('v.id', 'in', ids).execute();
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
    async relatedTier(
      condition: RawBuilder<boolean>,
      exclude: number[],
      limit: number,
    ): Promise<VideoListRow[]> {
      return publicRows()
        .where(condition)
        .where('v.id', 'not in', exclude)
        .orderBy('v.published_at', 'desc')
        .orderBy('v.id', 'desc')
        .limit(limit)
        .execute();
    },

    /**
     * The id of the custom field with this slug when it is the only one and is compared by its JSON text
     * (then the public list can read a value's videos from ix_video_custom_fields_public); else null.
     */
    async indexedFieldId(slug: string): Promise<number | null> {
      const fields = await db
        .selectFrom('custom_field_definitions')
        .select(['id', 'field_type'])
        .where('slug', '=', slug)
        .limit(2)
        .execute();
      const [field] = fields;
      return fields.length === 1 && comparedAsJsonText(field!.field_type) ? field!.id : null;
    },

    /** Whether at most `few` public videos have the tag with this slug (counts no further than that). */
    async tagHasFewVideos(slug: string, few: number): Promise<boolean> {
      const { n } = await db
        .selectFrom((d) =>
          d
            .selectFrom('video_tags as vt')
            .select(sql`1`.as('one'))
            .where('vt.public_at', 'is not', null)
            .where(sql<boolean>`vt.tag_id = ${tagIdOf(slug)}`)
            .limit(few + 1)
            .as('links'),
        )
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      return n <= few;
    },

    correctionCandidates: (words: string[], query: string | null) => correctionCandidates(db, words, query),
    searchQuery: (words: string[]) => searchQueryOf(db, words),

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
