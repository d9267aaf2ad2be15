import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.contract.js';

/** Request and response schemas of the worker API's sprite sheet endpoints (sprite_queue). */

export const SpriteClaimResponse = Type.Object({
  job: Nullable(
    Type.Object({
      job_id: Type.Integer(),
      video_id: Type.Integer(),
      slug: Type.String(),
      duration: Type.Number(),
    }),
  ),
  message: Type.Optional(Type.String()),
});

export const SpriteFileParams = Type.Object({
  job_id: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
});

export const SpriteUploadResponse = Type.Object({ status: Type.String(), bytes_written: Type.Integer() });

export const SpriteCompleteBody = Type.Object({
  count: Type.Integer({ minimum: 1, maximum: 100000 }),
  interval: Type.Integer({ minimum: 1, maximum: 3600, description: 'Seconds between frames' }),
  tile_size: Type.Integer({ minimum: 1, maximum: 100 }),
  frame_width: Type.Integer({ minimum: 1, maximum: 4096 }),
  frame_height: Type.Integer({ minimum: 1, maximum: 4096 }),
});

export const SpriteFailBody = Type.Object({ error_message: Type.String({ minLength: 1, maxLength: 500 }) });

export type SpriteClaim = Static<typeof SpriteClaimResponse>;
export type SpriteComplete = Static<typeof SpriteCompleteBody>;
export type SpriteFail = Static<typeof SpriteFailBody>;
