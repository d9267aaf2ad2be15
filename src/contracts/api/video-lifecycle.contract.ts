import { Type, type Static } from '@sinclair/typebox';
import { QUALITY_PRESETS } from '../../media/ladder.js';
import { Int4, literals } from './common.contract.js';

/** The video lifecycle after upload (api-admin.md §5.1, §5.4, §5.5): qualities, retranscode, publish, edit. */

/** Names accepted by `POST /api/videos/{id}/retranscode` (api-admin.md §5.1). */
export const RETRANSCODE_NAMES = ['all', 'original', ...QUALITY_PRESETS.map((p) => p.name)] as const;

export const QualitiesResponse = Type.Object({
  video_id: Type.Integer(),
  source_width: Type.Integer(),
  source_height: Type.Integer(),
  available_qualities: Type.Array(Type.String()),
  existing_qualities: Type.Array(
    Type.Object({
      name: Type.String(),
      width: Type.Integer(),
      height: Type.Integer(),
      bitrate: Type.Integer(),
      status: Type.String(),
    }),
  ),
});
export type QualitiesResponse = Static<typeof QualitiesResponse>;

export const RetranscodeBody = Type.Object({
  qualities: Type.Array(literals(RETRANSCODE_NAMES), {
    minItems: 1,
    maxItems: RETRANSCODE_NAMES.length,
    description: '"all", or quality names to rebuild',
  }),
  priority: Type.Optional(
    literals(['high', 'normal', 'low'], {
      default: 'normal',
      description: 'Accepted for compatibility; the database queue is FIFO',
    }),
  ),
});
export type RetranscodeBody = Static<typeof RetranscodeBody>;

export const RetranscodeResponse = Type.Object({
  status: Type.String(),
  video_id: Type.Integer(),
  message: Type.String(),
  qualities_queued: Type.Array(Type.String()),
});
export type RetranscodeResponse = Static<typeof RetranscodeResponse>;

export const PublishResponse = Type.Object({ status: Type.String(), published: Type.Boolean() });
export type PublishResponse = Static<typeof PublishResponse>;

export const VideoEditBody = Type.Object({
  title: Type.Optional(Type.String({ maxLength: 1000, description: 'Non-blank, at most 255 characters' })),
  description: Type.Optional(Type.String({ maxLength: 10_000, description: 'At most 5000 characters' })),
  category_id: Type.Optional(Int4({ description: '0 or less removes the category' })),
  published_at: Type.Optional(
    Type.String({
      maxLength: 64,
      description: 'ISO date-time (YYYY-MM-DDTHH:MM, Z allowed); "" unpublishes',
    }),
  ),
  is_featured: Type.Optional(Type.Boolean()),
});
export type VideoEditBody = Static<typeof VideoEditBody>;
