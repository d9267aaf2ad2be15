import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.types.js';

/** A public video's columns a sitemap entry needs (its thumbnail URL is made from the same columns). */
export interface SitemapVideoRow {
  id: number;
  slug: string;
  title: string;
  description: string | null;
  duration: number | null;
  status: string | null;
  thumbnail_source: string | null;
  thumbnail_timestamp: number | null;
  published_at: Date;
}

/** A browsable page: a category, tag or playlist slug, with the date of its newest public video if known. */
export interface SitemapPageRow {
  slug: string;
  lastmod: Date | null;
}

/** The public site's pages, read for /sitemap.xml: published, non-deleted videos and what groups them. */
export function createSitemapRepository(db: Kysely<Database>) {
  const publicVideos = () =>
    db.selectFrom('videos as v').where('v.deleted_at', 'is', null).where('v.published_at', 'is not', null);

  return {
    async countVideos(): Promise<number> {
      const row = await publicVideos()
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Oldest first, so a page of the sitemap keeps its URLs as new videos are published. */
    async videos(offset: number, limit: number): Promise<SitemapVideoRow[]> {
      const rows = await publicVideos()
        .select([
          'v.id',
          'v.slug',
          'v.title',
          'v.description',
          'v.duration',
          'v.status',
          'v.thumbnail_source',
          'v.thumbnail_timestamp',
          'v.published_at',
        ])
        .orderBy('v.published_at')
        .orderBy('v.id')
        .offset(offset)
        .limit(limit)
        .execute();
      return rows.map((r) => ({ ...r, published_at: r.published_at as Date }));
    },

    /** Categories and tags holding at least one public video (an empty listing page is not worth indexing). */
    async categories(): Promise<SitemapPageRow[]> {
      return publicVideos()
        .innerJoin('categories as c', 'c.id', 'v.category_id')
        .select(['c.slug', sql<Date | null>`max(v.published_at)`.as('lastmod')])
        .groupBy('c.slug')
        .orderBy('c.slug')
        .execute();
    },

    async tags(): Promise<SitemapPageRow[]> {
      return publicVideos()
        .innerJoin('video_tags as vt', 'vt.video_id', 'v.id')
        .innerJoin('tags as t', 't.id', 'vt.tag_id')
        .select(['t.slug', sql<Date | null>`max(v.published_at)`.as('lastmod')])
        .groupBy('t.slug')
        .orderBy('t.slug')
        .execute();
    },

    /** Listed (visibility public) playlists; unlisted ones are reachable by link only. */
    async playlists(): Promise<SitemapPageRow[]> {
      return db
        .selectFrom('playlists as p')
        .select(['p.slug', sql<Date | null>`coalesce(p.updated_at, p.created_at)`.as('lastmod')])
        .where('p.deleted_at', 'is', null)
        .where('p.visibility', '=', 'public')
        .orderBy('p.slug')
        .execute();
    },
  };
}

export type SitemapRepository = ReturnType<typeof createSitemapRepository>;
