import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/database.types.js';
import { adminVideoFilter, type AdminVideoFilter } from '../admin-video-filter.query.js';

/** The rows of an export, newest first, and how many match in all. */
export function createVideoExportRepository(db: Kysely<Database>) {
  return {
    async page(filter: AdminVideoFilter, page: { limit: number; offset: number }) {
      const base = db.selectFrom('videos as v').where(adminVideoFilter(filter));
      const rows = await base
        .leftJoin('categories as c', 'c.id', 'v.category_id')
        .select([
          'v.id',
          'v.title',
          'v.slug',
          'v.description',
          'v.category_id',
          'c.name as category_name',
          'v.duration',
          'v.source_width',
          'v.source_height',
          'v.status',
          'v.created_at',
          'v.published_at',
        ])
        .orderBy('v.created_at', 'desc')
        .orderBy('v.id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      const total = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirst();
      return { rows, total: Number(total?.n ?? 0) };
    },
  };
}

export type VideoExportRepository = ReturnType<typeof createVideoExportRepository>;
