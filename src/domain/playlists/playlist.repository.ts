import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type { Database, Playlist, PlaylistsTable } from '../../db/database.types.js';
import { countedVideos, type VideoCountScope } from '../videos/counted-videos.query.js';

/** Which playlists and videos a reader sees: the admin (every non-deleted one) or the public site. */
export type PlaylistScope = VideoCountScope;

/** A video of a playlist, with what its thumbnail URL needs. */
export interface PlaylistVideoRow {
  id: number;
  title: string;
  slug: string;
  duration: number | null;
  status: string | null;
  thumbnail_source: string | null;
  thumbnail_timestamp: number | null;
  position: number;
}

export type PlaylistRow = Playlist & {
  video_count: number;
  total_duration: number;
  /** The first counted ready video of the playlist (its thumbnail stands for the playlist's). */
  cover: PlaylistVideoRow | null;
};

export interface PlaylistListFilter {
  scope: PlaylistScope;
  playlistType?: string;
  featured?: boolean;
  limit: number;
  offset: number;
}

export type PlaylistValues = Partial<
  Pick<Playlist, 'title' | 'slug' | 'description' | 'visibility' | 'playlist_type' | 'is_featured'>
>;

/** Why a membership change did not happen. */
export type ItemRefusal = 'no_playlist' | 'no_video' | 'already_in' | 'not_in';

const VIDEO_COLUMNS = [
  'v.id',
  'v.title',
  'v.slug',
  'v.duration',
  'v.status',
  'v.thumbnail_source',
  'v.thumbnail_timestamp',
] as const;

/** SQL for playlists and playlist_items. Membership changes lock the playlist row (one writer at a time). */
export function createPlaylistRepository(db: Kysely<Database>) {
  /** Non-deleted playlists with the counts of the videos `scope` sees. */
  function withCounts(scope: PlaylistScope) {
    const members = (eb: ExpressionBuilder<Database & { p: PlaylistsTable }, 'p'>) =>
      eb
        .selectFrom('playlist_items as pi')
        .innerJoin('videos as v', 'v.id', 'pi.video_id')
        .whereRef('pi.playlist_id', '=', 'p.id')
        .where(countedVideos(scope));
    return db
      .selectFrom('playlists as p')
      .selectAll('p')
      .select((eb) => [
        members(eb)
          .select(sql<number>`count(*)::int`.as('n'))
          .as('video_count'),
        members(eb)
          .select(sql<number>`coalesce(sum(v.duration), 0)::float8`.as('d'))
          .as('total_duration'),
        members(eb)
          .where('v.status', '=', 'ready')
          .select('v.id')
          .orderBy('pi.position')
          .orderBy('pi.id')
          .limit(1)
          .as('cover_id'),
      ])
      .where('p.deleted_at', 'is', null)
      .$if(scope === 'public', (q) => q.where('p.visibility', 'in', ['public', 'unlisted']));
  }

  /** The rows with their counts as numbers and their cover video attached. */
  async function finish(
    rows: Array<
      Playlist & { video_count: number | null; total_duration: number | null; cover_id: number | null }
    >,
  ): Promise<PlaylistRow[]> {
    const coverIds = [...new Set(rows.map((r) => r.cover_id).filter((id): id is number => id !== null))];
    const covers = coverIds.length
      ? await db
          .selectFrom('videos as v')
          .select([...VIDEO_COLUMNS, sql<number>`0`.as('position')])
          .where('v.id', 'in', coverIds)
          .execute()
      : [];
    const byId = new Map(covers.map((c) => [c.id, c]));
    return rows.map(({ cover_id, ...r }) => ({
      ...r,
      video_count: Number(r.video_count ?? 0),
      total_duration: Number(r.total_duration ?? 0),
      cover: cover_id === null ? null : (byId.get(cover_id) ?? null),
    }));
  }

  /** Locks a non-deleted playlist's row for the rest of `trx`; false when there is none. */
  async function lockPlaylist(trx: Transaction<Database>, id: number): Promise<boolean> {
    const row = await trx
      .selectFrom('playlists')
      .select('id')
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * The seed's unique index on slug covers deleted playlists too: a deleted playlist holding `slug` gives it
   * up (its slug becomes `<id>~<slug>`, which slugify never produces) so that a new one may take it.
   */
  async function releaseDeletedSlug(trx: Transaction<Database>, slug: string): Promise<void> {
    await trx
      .updateTable('playlists')
      .set({ slug: sql<string>`left(id::text || '~' || slug, 255)` })
      .where('slug', '=', slug)
      .where('deleted_at', 'is not', null)
      .execute();
  }

  return {
    async list(filter: PlaylistListFilter): Promise<{ rows: PlaylistRow[]; total: number }> {
      let q = withCounts(filter.scope);
      if (filter.scope === 'public') q = q.where('p.visibility', '=', 'public');
      if (filter.playlistType) q = q.where('p.playlist_type', '=', filter.playlistType);
      if (filter.featured !== undefined) q = q.where('p.is_featured', '=', filter.featured);
      const ordered =
        filter.scope === 'public'
          ? q.orderBy('p.is_featured', 'desc').orderBy('p.created_at', 'desc')
          : q.orderBy('p.created_at', 'desc');
      const rows = await ordered.orderBy('p.id', 'desc').limit(filter.limit).offset(filter.offset).execute();
      const total = await q
        .clearSelect()
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      return { rows: await finish(rows), total: Number(total.n) };
    },

    async find(by: { id: number } | { slug: string }, scope: PlaylistScope): Promise<PlaylistRow | null> {
      const q = withCounts(scope);
      const row = await (
        'id' in by ? q.where('p.id', '=', by.id) : q.where('p.slug', '=', by.slug)
      ).executeTakeFirst();
      return row ? ((await finish([row]))[0] ?? null) : null;
    },

    /** The videos `scope` sees, by position. */
    videos: (playlistId: number, scope: PlaylistScope): Promise<PlaylistVideoRow[]> =>
      db
        .selectFrom('playlist_items as pi')
        .innerJoin('videos as v', 'v.id', 'pi.video_id')
        .select([...VIDEO_COLUMNS, sql<number>`coalesce(pi.position, 0)`.as('position')])
        .where('pi.playlist_id', '=', playlistId)
        .where(countedVideos(scope))
        .orderBy('pi.position')
        .orderBy('pi.id')
        .execute(),

    /** Inserts unless a live playlist has the slug (null then). */
    insert: (values: PlaylistValues & { title: string; slug: string }): Promise<Playlist | null> =>
      db.transaction().execute(async (trx) => {
        await releaseDeletedSlug(trx, values.slug);
        const row = await trx
          .insertInto('playlists')
          .values({ ...values, created_at: new Date() })
          .onConflict((oc) => oc.doNothing())
          .returningAll()
          .executeTakeFirst();
        return row ?? null;
      }),

    /** Updates a live playlist (updated_at bumped): 'missing', 'taken' (the new slug is another's) or 'ok'. */
    update: (id: number, values: PlaylistValues): Promise<'ok' | 'missing' | 'taken'> =>
      db.transaction().execute(async (trx) => {
        if (!(await lockPlaylist(trx, id))) return 'missing';
        if (values.slug !== undefined) {
          await releaseDeletedSlug(trx, values.slug);
          const other = await trx
            .selectFrom('playlists')
            .select('id')
            .where('slug', '=', values.slug)
            .where('id', '!=', id)
            .executeTakeFirst();
          if (other) return 'taken';
        }
        await trx
          .updateTable('playlists')
          .set({ ...values, updated_at: new Date() })
          .where('id', '=', id)
          .execute();
        return 'ok';
      }),

    async softDelete(id: number): Promise<boolean> {
      const r = await db
        .updateTable('playlists')
        .set({ deleted_at: new Date() })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /**
     * Puts a non-deleted video at `position` (items from there on move down one) or, without one or past
     * the end, after the last item. Returns the position it got.
     */
    addVideo: (input: { playlistId: number; videoId: number; position?: number }) =>
      db.transaction().execute(async (trx): Promise<number | ItemRefusal> => {
        if (!(await lockPlaylist(trx, input.playlistId))) return 'no_playlist';
        const video = await trx
          .selectFrom('videos')
          .select('id')
          .where('id', '=', input.videoId)
          .where('deleted_at', 'is', null)
          .executeTakeFirst();
        if (!video) return 'no_video';
        const items = trx.selectFrom('playlist_items').where('playlist_id', '=', input.playlistId);
        if (await items.select('id').where('video_id', '=', input.videoId).executeTakeFirst())
          return 'already_in';
        const { next } = await items
          .select(sql<number>`coalesce(max(position) + 1, 0)::int`.as('next'))
          .executeTakeFirstOrThrow();
        const position = input.position === undefined ? next : Math.min(input.position, next);
        await trx
          .updateTable('playlist_items')
          .set({ position: sql<number>`position + 1` })
          .where('playlist_id', '=', input.playlistId)
          .where('position', '>=', position)
          .execute();
        await trx
          .insertInto('playlist_items')
          .values({ playlist_id: input.playlistId, video_id: input.videoId, position, added_at: new Date() })
          .execute();
        return position;
      }),

    /** Removes the video; the items after it move up one. */
    removeVideo: (playlistId: number, videoId: number) =>
      db.transaction().execute(async (trx): Promise<'ok' | ItemRefusal> => {
        if (!(await lockPlaylist(trx, playlistId))) return 'no_playlist';
        const gone = await trx
          .deleteFrom('playlist_items')
          .where('playlist_id', '=', playlistId)
          .where('video_id', '=', videoId)
          .returning('position')
          .executeTakeFirst();
        if (!gone) return 'not_in';
        await trx
          .updateTable('playlist_items')
          .set({ position: sql<number>`position - 1` })
          .where('playlist_id', '=', playlistId)
          .where('position', '>', gone.position ?? 0)
          .execute();
        return 'ok';
      }),

    /**
     * Sets positions under the playlist's lock. `decide` sees the current members (video ids of non-deleted
     * videos by position; those of deleted videos keep their order after them) and returns the new order of the
     * live ones, or throws to refuse.
     */
    reorder: (playlistId: number, decide: (live: number[]) => number[]) =>
      db.transaction().execute(async (trx): Promise<'ok' | 'no_playlist'> => {
        if (!(await lockPlaylist(trx, playlistId))) return 'no_playlist';
        const items = await trx
          .selectFrom('playlist_items as pi')
          .innerJoin('videos as v', 'v.id', 'pi.video_id')
          .select(['v.id', sql<boolean>`v.deleted_at is null`.as('live')])
          .where('pi.playlist_id', '=', playlistId)
          .orderBy('pi.position')
          .orderBy('pi.id')
          .execute();
        const order = [
          ...decide(items.filter((i) => i.live).map((i) => i.id)),
          ...items.filter((i) => !i.live).map((i) => i.id),
        ];
        if (order.length === 0) return 'ok';
        const rows = sql.join(order.map((videoId, position) => sql`(${videoId}::int, ${position}::int)`));
        await sql`update playlist_items as pi set position = x.position
          from (values ${rows}) as x(video_id, position)
          where pi.playlist_id = ${playlistId} and pi.video_id = x.video_id`.execute(trx);
        return 'ok';
      }),
  };
}

export type PlaylistRepository = ReturnType<typeof createPlaylistRepository>;
