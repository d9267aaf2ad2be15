import { parseInteger, parseString } from './env-parsers.js';

/**
 * Transcription variables owned by the config (config.md §13): the rest are settings
 * (src/domain/settings/catalogue.transcription.ts), read through the settings service.
 */
export const transcriptionSchema = {
  audioExtractionTimeout: {
    doc: 'Seconds the ffmpeg extraction of a transcription’s 16 kHz WAV may take',
    env: 'VLOG_AUDIO_EXTRACTION_TIMEOUT',
    parse: parseInteger({ min: 10 }),
    default: 300,
  },
  transcriptionApiKey: {
    doc: 'Bearer key for the OpenAI-compatible transcription server (secret: used by this process’s worker only, never stored or sent)',
    env: 'VLOG_TRANSCRIPTION_API_KEY',
    parse: parseString,
    default: '',
  },
} as const;
