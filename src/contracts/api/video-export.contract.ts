import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Int4, literals, Nullable, Offset } from './common.contract.js';
import { VIDEO_STATUSES } from './video.contract.js';

/** `GET /api/videos/export` (api-admin.md §5.1), with the CSV the reference's docs promised. */

export const EXPORT_FORMATS = ['json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const VideoExportQuery = Type.Object({
  status: Type.Optional(literals(VIDEO_STATUSES)),
  category_id: Type.Optional(Int4({ minimum: 0, description: '0 = videos without a category' })),
  include_deleted: Type.Boolean({ default: false }),
  limit: Type.Integer({ minimum: 1, maximum: 10_000, default: 10_000 }),
  offset: Offset(),
  format: literals(EXPORT_FORMATS, {
    default: 'json',
    description:
      "json, or csv (RFC 4180, a header row; cells that a spreadsheet would run as a formula are prefixed with ')",
  }),
});
export type VideoExportQuery = Static<typeof VideoExportQuery>;

export const ExportedVideo = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  slug: Type.String(),
  description: Type.String(),
  category_id: Nullable(Type.Integer()),
  category_name: Nullable(Type.String()),
  duration: Type.Number(),
  source_width: Type.Integer(),
  source_height: Type.Integer(),
  status: Type.String(),
  created_at: DateTime(),
  published_at: DateTime(),
});
export type ExportedVideo = Static<typeof ExportedVideo>;

/** The columns of the CSV, in order: the JSON fields. */
export const EXPORT_COLUMNS = Object.keys(ExportedVideo.properties) as Array<keyof ExportedVideo>;

export const VideoExport = Type.Object({
  videos: Type.Array(ExportedVideo),
  total_count: Type.Integer(),
  exported_at: Type.String({ format: 'date-time' }),
});
export type VideoExport = Static<typeof VideoExport>;
