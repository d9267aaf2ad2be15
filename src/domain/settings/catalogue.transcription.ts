import { ENGINE_NAMES } from '../../media/transcription/engine.js';
import { boolean, integer, oneOf, text } from './settings.types.js';

const QUEUEING = { to: 'transcription queued when a video becomes ready', by: 'server' } as const;
/** Resolved by the server at each claim and sent to the worker in it (a worker's own variables do not apply). */
const ENGINE = {
  to: 'engine of each transcription claimed from now on (sent in the claim)',
  by: 'server',
} as const;

/**
 * transcription.* (pipeline.md §20.1, §14), a section of the one catalogue (catalogue.ts). The engine
 * settings beyond the reference's are issue 14's. The HTTP engine's API key is no setting: it is the
 * worker's own secret (VLOG_TRANSCRIPTION_API_KEY in its config), never stored, returned or sent.
 */
export const TRANSCRIPTION_SETTINGS = {
  'transcription.enabled': boolean(true, {
    env: 'VLOG_TRANSCRIPTION_ENABLED',
    description: 'Enable automatic transcription',
    applies: QUEUEING,
  }),
  'transcription.whisper_model': oneOf(['tiny', 'base', 'small', 'medium', 'large'], 'medium', {
    env: 'VLOG_WHISPER_MODEL',
    description: 'Whisper model size (faster-whisper; the engines here take a model name or file instead)',
  }),
  'transcription.language': text('', {
    env: 'VLOG_TRANSCRIPTION_LANGUAGE',
    description: 'Transcription language (empty for auto-detection)',
    maxLength: 10,
    applies: { to: 'language of transcriptions queued without one', by: 'server' },
  }),
  'transcription.on_upload': boolean(true, {
    env: 'VLOG_TRANSCRIPTION_ON_UPLOAD',
    description: 'Transcribe automatically on upload',
    applies: QUEUEING,
  }),
  'transcription.compute_type': oneOf(['int8', 'float16', 'float32'], 'int8', {
    env: 'VLOG_TRANSCRIPTION_COMPUTE_TYPE',
    description: 'Compute type for transcription',
  }),
  'transcription.timeout': integer(3600, [60, 14400], {
    env: 'VLOG_TRANSCRIPTION_TIMEOUT',
    description: 'Transcription timeout in seconds',
    applies: { to: 'time limit of each transcription claimed from now on (sent in the claim)', by: 'server' },
  }),
  'transcription.engine': oneOf(ENGINE_NAMES, 'pocketsphinx', {
    env: 'VLOG_TRANSCRIPTION_ENGINE',
    description:
      'Speech recogniser: pocketsphinx (English, no set-up), openai (an OpenAI-compatible server) or whisper-cpp (a local model file)',
    applies: ENGINE,
  }),
  'transcription.api_url': text('', {
    env: 'VLOG_TRANSCRIPTION_API_URL',
    description:
      'Base URL of the OpenAI-compatible transcription server (POST {url}/v1/audio/transcriptions)',
    pattern: '^(https?://.+)?$',
    maxLength: 2000,
    applies: ENGINE,
  }),
  'transcription.api_model': text('whisper-1', {
    env: 'VLOG_TRANSCRIPTION_API_MODEL',
    description: 'Model name sent to the transcription server',
    maxLength: 200,
    applies: ENGINE,
  }),
  'transcription.whisper_cpp_binary': text('whisper-cli', {
    env: 'VLOG_WHISPER_CPP_BINARY',
    description: "whisper.cpp's command-line program (a name on PATH or a path, on the worker)",
    maxLength: 1000,
    applies: ENGINE,
  }),
  'transcription.whisper_cpp_model': text('', {
    env: 'VLOG_WHISPER_CPP_MODEL',
    description: 'Path of the ggml model file whisper.cpp loads (on the worker)',
    maxLength: 1000,
    applies: ENGINE,
  }),
} as const;
