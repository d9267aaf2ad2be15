import { Type, type Static } from '@sinclair/typebox';
import { ENGINE_NAMES } from '../../media/transcription/engine.js';
import { Nullable, Seconds } from './common.contract.js';

/** Request and response schemas of the worker API's transcription endpoints (transcriptions). */

const Language = Type.String({ minLength: 2, maxLength: 10, pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$' });

export const TranscriptionClaimResponse = Type.Object({
  job: Nullable(
    Type.Object({
      job_id: Type.Integer(),
      video_id: Type.Integer(),
      slug: Type.String(),
      language: Nullable(Type.String({ description: 'ISO 639-1; null: detect' })),
      engine: Type.Object({
        name: Type.Union(ENGINE_NAMES.map((e) => Type.Literal(e))),
        api_url: Type.String(),
        api_model: Type.String(),
        whisper_cpp_binary: Type.String(),
        whisper_cpp_model: Type.String(),
      }),
      timeout_seconds: Type.Integer({ minimum: 1 }),
      audio_extraction_timeout_seconds: Type.Integer({ minimum: 1 }),
      attempt: Type.Integer({ description: '1-based attempt number of this run' }),
      max_attempts: Type.Integer(),
    }),
  ),
  message: Type.Optional(Type.String()),
});

/** Only the captions track is uploaded: `files/captions.vtt`. */
export const TranscriptionFileParams = Type.Object({
  job_id: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
});

export const TranscriptionUploadResponse = Type.Object({
  status: Type.String(),
  bytes_written: Type.Integer(),
});

export const TranscriptionProgressBody = Type.Object({
  percent: Type.Number({ minimum: 0, maximum: 100 }),
});

export const TranscriptionCompleteBody = Type.Object({
  text: Type.String({ maxLength: 2_000_000 }),
  language: Language,
  word_count: Type.Integer({ minimum: 0, maximum: 2147483647 }),
  duration_seconds: Seconds({ description: 'Processing time' }),
  cues: Type.Integer({ minimum: 0, maximum: 2147483647, description: 'Cues in the uploaded captions.vtt' }),
});

export const TranscriptionFailBody = Type.Object({
  error_message: Type.String({ minLength: 1, maxLength: 500 }),
  retry: Type.Boolean({ default: true, description: 'false when retrying cannot help (no model, language)' }),
});

export const TranscriptionFailResponse = Type.Object({ status: Type.String(), will_retry: Type.Boolean() });

export type TranscriptionClaim = Static<typeof TranscriptionClaimResponse>;
export type TranscriptionComplete = Static<typeof TranscriptionCompleteBody>;
