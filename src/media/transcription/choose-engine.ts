import type { TranscriptionEngine } from './engine.js';
import { createOpenAiEngine } from './openai.engine.js';
import { createPocketsphinxEngine } from './pocketsphinx.engine.js';
import { createWhisperCppEngine } from './whisper-cpp.engine.js';
import type { EngineName } from './engine.js';

/** What selects and configures an engine (the settings `transcription.*`; the key from the worker's config). */
export interface EngineSettings {
  engine: EngineName;
  apiUrl: string;
  apiModel: string;
  /** Secret: the worker's own VLOG_TRANSCRIPTION_API_KEY, never sent over the worker API. */
  apiKey?: string;
  whisperCppBinary: string;
  whisperCppModel: string;
}

/** The engine the settings name. */
export function chooseEngine(s: EngineSettings): TranscriptionEngine {
  switch (s.engine) {
    case 'openai':
      return createOpenAiEngine({ url: s.apiUrl, model: s.apiModel, apiKey: s.apiKey });
    case 'whisper-cpp':
      return createWhisperCppEngine({ binary: s.whisperCppBinary, model: s.whisperCppModel });
    case 'pocketsphinx':
      return createPocketsphinxEngine();
  }
}
