import { Type } from '@sinclair/typebox';
import { Nullable, Offset } from './common.schemas.js';

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
  created_at: Nullable(Type.String({ format: 'date-time' })),
  published_at: Nullable(Type.String({ format: 'date-time' })),
  thumbnail_url: Nullable(Type.String()),
  thumbnail_source: Type.String(),
  thumbnail_timestamp: Nullable(Type.Number()),
  streaming_format: Type.String(),
  primary_codec: Type.String(),
  tags: Type.Array(Tag),
  view_count: Type.Integer(),
});

export const VideoPage = Type.Object({
  videos: Type.Array(VideoListItem),
  next_cursor: Nullable(Type.String()),
  has_more: Type.Boolean(),
  total_count: Nullable(Type.Integer()),
});

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

export const VideoDetail = Type.Object({
  ...Type.Omit(VideoListItem, ['view_count']).properties,
  category_slug: Nullable(Type.String()),
  source_width: Type.Integer(),
  source_height: Type.Integer(),
  error_message: Nullable(Type.String()),
  stream_url: Nullable(Type.String()),
  dash_url: Nullable(Type.String()),
  captions_url: Nullable(Type.String()),
  transcription_status: Nullable(Type.String()),
  qualities: Type.Array(
    Type.Object({
      quality: Type.String(),
      width: Nullable(Type.Integer()),
      height: Nullable(Type.Integer()),
      bitrate: Nullable(Type.Integer()),
    }),
  ),
  chapters: Type.Array(
    Type.Object({
      id: Type.Integer(),
      title: Type.String(),
      start_time: Type.Number(),
      end_time: Nullable(Type.Number()),
    }),
  ),
  sprite_sheet_info: Nullable(SpriteSheetInfo),
  deleted_at: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
});

export const TranscodingProgress = Type.Object({
  status: Type.String(),
  current_step: Nullable(Type.String()),
  progress_percent: Type.Integer(),
  qualities: Type.Array(
    Type.Object({ name: Type.String(), status: Type.String(), progress: Type.Integer() }),
  ),
  attempt: Type.Integer(),
  max_attempts: Type.Integer(),
  started_at: Nullable(Type.String()),
  last_error: Nullable(Type.String()),
});

export const PublicListQuerystring = Type.Object({
  category: Type.Optional(Type.String({ maxLength: 100 })),
  search: Type.Optional(Type.String({ maxLength: 200 })),
  sort: Type.Optional(
    Type.Union(['relevance', 'date', 'duration', 'views', 'title'].map((s) => Type.Literal(s))),
  ),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
  offset: Offset(),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  include_total: Type.Boolean({ default: false }),
});

export const Category = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  slug: Type.String(),
  description: Type.String(),
  created_at: Nullable(Type.String({ format: 'date-time' })),
  video_count: Type.Integer(),
});
