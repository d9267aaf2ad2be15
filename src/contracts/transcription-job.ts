/**
 * A transcription job as the server hands it to a worker, and what the worker reports. The server's
 * queue (src/domain/transcription) produces these and the worker (src/worker) consumes them; neither
 * imports the other.
 */
import type { EngineName } from '../media/transcription/engine.js';

/** The engine the server's settings choose, with its configuration (never the API key: see the worker). */
export interface TranscriptionEngineChoice {
  name: EngineName;
  apiUrl: string;
  apiModel: string;
  whisperCppBinary: string;
  whisperCppModel: string;
}

export interface TranscriptionJob {
  jobId: number;
  videoId: number;
  slug: string;
  /** ISO 639-1 code; null: the engine detects it. */
  language: string | null;
  engine: TranscriptionEngineChoice;
  /** transcription.timeout: the whole job (extraction + recognition) is stopped after this long. */
  timeoutSeconds: number;
  /** VLOG_AUDIO_EXTRACTION_TIMEOUT: the ffmpeg WAV extraction alone. */
  audioExtractionTimeoutSeconds: number;
  /** 1-based attempt number of this run. */
  attempt: number;
  maxAttempts: number;
}

/** What a finished transcription produced (captions.vtt is uploaded before). */
export interface TranscriptionResult {
  text: string;
  language: string;
  wordCount: number;
  /** Processing time in seconds (transcriptions.duration_seconds, pipeline.md §14). */
  durationSeconds: number;
  cues: number;
}
