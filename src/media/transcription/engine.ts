import { access, constants } from 'node:fs/promises';

/**
 * The one interface every speech recogniser is used through (PocketSphinx, an OpenAI-compatible HTTP
 * server, whisper.cpp). Engines know files and processes only: no database, no HTTP server code.
 */

/** One recognised word with its times in seconds from the start of the audio. */
export interface TimedWord {
  word: string;
  start: number;
  end: number;
}

export interface TranscribeOptions {
  /** ISO 639-1 code, or null to let the engine detect it. */
  language: string | null;
  signal?: AbortSignal;
  /** Fraction of the audio done so far (0–1). */
  onProgress?: (fraction: number) => void;
}

export interface EngineTranscript {
  /** The language spoken (detected, or the one asked for). */
  language: string;
  words: TimedWord[];
}

export interface TranscriptionEngine {
  readonly name: EngineName;
  /** Whether the engine can run here; `reason` says what is missing when it cannot. */
  available(): Promise<{ ok: boolean; reason?: string }>;
  /** Transcribes a 16 kHz mono PCM WAV file. */
  transcribe(wavPath: string, options: TranscribeOptions): Promise<EngineTranscript>;
}

export const ENGINE_NAMES = ['pocketsphinx', 'openai', 'whisper-cpp'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** A failure the engine explains (missing model, unsupported language, server refused): not retried. */
export class TranscriptionEngineError extends Error {
  override readonly name = 'TranscriptionEngineError';
  constructor(
    message: string,
    /** Retrying cannot help (bad configuration, unsupported language). */
    readonly permanent = true,
  ) {
    super(message);
  }
}

/** Duration in seconds of a 16-bit mono PCM WAV of `bytes` bytes at `sampleRate` (44-byte header). */
export function pcmWavSeconds(bytes: number, sampleRate = 16000): number {
  return Math.max(0, bytes - 44) / (2 * sampleRate);
}

/** Whether `file` exists and can be read (a model file the operator supplies). */
export async function readableFile(file: string): Promise<boolean> {
  try {
    await access(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}
