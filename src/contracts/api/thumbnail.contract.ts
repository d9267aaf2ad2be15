import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Seconds } from './common.contract.js';

/** Thumbnail picker, custom image and revert (api-admin.md §5.7). */

const Current = {
  thumbnail_url: Nullable(Type.String()),
  thumbnail_source: Type.String(),
  thumbnail_timestamp: Nullable(Type.Number()),
};

export const ThumbnailInfo = Type.Object({ video_id: Type.Integer(), ...Current });
export type ThumbnailInfo = Static<typeof ThumbnailInfo>;

export const ThumbnailResult = Type.Object({ status: Type.String(), ...Current });
export type ThumbnailResult = Static<typeof ThumbnailResult>;

export const ThumbnailFrames = Type.Object({
  video_id: Type.Integer(),
  frames: Type.Array(Type.Object({ index: Type.Integer(), timestamp: Type.Number(), url: Type.String() })),
});
export type ThumbnailFrames = Static<typeof ThumbnailFrames>;

export const ThumbnailSelectBody = Type.Object({
  timestamp: Seconds({ description: 'Seconds into the video' }),
});
