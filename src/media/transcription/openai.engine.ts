import { openAsBlob } from 'node:fs';
import path from 'node:path';
import { TranscriptionEngineError, type TimedWord, type TranscriptionEngine } from './engine.js';
import { isoLanguage } from './languages.js';

export interface OpenAiEngineOptions {
  /** The server's base URL (operator configuration), e.g. http://127.0.0.1:8080; the path is appended. */
  url: string;
  model: string;
  apiKey?: string;
  /** Upper bound of one request, in ms (the job's own timeout also applies through the signal). */
  requestTimeoutMs?: number;
}

interface VerboseJson {
  language?: string;
  text?: string;
  words?: Array<{ word?: string; start?: number; end?: number }>;
  segments?: Array<{ start?: number; end?: number; text?: string }>;
}

/** The endpoint for a configured base URL; null when it is not an http(s) URL. */
export function transcriptionEndpoint(base: string): URL | null {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.pathname = `${url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '')}/v1/audio/transcriptions`;
  return url;
}

/** Words spread evenly over their segment: for servers that return segments but no word times. */
export function wordsFromSegments(segments: NonNullable<VerboseJson['segments']>): TimedWord[] {
  const words: TimedWord[] = [];
  for (const s of segments) {
    const parts = (s.text ?? '').trim().split(/\s+/).filter(Boolean);
    const start = s.start ?? 0;
    const end = Math.max(start, s.end ?? start);
    const step = parts.length > 0 ? (end - start) / parts.length : 0;
    parts.forEach((word, i) => words.push({ word, start: start + i * step, end: start + (i + 1) * step }));
  }
  return words;
}

/** The words of a verbose_json answer: its word times, else its segments spread evenly. */
export function parseVerboseJson(
  body: VerboseJson,
  asked: string | null,
): { language: string; words: TimedWord[] } {
  const timed = (body.words ?? [])
    .filter((w) => typeof w.word === 'string' && Number.isFinite(w.start) && Number.isFinite(w.end))
    .map((w) => ({ word: w.word!.trim(), start: w.start!, end: w.end! }))
    .filter((w) => w.word);
  const words = timed.length > 0 ? timed : wordsFromSegments(body.segments ?? []);
  return { language: isoLanguage(body.language) ?? asked ?? 'und', words };
}

/**
 * An OpenAI-compatible transcription server (OpenAI, whisper.cpp's server, faster-whisper servers,
 * LocalAI): multipart POST {url}/v1/audio/transcriptions with verbose_json and word timestamps.
 */
export function createOpenAiEngine(opts: OpenAiEngineOptions): TranscriptionEngine {
  const endpoint = transcriptionEndpoint(opts.url);
  return {
    name: 'openai',
    available() {
      if (!opts.url)
        return Promise.resolve({
          ok: false,
          reason: 'no server URL configured (VLOG_TRANSCRIPTION_API_URL)',
        });
      if (!endpoint)
        return Promise.resolve({ ok: false, reason: `not an http(s) URL: ${opts.url.slice(0, 200)}` });
      return Promise.resolve({ ok: true });
    },
    async transcribe(wavPath, options) {
      const ready = await this.available();
      if (!ready.ok || !endpoint) throw new TranscriptionEngineError(`openai engine: ${ready.reason}`);
      const form = new FormData();
      form.append('model', opts.model);
      form.append('file', await openAsBlob(wavPath, { type: 'audio/wav' }), path.basename(wavPath));
      form.append('response_format', 'verbose_json');
      form.append('timestamp_granularities[]', 'word');
      form.append('timestamp_granularities[]', 'segment');
      if (options.language) form.append('language', options.language);
      const signals = [AbortSignal.timeout(opts.requestTimeoutMs ?? 3_600_000)];
      if (options.signal) signals.push(options.signal);
      const res = await fetch(endpoint, {
        method: 'POST',
        body: form,
        headers: opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {},
        signal: AbortSignal.any(signals),
        redirect: 'error',
      });
      const text = await res.text();
      if (!res.ok)
        throw new TranscriptionEngineError(
          `Transcription server answered HTTP ${res.status}: ${text.slice(0, 200)}`,
          res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429,
        );
      let body: VerboseJson;
      try {
        body = JSON.parse(text) as VerboseJson;
      } catch {
        throw new TranscriptionEngineError(
          `Transcription server answered with no JSON: ${text.slice(0, 200)}`,
        );
      }
      options.onProgress?.(1);
      return parseVerboseJson(body, options.language);
    },
  };
}
