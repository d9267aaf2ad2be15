import { stat } from 'node:fs/promises';
import path from 'node:path';
import { MediaError } from '../media-error.js';
import { runProcess } from '../run-process.js';
import { runnable } from '../tied-child.js';
import {
  pcmWavSeconds,
  readableFile,
  TranscriptionEngineError,
  type TimedWord,
  type TranscriptionEngine,
} from './engine.js';

/** Debian 12's packages `pocketsphinx` (0.8) and `pocketsphinx-en-us` (the US English model). */
export const POCKETSPHINX_BINARY = 'pocketsphinx_continuous';
export const POCKETSPHINX_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';

/** The model's three parts inside its directory (acoustic model, language model, dictionary). */
const modelFiles = (dir: string) => ({
  hmm: path.join(dir, 'en-us'),
  lm: path.join(dir, 'en-us.lm.bin'),
  dict: path.join(dir, 'cmudict-en-us.dict'),
});

/** `pocketsphinx_continuous -infile x.wav -time yes` (16 kHz mono WAV) with the model spelt out. */
export function buildPocketsphinxArgs(wavPath: string, modelDir = POCKETSPHINX_MODEL_DIR): string[] {
  const m = modelFiles(modelDir);
  return ['-infile', wavPath, '-time', 'yes', '-hmm', m.hmm, '-lm', m.lm, '-dict', m.dict];
}

const WORD_LINE = /^(\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?(?:e-?\d+)?)$/i;

/**
 * One stdout line of `-time yes`: `word start end confidence`. Null for the hypothesis lines and for
 * what is not a word: <s>, </s>, <sil>, fillers like [NOISE] or ++BREATH++; `word(2)` (an alternative
 * pronunciation) is the word.
 */
export function parsePocketsphinxLine(line: string): TimedWord | null {
  const m = WORD_LINE.exec(line.trim());
  if (!m) return null;
  const token = m[1]!;
  if (/^(<.*>|\[.*\]|\+\+.*\+\+)$/.test(token)) return null;
  const word = token.replace(/\(\d+\)$/, '');
  if (!word) return null;
  return { word, start: Number(m[2]), end: Number(m[3]) };
}

const ENGLISH = new Set(['en', 'en-us', 'en-gb', 'english']);

/**
 * PocketSphinx (CMU Sphinx), the zero-setup default: an English model ships with Debian, word times come
 * with `-time yes`. English only: another language is refused with a clear message.
 */
export function createPocketsphinxEngine(
  opts: { binary?: string; modelDir?: string } = {},
): TranscriptionEngine {
  const binary = opts.binary ?? POCKETSPHINX_BINARY;
  const modelDir = opts.modelDir ?? POCKETSPHINX_MODEL_DIR;
  return {
    name: 'pocketsphinx',
    async available() {
      if (!runnable(binary))
        return {
          ok: false,
          reason: `${binary} not found (install the Debian packages pocketsphinx and pocketsphinx-en-us)`,
        };
      for (const file of Object.values(modelFiles(modelDir)))
        if (!(await readableFile(file)))
          return { ok: false, reason: `model file not found: ${file} (install pocketsphinx-en-us)` };
      return { ok: true };
    },
    async transcribe(wavPath, options) {
      const language = options.language?.toLowerCase() ?? null;
      if (language !== null && !ENGLISH.has(language))
        throw new TranscriptionEngineError(
          `The pocketsphinx engine recognises English only (language requested: ${options.language}); choose the openai or whisper-cpp engine`,
        );
      const ready = await this.available();
      if (!ready.ok) throw new TranscriptionEngineError(`pocketsphinx is not available: ${ready.reason}`);
      const total = pcmWavSeconds((await stat(wavPath)).size);
      const words: TimedWord[] = [];
      const result = await runProcess(binary, buildPocketsphinxArgs(wavPath, modelDir), {
        label: 'pocketsphinx',
        signal: options.signal,
        onStdoutLine: (line) => {
          const word = parsePocketsphinxLine(line);
          if (!word) return;
          words.push(word);
          if (total > 0) options.onProgress?.(Math.min(1, word.end / total));
        },
      });
      if (result.exitCode !== 0)
        throw new MediaError(
          'ffmpeg_failed',
          `pocketsphinx exited with code ${result.exitCode ?? result.exitSignal}: ${result.stderrTail.slice(-3).join(' ')}`,
        );
      return { language: 'en', words };
    },
  };
}
