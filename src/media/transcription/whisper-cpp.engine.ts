import { readFile, rm } from 'node:fs/promises';
import { MediaError } from '../media-error.js';
import { runProcess } from '../run-process.js';
import { runnable } from '../tied-child.js';
import {
  readableFile,
  TranscriptionEngineError,
  type TimedWord,
  type TranscriptionEngine,
} from './engine.js';
import { isoLanguage } from './languages.js';

export interface WhisperCppOptions {
  /** whisper.cpp's command-line program (`whisper-cli`, formerly `main`). */
  binary: string;
  /** The ggml model file the operator supplies (none can be downloaded here). */
  model: string;
  threads?: number;
}

/**
 * whisper.cpp with one word per segment (`-ml 1 -sow`) and JSON output (`-oj`) written to
 * `{outBase}.json`; `-l auto` detects the language.
 */
export function buildWhisperCppArgs(
  o: WhisperCppOptions & { wav: string; outBase: string; language: string | null },
) {
  return [
    '-m',
    o.model,
    '-f',
    o.wav,
    '-l',
    o.language ?? 'auto',
    '-t',
    String(o.threads ?? 2),
    '-ml',
    '1',
    '-sow',
    '-oj',
    '-of',
    o.outBase,
    '-np',
  ];
}

interface WhisperCppJson {
  result?: { language?: string };
  transcription?: Array<{ offsets?: { from?: number; to?: number }; text?: string }>;
}

/** The words of whisper.cpp's `-oj` output (one segment a word; offsets in ms). */
export function parseWhisperCppJson(body: WhisperCppJson): { language: string | null; words: TimedWord[] } {
  const words = (body.transcription ?? [])
    .map((s) => ({
      word: (s.text ?? '').trim(),
      start: (s.offsets?.from ?? 0) / 1000,
      end: (s.offsets?.to ?? 0) / 1000,
    }))
    .filter((w) => w.word && !/^\[.*\]$/.test(w.word));
  return { language: isoLanguage(body.result?.language), words };
}

/** whisper.cpp in a child process with the operator's model file. */
export function createWhisperCppEngine(opts: WhisperCppOptions): TranscriptionEngine {
  return {
    name: 'whisper-cpp',
    async available() {
      if (!opts.model) return { ok: false, reason: 'no model file configured (VLOG_WHISPER_CPP_MODEL)' };
      if (!(await readableFile(opts.model)))
        return { ok: false, reason: `model file not found: ${opts.model}` };
      if (!runnable(opts.binary))
        return { ok: false, reason: `whisper.cpp binary not found: ${opts.binary}` };
      return { ok: true };
    },
    async transcribe(wav, options) {
      const ready = await this.available();
      if (!ready.ok) throw new TranscriptionEngineError(`whisper-cpp is not available: ${ready.reason}`);
      const outBase = `${wav}.whisper`;
      try {
        const result = await runProcess(
          opts.binary,
          buildWhisperCppArgs({ ...opts, wav, outBase, language: options.language }),
          { label: 'whisper.cpp', signal: options.signal },
        );
        if (result.exitCode !== 0)
          throw new MediaError(
            'ffmpeg_failed',
            `whisper.cpp exited with code ${result.exitCode ?? result.exitSignal}: ${result.stderrTail.slice(-3).join(' ')}`,
          );
        const parsed = parseWhisperCppJson(
          JSON.parse(await readFile(`${outBase}.json`, 'utf8')) as WhisperCppJson,
        );
        options.onProgress?.(1);
        return { language: parsed.language ?? options.language ?? 'und', words: parsed.words };
      } finally {
        await rm(`${outBase}.json`, { force: true });
      }
    },
  };
}
