import {
  PLAYLIST_TYPES,
  type PlaylistCreate,
  type PlaylistType,
  type PlaylistUpdate,
  type PlaylistVisibility,
} from '../../contracts/api/playlist.contract.js';
import { badRequest, notFound } from '../shared/errors.js';
import { isValidSlug, slugOrDigest } from '../shared/slug.js';
import { thumbnailUrl } from '../videos/video.mapper.js';
import type {
  ItemRefusal,
  PlaylistRepository,
  PlaylistRow,
  PlaylistScope,
  PlaylistValues,
  PlaylistVideoRow,
} from './playlist.repository.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toPlaylistVideoInfo(v: PlaylistVideoRow) {
  return {
    id: v.id,
    title: v.title,
    slug: v.slug,
    thumbnail_url: thumbnailUrl(v, true),
    duration: v.duration ?? 0,
    position: v.position,
    status: v.status ?? 'pending',
  };
}

/**
 * A playlist's thumbnail: `/{thumbnail_path}` when one is set (no endpoint sets it yet), else the thumbnail of
 * its first ready video that the reader may see (the reference built a NAS URL, or an un-awaited coroutine).
 */
function playlistThumbnail(p: PlaylistRow): string | null {
  if (p.thumbnail_path) return `/${p.thumbnail_path.replace(/^\/+/, '')}`;
  return p.cover ? thumbnailUrl(p.cover, true) : null;
}

export function toPlaylistResponse(p: PlaylistRow) {
  return {
    id: p.id,
    title: p.title,
    slug: p.slug,
    description: p.description,
    thumbnail_url: playlistThumbnail(p),
    visibility: (p.visibility ?? 'public') as PlaylistVisibility,
    playlist_type: (p.playlist_type ?? 'playlist') as PlaylistType,
    is_featured: p.is_featured ?? false,
    video_count: p.video_count,
    total_duration: p.total_duration,
    created_at: iso(p.created_at),
    updated_at: iso(p.updated_at),
  };
}

const DUPLICATE = 'Playlist with this title already exists';
const NOT_FOUND = 'Playlist not found';
const REFUSALS: Record<ItemRefusal, () => Error> = {
  no_playlist: () => notFound(NOT_FOUND),
  no_video: () => notFound('Video not found'),
  already_in: () => badRequest('Video already in playlist'),
  not_in: () => notFound('Video not in playlist'),
};

/** The title trimmed and its slug; a blank title is refused. */
function titled(raw: string): { title: string; slug: string } {
  const title = raw.trim();
  if (!title) throw badRequest('Playlist title is required');
  return { title, slug: slugOrDigest(title, { fallback: 'playlist', maxLength: 255 }) };
}

/** The new order of a playlist: exactly its current videos, each once (api-admin.md §8 reorder). */
export function checkReorder(current: number[], wanted: number[]): number[] {
  const have = new Set(current);
  const want = new Set(wanted);
  const missing = current.filter((id) => !want.has(id));
  const unknown = [...want].filter((id) => !have.has(id));
  if (missing.length > 0 || unknown.length > 0)
    throw badRequest(
      `Missing video IDs: [${missing.join(', ')}]; Unknown video IDs: [${unknown.join(', ')}]`,
    );
  const repeated = [...new Set(wanted.filter((id, i) => wanted.indexOf(id) !== i))];
  if (repeated.length > 0) throw badRequest(`Duplicate video IDs: [${repeated.join(', ')}]`);
  return wanted;
}

/** Playlists (api-admin.md §8) and their public reading (api-public.md §4.4). */
export function createPlaylistService(deps: { playlists: PlaylistRepository }) {
  const { playlists } = deps;

  async function detail(row: PlaylistRow | null, scope: PlaylistScope) {
    if (!row) throw notFound(NOT_FOUND);
    const videos = (await playlists.videos(row.id, scope)).map(toPlaylistVideoInfo);
    return { ...toPlaylistResponse(row), videos };
  }

  async function requireLive(id: number): Promise<PlaylistRow> {
    const row = await playlists.find({ id }, 'all');
    if (!row) throw notFound(NOT_FOUND);
    return row;
  }

  const requireSlug = (slug: string) => {
    if (!isValidSlug(slug)) throw badRequest('Invalid playlist slug');
    return slug;
  };

  function requireType(type: string | undefined): PlaylistType | undefined {
    if (type === undefined || (PLAYLIST_TYPES as readonly string[]).includes(type))
      return type as PlaylistType | undefined;
    throw badRequest(`Invalid playlist type. Valid options: ${PLAYLIST_TYPES.join(', ')}`);
  }

  return {
    async listAdmin(page: { limit: number; offset: number }) {
      const { rows, total } = await playlists.list({ scope: 'all', ...page });
      return { playlists: rows.map(toPlaylistResponse), total_count: total };
    },

    async listPublic(query: { playlist_type?: string; featured?: boolean; limit: number; offset: number }) {
      const { rows, total } = await playlists.list({
        scope: 'public',
        playlistType: requireType(query.playlist_type),
        featured: query.featured,
        limit: query.limit,
        offset: query.offset,
      });
      return { playlists: rows.map(toPlaylistResponse), total_count: total };
    },

    getAdmin: async (id: number) => detail(await playlists.find({ id }, 'all'), 'all'),
    getPublic: async (slug: string) =>
      detail(await playlists.find({ slug: requireSlug(slug) }, 'public'), 'public'),

    /** The public videos of a public or unlisted playlist (api-public.md §4.4: no pagination). */
    async publicVideos(slug: string) {
      const row = await playlists.find({ slug: requireSlug(slug) }, 'public');
      if (!row) throw notFound(NOT_FOUND);
      return (await playlists.videos(row.id, 'public')).map(toPlaylistVideoInfo);
    },

    async adminVideos(id: number) {
      await requireLive(id);
      return (await playlists.videos(id, 'all')).map(toPlaylistVideoInfo);
    },

    async create(input: PlaylistCreate) {
      const row = await playlists.insert({
        ...titled(input.title),
        description: input.description ?? null,
        visibility: input.visibility,
        playlist_type: input.playlist_type,
        is_featured: input.is_featured,
      });
      if (!row) throw badRequest(DUPLICATE);
      return toPlaylistResponse(await requireLive(row.id));
    },

    async update(id: number, input: PlaylistUpdate) {
      const { title, ...rest } = input;
      const values: PlaylistValues = { ...rest, ...(title !== undefined && titled(title)) };
      const outcome = await playlists.update(id, values);
      if (outcome === 'missing') throw notFound(NOT_FOUND);
      if (outcome === 'taken') throw badRequest(DUPLICATE);
      return toPlaylistResponse(await requireLive(id));
    },

    async delete(id: number): Promise<void> {
      if (!(await playlists.softDelete(id))) throw notFound(NOT_FOUND);
    },

    async addVideo(id: number, input: { video_id: number; position?: number }) {
      const outcome = await playlists.addVideo({
        playlistId: id,
        videoId: input.video_id,
        position: input.position,
      });
      if (typeof outcome !== 'number') throw REFUSALS[outcome]();
      return { status: 'ok', position: outcome };
    },

    async removeVideo(id: number, videoId: number): Promise<void> {
      const outcome = await playlists.removeVideo(id, videoId);
      if (outcome !== 'ok') throw REFUSALS[outcome]();
    },

    async reorder(id: number, videoIds: number[]): Promise<void> {
      const outcome = await playlists.reorder(id, (current) => checkReorder(current, videoIds));
      if (outcome !== 'ok') throw REFUSALS[outcome]();
    },
  };
}

export type PlaylistService = ReturnType<typeof createPlaylistService>;
