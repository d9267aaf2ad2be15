import type { Transcript } from '../../contracts/api/transcript.contract.js';
import type { Transcription } from '../../db/database.types.js';
import { sanitizeError } from '../videos/error-sanitizer.js';
import { captionsUrl } from '../videos/video.mapper.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * Pure: a transcription row as the Transcript object (api-public.md §4.2); `status: "none"` with every
 * other field null when there is no row. `vtt_url` follows the video detail's `captions_url` rule; the
 * public view sanitizes the error as the video detail does.
 */
export function toTranscriptResponse(
  slug: string,
  row: Transcription | null | undefined,
  view: 'admin' | 'public',
): Transcript {
  if (!row)
    return {
      status: 'none',
      language: null,
      text: null,
      vtt_url: null,
      word_count: null,
      duration_seconds: null,
      started_at: null,
      completed_at: null,
      error_message: null,
    };
  return {
    status: row.status as Transcript['status'],
    language: row.language,
    text: row.transcript_text,
    vtt_url: captionsUrl(slug, row),
    word_count: row.word_count,
    duration_seconds: row.duration_seconds,
    started_at: iso(row.started_at),
    completed_at: iso(row.completed_at),
    error_message: view === 'public' ? sanitizeError(row.error_message) : row.error_message,
  };
}
