import { Type, type Static } from '@sinclair/typebox';
import { QUALITY_NAMES } from '../../media/ladder.js';
import { Int4, Nullable, uploadedFields } from './common.contract.js';

/** Request and response schemas of the worker API's re-encode endpoints (reencode_queue). */

export const ReencodeClaimResponse = Type.Object({
  job: Nullable(
    Type.Object({
      job_id: Type.Integer(),
      video_id: Type.Integer(),
      slug: Type.String(),
      target_format: Type.Union([Type.Literal('hls_ts'), Type.Literal('cmaf')]),
      target_codec: Type.Union([Type.Literal('h264'), Type.Literal('hevc'), Type.Literal('av1')]),
      attempt: Type.Integer({ description: '1-based attempt number of this run' }),
      max_attempts: Type.Integer(),
      original: Nullable(
        Type.Object(
          {
            width: Type.Integer(),
            height: Type.Integer(),
            bandwidth: Type.Integer({ description: 'bits per second' }),
            codecs: Type.String({ description: 'RFC 6381 CODECS of the original remux' }),
          },
          {
            description:
              'The original remux the video keeps (its files are carried over by the server); an HLS/TS ' +
              'master written by the worker lists it first. Null when there is none.',
          },
        ),
      ),
      thumbnail: Type.Boolean({
        description: 'The video keeps its thumbnail.jpg: the worker makes one only when false',
      }),
    }),
  ),
  message: Type.Optional(Type.String()),
});

export const ReencodeCompleteBody = Type.Object({
  qualities: Type.Array(
    Type.Object({
      name: Type.Union(QUALITY_NAMES.map((q) => Type.Literal(q))),
      width: Type.Integer({ minimum: 1, maximum: 16384 }),
      height: Type.Integer({ minimum: 1, maximum: 16384 }),
      bitrate: Int4({ minimum: 0, description: 'kbps' }),
    }),
    { minItems: 1, maxItems: 6, description: 'The renditions uploaded (their playlists are checked)' },
  ),
  keep_original: Type.Boolean({
    description: "The uploaded master lists the claim's `original`: the server carries its files over",
  }),
});

export const ReencodeFailBody = Type.Object({
  error_message: Type.String({ minLength: 1, maxLength: 500 }),
  retry: Type.Boolean({ default: true, description: 'false when retrying cannot help (e.g. not a video)' }),
});

export const ReencodeFailResponse = Type.Object({
  status: Type.String(),
  will_retry: Type.Boolean(),
});

export const ReencodeUploadResponse = Type.Object(uploadedFields);

export type ReencodeClaim = Static<typeof ReencodeClaimResponse>;
export type ReencodeComplete = Static<typeof ReencodeCompleteBody>;
export type ReencodeFail = Static<typeof ReencodeFailBody>;
export type ReencodeFailResult = Static<typeof ReencodeFailResponse>;
