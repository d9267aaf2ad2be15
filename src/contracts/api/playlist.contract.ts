import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Id, literals, Nullable, Offset } from './common.contract.js';

/** Playlists: admin (api-admin.md §8) and public (api-public.md §2, §4.4). */

export const PLAYLIST_VISIBILITIES = ['public', 'private', 'unlisted'] as const;
export const PLAYLIST_TYPES = ['playlist', 'collection', 'series', 'course'] as const;
export type PlaylistVisibility = (typeof PLAYLIST_VISIBILITIES)[number];
export type PlaylistType = (typeof PLAYLIST_TYPES)[number];

export const Playlist = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  slug: Type.String(),
  description: Nullable(Type.String()),
  /** `/{thumbnail_path}` when set, else the thumbnail of the first (listed) video, else null. */
  thumbnail_url: Nullable(Type.String()),
  visibility: literals(PLAYLIST_VISIBILITIES),
  playlist_type: literals(PLAYLIST_TYPES),
  is_featured: Type.Boolean(),
  video_count: Type.Integer(),
  /** Seconds, the sum of the counted videos' durations. */
  total_duration: Type.Number(),
  created_at: DateTime(),
  updated_at: DateTime(),
});
export type Playlist = Static<typeof Playlist>;

export const PlaylistVideoInfo = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  slug: Type.String(),
  thumbnail_url: Nullable(Type.String()),
  duration: Type.Number(),
  /** 0-based place in the playlist. */
  position: Type.Integer(),
  status: Type.String(),
});
export type PlaylistVideoInfo = Static<typeof PlaylistVideoInfo>;
export const PlaylistVideoList = Type.Array(PlaylistVideoInfo);

export const PlaylistDetail = Type.Composite([Playlist, Type.Object({ videos: PlaylistVideoList })]);
export type PlaylistDetail = Static<typeof PlaylistDetail>;

export const PlaylistPage = Type.Object({ playlists: Type.Array(Playlist), total_count: Type.Integer() });
export type PlaylistPage = Static<typeof PlaylistPage>;

const title = () => Type.String({ minLength: 1, maxLength: 255 });
const description = () => Type.String({ maxLength: 5000 });

export const PlaylistCreate = Type.Object({
  title: title(),
  description: Type.Optional(Nullable(description())),
  visibility: literals(PLAYLIST_VISIBILITIES, { default: 'public' }),
  playlist_type: literals(PLAYLIST_TYPES, { default: 'playlist' }),
  is_featured: Type.Boolean({ default: false }),
});
export type PlaylistCreate = Static<typeof PlaylistCreate>;

/** Any of the create fields; absent ones keep their value. */
export const PlaylistUpdate = Type.Object({
  title: Type.Optional(title()),
  description: Type.Optional(Nullable(description())),
  visibility: Type.Optional(literals(PLAYLIST_VISIBILITIES)),
  playlist_type: Type.Optional(literals(PLAYLIST_TYPES)),
  is_featured: Type.Optional(Type.Boolean()),
});
export type PlaylistUpdate = Static<typeof PlaylistUpdate>;

export const AdminPlaylistListQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  offset: Offset(),
});

/** `playlist_type` is checked by the service, so that a wrong one gets the spec's text listing the valid ones. */
export const PublicPlaylistListQuery = Type.Object({
  playlist_type: Type.Optional(Type.String({ maxLength: 50 })),
  featured: Type.Optional(Type.Boolean()),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  offset: Offset(),
});

export const PlaylistAddVideo = Type.Object({
  video_id: Id(),
  /** 0-based; absent: appended. Past the end: appended. */
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
});
export type PlaylistAddVideo = Static<typeof PlaylistAddVideo>;
export const PlaylistAdded = Type.Object({ status: Type.String(), position: Type.Integer() });

export const PlaylistReorder = Type.Object({
  video_ids: Type.Array(Id(), { minItems: 1, maxItems: 10_000 }),
});
export type PlaylistReorder = Static<typeof PlaylistReorder>;

export const PlaylistVideoParams = Type.Object({ id: Id(), video_id: Id() });
