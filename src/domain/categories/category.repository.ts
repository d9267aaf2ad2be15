import { sql, type Kysely } from 'kysely';
import type { Category, Database } from '../../db/database.types.js';
import { countedVideos, type VideoCountScope } from '../videos/counted-videos.query.js';

export type CategoryWithCount = Category & { video_count: number };
export type { VideoCountScope };

export function createCategoryRepository(db: Kysely<Database>) {
  function withCounts(scope: VideoCountScope) {
    return db
      .selectFrom('categories as c')
      .selectAll('c')
      .select((eb) =>
        eb
          .selectFrom('videos as v')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('v.category_id', '=', 'c.id')
          .where(countedVideos(scope))
          .as('video_count'),
      );
  }

  return {
    async list(scope: VideoCountScope): Promise<CategoryWithCount[]> {
      const rows = await withCounts(scope).orderBy('c.name').execute();
      return rows.map((r) => ({ ...r, video_count: Number(r.video_count ?? 0) }));
    },

    async findBySlug(slug: string, scope: VideoCountScope): Promise<CategoryWithCount | null> {
      const r = await withCounts(scope).where('c.slug', '=', slug).executeTakeFirst();
      return r ? { ...r, video_count: Number(r.video_count ?? 0) } : null;
    },

    async findById(id: number, scope: VideoCountScope): Promise<CategoryWithCount | null> {
      const r = await withCounts(scope).where('c.id', '=', id).executeTakeFirst();
      return r ? { ...r, video_count: Number(r.video_count ?? 0) } : null;
    },

    /** Whether another category than `id` has this slug. */
    async slugTaken(slug: string, exceptId: number): Promise<boolean> {
      const r = await db
        .selectFrom('categories')
        .select('id')
        .where('slug', '=', slug)
        .where('id', '!=', exceptId)
        .executeTakeFirst();
      return r !== undefined;
    },

    async update(id: number, values: { name?: string; slug?: string; description?: string }): Promise<void> {
      await db.updateTable('categories').set(values).where('id', '=', id).execute();
    },

    async exists(id: number): Promise<boolean> {
      return !!(await db.selectFrom('categories').select('id').where('id', '=', id).executeTakeFirst());
    },

    /** Inserts unless the slug is taken; returns null on a duplicate slug. */
    async insert(values: { name: string; slug: string; description: string }): Promise<Category | null> {
      const row = await db
        .insertInto('categories')
        .values(values)
        .onConflict((oc) => oc.column('slug').doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ?? null;
    },

    /** Uncategorises its videos and deletes the category in one transaction (its custom fields cascade). */
    async delete(id: number): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        await trx.updateTable('videos').set({ category_id: null }).where('category_id', '=', id).execute();
        const r = await trx.deleteFrom('categories').where('id', '=', id).executeTakeFirst();
        return Number(r.numDeletedRows) > 0;
      });
    },
  };
}

export type CategoryRepository = ReturnType<typeof createCategoryRepository>;
