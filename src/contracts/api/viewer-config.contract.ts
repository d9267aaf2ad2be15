import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.contract.js';

/** What the public pages read of the settings (api-public.md §4.5) and the admin's watermark (api-admin.md §13). */

const Position = Type.String({ description: 'top-left, top-right, bottom-left, bottom-right or center' });

/** `{enabled:false}`, or a text or an image overlay with its placement. */
export const WatermarkConfig = Type.Object({
  enabled: Type.Boolean(),
  type: Type.Optional(Type.Union([Type.Literal('text'), Type.Literal('image')])),
  text: Type.Optional(Type.String()),
  text_size: Type.Optional(Type.Integer()),
  text_color: Type.Optional(Type.String()),
  image_url: Type.Optional(Type.String()),
  position: Type.Optional(Position),
  opacity: Type.Optional(Type.Number()),
  padding: Type.Optional(Type.Integer()),
  max_width_percent: Type.Optional(Type.Integer()),
});
export type WatermarkConfig = Static<typeof WatermarkConfig>;

export const DisplayConfig = Type.Object({
  show_view_counts: Type.Boolean(),
  show_tagline: Type.Boolean(),
  tagline: Type.String(),
});
export type DisplayConfig = Static<typeof DisplayConfig>;

/** `{enabled:false}`, or which kinds of download are allowed. */
export const DownloadsConfig = Type.Object({
  enabled: Type.Boolean(),
  allow_original: Type.Optional(Type.Boolean()),
  allow_transcoded: Type.Optional(Type.Boolean()),
});
export type DownloadsConfig = Static<typeof DownloadsConfig>;

export const WatermarkSettings = Type.Object({
  enabled: Type.Boolean(),
  type: Type.String(),
  image: Type.String({ description: 'Path relative to the storage root' }),
  image_exists: Type.Boolean(),
  image_url: Nullable(Type.String()),
  max_width_percent: Type.Integer(),
  text: Type.String(),
  text_size: Type.Integer(),
  text_color: Type.String(),
  position: Type.String(),
  opacity: Type.Number(),
  padding: Type.Integer(),
});
export type WatermarkSettings = Static<typeof WatermarkSettings>;

export const WatermarkUploadResult = Type.Object({
  status: Type.String(),
  message: Type.String(),
  path: Type.String({ description: 'Where the image was written, relative to the storage root' }),
  size: Type.Integer(),
  note: Type.String(),
});
export type WatermarkUploadResult = Static<typeof WatermarkUploadResult>;

export const WatermarkDeleteResult = Type.Object({
  status: Type.String(),
  message: Type.String(),
  note: Type.String(),
});
export type WatermarkDeleteResult = Static<typeof WatermarkDeleteResult>;
