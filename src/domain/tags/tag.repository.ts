import { sql, type Kysely } from 'kysely';
import type { Database, Tag } from '../../db/database.types.js';
import { countedVideos, type VideoCountScope } from '../videos/counted-videos.query.js';

export type TagWithCount = Tag & { video_count: number };
export type TagCountScope = VideoCountScope;

/** SQL for tags and video_tags. */
export function createTagRepository(db: Kysely<Database>) {
  function withCounts(scope: TagCountScope) {
    return db
      .selectFrom('tags as t')
      .selectAll('t')
      .select((eb) =>
        eb
          .selectFrom('video_tags as vt')
          .innerJoin('videos as v', 'v.id', 'vt.video_id')
          .select(sql<number>`count(distinct v.id)::int`.as('n'))
          .whereRef('vt.tag_id', '=', 't.id')
          .where(countedVideos(scope))
          .as('video_count'),
      );
  }
  const counted = (r: Tag & { video_count: number | null }): TagWithCount => ({
    ...r,
    video_count: Number(r.video_count ?? 0),
  });

  return {
    list: async (scope: TagCountScope) => (await withCounts(scope).orderBy('t.name').execute()).map(counted),

    async find(by: { id: number } | { slug: string }, scope: TagCountScope): Promise<TagWithCount | null> {
      const q = withCounts(scope);
      const r = await (
        'id' in by ? q.where('t.id', '=', by.id) : q.where('t.slug', '=', by.slug)
      ).executeTakeFirst();
      return r ? counted(r) : null;
    },

    /** Inserts unless the name or slug is taken (null then: the unique indexes decide). */
    async insert(values: { name: string; slug: string }): Promise<Tag | null> {
      const row = await db
        .insertInto('tags')
        .values(values)
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ?? null;
    },

    /** Whether another tag than `id` has this name or slug. */
    async taken(values: { name: string; slug: string }, exceptId: number): Promise<boolean> {
      const r = await db
        .selectFrom('tags')
        .select('id')
        .where((eb) => eb.or([eb('name', '=', values.name), eb('slug', '=', values.slug)]))
        .where('id', '!=', exceptId)
        .executeTakeFirst();
      return r !== undefined;
    },

    async rename(id: number, values: { name: string; slug: string }): Promise<boolean> {
      const r = await db.updateTable('tags').set(values).where('id', '=', id).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /** Removes the tag from its videos, then the tag, in one transaction. */
    async delete(id: number): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        await trx.deleteFrom('video_tags').where('tag_id', '=', id).execute();
        const r = await trx.deleteFrom('tags').where('id', '=', id).executeTakeFirst();
        return Number(r.numDeletedRows) > 0;
      });
    },

    /** Of `ids`, those that are tags. */
    async existing(ids: number[]): Promise<number[]> {
      if (ids.length === 0) return [];
      return (await db.selectFrom('tags').select('id').where('id', 'in', ids).execute()).map((r) => r.id);
    },

    videoExists: async (videoId: number) =>
      (await db.selectFrom('videos').select('id').where('id', '=', videoId).executeTakeFirst()) !== undefined,

    videoTags: (videoId: number) =>
      db
        .selectFrom('video_tags as vt')
        .innerJoin('tags as t', 't.id', 'vt.tag_id')
        .select(['t.id', 't.name', 't.slug'])
        .where('vt.video_id', '=', videoId)
        .orderBy('t.name')
        .execute(),

    /** Replaces the video's tags with `ids` in one transaction (the video row locked meanwhile). */
    async setVideoTags(videoId: number, ids: number[]): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.selectFrom('videos').select('id').where('id', '=', videoId).forUpdate().execute();
        await trx.deleteFrom('video_tags').where('video_id', '=', videoId).execute();
        if (ids.length > 0)
          await trx
            .insertInto('video_tags')
            .values(ids.map((tag_id) => ({ video_id: videoId, tag_id })))
            .execute();
      });
    },

    async removeVideoTag(videoId: number, tagId: number): Promise<boolean> {
      const r = await db
        .deleteFrom('video_tags')
        .where('video_id', '=', videoId)
        .where('tag_id', '=', tagId)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}

export type TagRepository = ReturnType<typeof createTagRepository>;
