import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, NewVideo, Video, VideoQuality } from '../../db/database.types.js';
import { adminVideoFilter, type AdminVideoFilter } from './admin-video-filter.query.js';
import type { VideoListRow } from './list-row.query.js';
import { buildPublicListQuery, type PublicListQuery } from './video-list.query.js';

export type VideoRow = Video & { category_name: string | null; category_slug: string | null };
export interface TagRef {
  id: number;
  name: string;
  slug: string;
}

/** What the public detail shows of a transcription (captions_url, captions_language, transcription_status). */
export interface TranscriptionRef {
  status: string;
  vtt_path: string | null;
  language: string | null;
}

const MAX_SLUG_ATTEMPTS = 100;

export function createVideoRepository(db: Kysely<Database>) {
  const withCategory = (q: Kysely<Database> | Transaction<Database> = db) =>
    q
      .selectFrom('videos as v')
      .leftJoin('categories as c', 'c.id', 'v.category_id')
      .selectAll('v')
      .select(['c.name as category_name', 'c.slug as category_slug']);

  return {
    /**
     * Inserts a video under the first free slug among base, base-1 … base-100 (inside `trx`).
     * Returns null when all are taken.
     */
    async insertWithUniqueSlug(trx: Transaction<Database>, values: Omit<NewVideo, 'slug'>, base: string) {
      for (let i = 0; i <= MAX_SLUG_ATTEMPTS; i++) {
        const slug = i === 0 ? base : `${base.slice(0, 250)}-${i}`;
        const row = await trx
          .insertInto('videos')
          .values({ ...values, slug })
          .onConflict((oc) => oc.column('slug').doNothing())
          .returningAll()
          .executeTakeFirst();
        if (row) return row;
      }
      return null;
    },

    async findById(id: number, q: Kysely<Database> | Transaction<Database> = db): Promise<VideoRow | null> {
      return (await withCategory(q).where('v.id', '=', id).executeTakeFirst()) ?? null;
    },

    /** A published, non-deleted video (any status), for the public detail page. */
    async findPublishedBySlug(slug: string): Promise<VideoRow | null> {
      const row = await withCategory()
        .where('v.slug', '=', slug)
        .where('v.deleted_at', 'is', null)
        .where('v.published_at', 'is not', null)
        .executeTakeFirst();
      return row ?? null;
    },

    /** What decides whether a video's files may be served publicly (media-visibility.ts). */
    async findMediaState(slug: string) {
      const row = await db
        .selectFrom('videos')
        .select(['id', 'published_at', 'deleted_at'])
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row ?? null;
    },

    async listPublic(q: PublicListQuery) {
      const { page, total, countedInPage, keyset, byCursor } = buildPublicListQuery(db, q);
      const rows = (await page.execute()) as Array<VideoListRow & { total: number | null }>;
      // An offset page that reached the end (not past it) knows the total: no count statement. A misspelt
      // search's first, empty try, and most filtered lists, end on their first page.
      const ended = !byCursor && rows.length <= q.limit && (rows.length > 0 || q.offset === 0);
      const inPage = countedInPage ? rows[0]?.total : null;
      const totalCount = !q.includeTotal
        ? null
        : ended
          ? q.offset + rows.length
          : (inPage ?? Number((await total.executeTakeFirst())?.n ?? 0));
      return { rows, totalCount, keyset };
    },

    /** Newest first; keyset pagination on (created_at, id) when `after` is given, else offset. */
    async listAdmin(q: {
      filter: AdminVideoFilter;
      limit: number;
      offset: number;
      includeTotal: boolean;
      after?: { at: Date; id: number } | null;
    }) {
      const base = db.selectFrom('videos as v').where(adminVideoFilter(q.filter));
      const after = q.after;
      const rows = await base
        .$if(!!after, (b) =>
          b.where(
            sql<boolean>`(date_trunc('milliseconds', v.created_at), v.id) < (${after?.at ?? null}, ${after?.id ?? null})`,
          ),
        )
        .leftJoin('categories as c', 'c.id', 'v.category_id')
        .selectAll('v')
        .select(['c.name as category_name', 'c.slug as category_slug'])
        .orderBy('v.created_at', 'desc')
        .orderBy('v.id', 'desc')
        .limit(q.limit + 1)
        .offset(after ? 0 : q.offset)
        .execute();
      const totalCount = q.includeTotal
        ? Number((await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirst())?.n ?? 0)
        : null;
      return { rows: rows as VideoRow[], totalCount };
    },

    async listArchived(q: { limit: number; offset: number }) {
      const rows = await db
        .selectFrom('videos')
        .select(['id', 'title', 'slug', 'deleted_at', 'created_at'])
        .where('deleted_at', 'is not', null)
        .orderBy('deleted_at', 'desc')
        .limit(q.limit)
        .offset(q.offset)
        .execute();
      const total = await db
        .selectFrom('videos')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('deleted_at', 'is not', null)
        .executeTakeFirst();
      return { rows, total: Number(total?.n ?? 0) };
    },

    async tagsFor(videoIds: number[]): Promise<Map<number, TagRef[]>> {
      const map = new Map<number, TagRef[]>();
      if (videoIds.length === 0) return map;
      const rows = await db
        .selectFrom('video_tags as vt')
        .innerJoin('tags as t', 't.id', 'vt.tag_id')
        .select(['vt.video_id', 't.id', 't.name', 't.slug'])
        .where('vt.video_id', 'in', videoIds)
        .orderBy('t.name')
        .execute();
      for (const r of rows) {
        const list = map.get(r.video_id) ?? [];
        list.push({ id: r.id, name: r.name, slug: r.slug });
        map.set(r.video_id, list);
      }
      return map;
    },

    async qualities(videoId: number): Promise<VideoQuality[]> {
      return db
        .selectFrom('video_qualities')
        .selectAll()
        .where('video_id', '=', videoId)
        .orderBy('height', 'desc')
        .execute();
    },

    /** The video's transcription (status, WebVTT path, language), if one was ever requested. */
    async transcription(videoId: number): Promise<TranscriptionRef | null> {
      const row = await db
        .selectFrom('transcriptions')
        .select(['status', 'vtt_path', 'language'])
        .where('video_id', '=', videoId)
        .executeTakeFirst();
      return row ?? null;
    },

    async setDeletedAt(id: number, at: Date | null): Promise<void> {
      await db.updateTable('videos').set({ deleted_at: at }).where('id', '=', id).execute();
    },

    async deletePermanently(id: number): Promise<void> {
      await db.deleteFrom('videos').where('id', '=', id).execute();
    },

    async videoIdsDeletedBefore(cutoff: Date): Promise<number[]> {
      const rows = await db.selectFrom('videos').select('id').where('deleted_at', '<', cutoff).execute();
      return rows.map((r) => r.id);
    },
  };
}

export type VideoRepository = ReturnType<typeof createVideoRepository>;
