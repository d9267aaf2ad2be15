import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Int4, Nullable, PageQuery } from './common.contract.js';

/** Videos as the public API (api-public.md §2) and the admin API (api-admin.md §5) answer them. */

export const VIDEO_STATUSES = ['pending', 'processing', 'ready', 'failed'] as const;
export type VideoStatus = (typeof VIDEO_STATUSES)[number];

const Tag = Type.Object({ id: Type.Integer(), name: Type.String(), slug: Type.String() });

export const VideoListItem = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  slug: Type.String(),
  description: Type.String(),
  category_id: Nullable(Type.Integer()),
  category_name: Nullable(Type.String()),
  duration: Type.Number(),
  status: Type.String(),
  created_at: DateTime(),
  published_at: DateTime(),
  thumbnail_url: Nullable(Type.String()),
  thumbnail_source: Type.String(),
  thumbnail_timestamp: Nullable(Type.Number()),
  streaming_format: Type.String(),
  primary_codec: Type.String(),
  tags: Type.Array(Tag),
  view_count: Type.Integer(),
});
export type VideoListItem = Static<typeof VideoListItem>;

/**
 * Where a search matched (only on items of a `search=` list): HTML with the matched words in `<mark>`,
 * everything else escaped, so a page may insert it as markup.
 */
export const SearchSnippet = Type.Object({ title: Type.String(), description: Type.String() });
export type SearchSnippet = Static<typeof SearchSnippet>;

export const SearchedVideoListItem = Type.Object({
  ...VideoListItem.properties,
  search_snippet: Type.Optional(SearchSnippet),
});

export type SearchedVideoListItem = Static<typeof SearchedVideoListItem>;

/** The public list: items carry `search_snippet` when the list was searched. */
export const PublicVideoPage = Type.Object({
  videos: Type.Array(SearchedVideoListItem),
  next_cursor: Nullable(Type.String()),
  has_more: Type.Boolean(),
  total_count: Nullable(Type.Integer()),
});
export type PublicVideoPage = Static<typeof PublicVideoPage>;

export const VideoPage = Type.Object({
  videos: Type.Array(VideoListItem),
  next_cursor: Nullable(Type.String()),
  has_more: Type.Boolean(),
  total_count: Nullable(Type.Integer()),
});
export type VideoPage = Static<typeof VideoPage>;

/** Timeline preview sprites (api-public.md §4.2); base_url + `NN.jpg` is a sheet, vtt_url a thumbnails track. */
export const SpriteSheetInfo = Type.Object({
  base_url: Type.String(),
  count: Type.Integer(),
  interval: Type.Integer(),
  tile_size: Type.Integer(),
  frame_width: Type.Integer(),
  frame_height: Type.Integer(),
  vtt_url: Type.String(),
});
export type SpriteSheetInfo = Static<typeof SpriteSheetInfo>;

export const VideoQuality = Type.Object({
  quality: Type.String(),
  width: Nullable(Type.Integer()),
  height: Nullable(Type.Integer()),
  bitrate: Nullable(Type.Integer()),
});
export type VideoQuality = Static<typeof VideoQuality>;

export const Chapter = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  start_time: Type.Number(),
  end_time: Nullable(Type.Number()),
});

export const VideoDetail = Type.Object({
  ...Type.Omit(VideoListItem, ['view_count']).properties,
  category_slug: Nullable(Type.String()),
  /** Shown on the home page's hero; the Edit Video modal's "Featured Video" toggle. */
  is_featured: Type.Boolean(),
  source_width: Type.Integer(),
  source_height: Type.Integer(),
  error_message: Nullable(Type.String()),
  stream_url: Nullable(Type.String()),
  dash_url: Nullable(Type.String()),
  captions_url: Nullable(Type.String()),
  /**
   * Beyond the spec: the captions' language (ISO 639-1, `en` when the transcription did not say), for the
   * player's track label and srclang; null without captions.
   */
  captions_language: Nullable(Type.String()),
  transcription_status: Nullable(Type.String()),
  qualities: Type.Array(VideoQuality),
  chapters: Type.Array(Chapter),
  sprite_sheet_info: Nullable(SpriteSheetInfo),
  deleted_at: Type.Optional(DateTime()),
});
export type VideoDetail = Static<typeof VideoDetail>;

export const QualityProgress = Type.Object({
  name: Type.String(),
  status: Type.String(),
  progress: Type.Integer(),
});
export type QualityProgress = Static<typeof QualityProgress>;

export const TranscodingProgress = Type.Object({
  status: Type.String(),
  current_step: Nullable(Type.String()),
  progress_percent: Type.Integer(),
  qualities: Type.Array(QualityProgress),
  attempt: Type.Integer(),
  max_attempts: Type.Integer(),
  started_at: Nullable(Type.String()),
  last_error: Nullable(Type.String()),
});
export type TranscodingProgress = Static<typeof TranscodingProgress>;

/** Query of both video lists: the cursor (or offset) paging and the optional total. */
const ListPaging = (maxLimit: number, defaultLimit: number) => ({
  ...PageQuery(maxLimit, defaultLimit),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  include_total: Type.Boolean({ default: false }),
});

/** An ISO 8601 date or date-time (a time without an offset is UTC); checked by the service. */
const IsoDateTime = Type.String({ maxLength: 40, description: 'ISO 8601 date or date-time' });

/** `custom.<field slug>=<value>` filters (any number of them): matched as the query string names them. */
export const CUSTOM_FILTER_PREFIX = 'custom.';

export const PublicVideoListQuery = Type.Object(
  {
    category: Type.Optional(Type.String({ maxLength: 100 })),
    tag: Type.Optional(Type.String({ maxLength: 100 })),
    search: Type.Optional(Type.String({ maxLength: 200 })),
    duration: Type.Optional(Type.String({ maxLength: 100, description: 'csv of short, medium, long' })),
    quality: Type.Optional(Type.String({ maxLength: 100, description: 'csv of quality names' })),
    date_from: Type.Optional(IsoDateTime),
    date_to: Type.Optional(IsoDateTime),
    has_transcription: Type.Optional(Type.Boolean()),
    featured: Type.Optional(Type.Boolean()),
    sort: Type.Optional(
      Type.Union(['relevance', 'date', 'duration', 'views', 'title'].map((s) => Type.Literal(s))),
    ),
    order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
    ...ListPaging(100, 50),
  },
  { patternProperties: { '^custom\\.[a-z0-9_-]{1,100}$': Type.String({ maxLength: 200 }) } },
);
export type PublicVideoListQuery = Static<typeof PublicVideoListQuery>;

export const BulkVideoQuery = Type.Object({ ids: Type.String({ maxLength: 2000 }) });
export const VideoList = Type.Array(VideoListItem);
export const RelatedVideoQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 24, default: 12 }),
});

/** The admin list's filters beyond the reference (ui.md §2.2 filters the Videos tab by them). */
export const AdminVideoFilterQuery = {
  category_id: Type.Optional(Int4({ minimum: 0, description: '0 = videos without a category' })),
  quality: Type.Optional(
    Type.String({ minLength: 1, maxLength: 20, description: 'Has an output of this quality (e.g. 1080p)' }),
  ),
  featured: Type.Optional(Type.Boolean()),
  search: Type.Optional(Type.String({ maxLength: 200, description: 'Case-insensitive title substring' })),
};

export const AdminVideoListQuery = Type.Object({
  status: Type.Optional(Type.Union(VIDEO_STATUSES.map((s) => Type.Literal(s)))),
  ...AdminVideoFilterQuery,
  ...ListPaging(500, 100),
});
export type AdminVideoListQuery = Static<typeof AdminVideoListQuery>;

export const ArchivedVideoQuery = Type.Object(PageQuery(500, 100));

export const ArchivedVideo = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  slug: Type.String(),
  deleted_at: DateTime(),
  created_at: DateTime(),
});
export type ArchivedVideo = Static<typeof ArchivedVideo>;

export const ArchivedPage = Type.Object({ videos: Type.Array(ArchivedVideo), total: Type.Integer() });
export type ArchivedPage = Static<typeof ArchivedPage>;

export const DeleteVideoQuery = Type.Object({ permanent: Type.Boolean({ default: false }) });
