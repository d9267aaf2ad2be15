import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable } from './common.contract.js';

/** Transcripts and captions (api-admin.md §5.8, api-public.md §4.2 Transcript). */

/**
 * Whisper's languages that have an ISO-639-1 code (openai/whisper `tokenizer.LANGUAGES`, in its order;
 * `haw` and `yue` have none, `jw` is Whisper's own spelling of Javanese). A transcription's language must
 * be one of them (security-reliability.md: languages).
 */
export const WHISPER_LANGUAGES = [
  'en', 'zh', 'de', 'es', 'ru', 'ko', 'fr', 'ja', 'pt', 'tr', 'pl', 'ca', 'nl', 'ar', 'sv', 'it', 'id',
  'hi', 'fi', 'vi', 'he', 'uk', 'el', 'ms', 'cs', 'ro', 'da', 'hu', 'ta', 'no', 'th', 'ur', 'hr', 'bg',
  'lt', 'la', 'mi', 'ml', 'cy', 'sk', 'te', 'fa', 'lv', 'bn', 'sr', 'az', 'sl', 'kn', 'et', 'mk', 'br',
  'eu', 'is', 'hy', 'ne', 'mn', 'bs', 'kk', 'sq', 'sw', 'gl', 'mr', 'pa', 'si', 'km', 'sn', 'yo', 'so',
  'af', 'oc', 'ka', 'be', 'tg', 'sd', 'gu', 'am', 'yi', 'lo', 'uz', 'fo', 'ht', 'ps', 'tk', 'nn', 'mt',
  'sa', 'lb', 'my', 'bo', 'tl', 'mg', 'as', 'tt', 'ln', 'ha', 'ba', 'jw', 'su',
] as const; // prettier-ignore
export type WhisperLanguage = (typeof WHISPER_LANGUAGES)[number];

/** Longest transcript text accepted (security-reliability.md: lengths). */
export const MAX_TRANSCRIPT_CHARS = 500_000;

export const TRANSCRIPTION_STATUSES = ['pending', 'processing', 'completed', 'failed'] as const;
export type TranscriptionStatus = (typeof TRANSCRIPTION_STATUSES)[number];

/** A video's transcript; `status: "none"` (every other field null) when none was ever requested. */
export const Transcript = Type.Object(
  {
    status: Type.Union([Type.Literal('none'), ...TRANSCRIPTION_STATUSES.map((s) => Type.Literal(s))]),
    language: Nullable(Type.String()),
    text: Nullable(Type.String()),
    vtt_url: Nullable(Type.String({ description: 'Only when completed' })),
    word_count: Nullable(Type.Integer()),
    duration_seconds: Nullable(Type.Number({ description: 'Processing time of the transcription' })),
    started_at: DateTime(),
    completed_at: DateTime(),
    error_message: Nullable(Type.String()),
  },
  { $id: 'Transcript' },
);
export type Transcript = Static<typeof Transcript>;

export const TranscribeBody = Type.Object({
  language: Type.Optional(
    Type.String({ maxLength: 10, description: "ISO-639-1 code of one of Whisper's languages (any case)" }),
  ),
});
export type TranscribeBody = Static<typeof TranscribeBody>;

export const TranscriptTextBody = Type.Object({
  text: Type.String({ minLength: 1, maxLength: MAX_TRANSCRIPT_CHARS }),
});
export type TranscriptTextBody = Static<typeof TranscriptTextBody>;

export const TranscriptUpdated = Type.Object({
  status: Type.String(),
  message: Type.String(),
  word_count: Type.Integer(),
});
export type TranscriptUpdated = Static<typeof TranscriptUpdated>;

/** Largest caption file accepted by `PUT /api/videos/{id}/captions`. */
export const MAX_CAPTIONS_BYTES = 2 * 1024 * 1024;
