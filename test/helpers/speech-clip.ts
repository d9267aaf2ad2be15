import { execFile } from 'node:child_process';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { CLIP_CACHE_DIR } from './media-clips.js';

/**
 * Speech with known words and known times, for the transcription tests and bench: each sentence is
 * synthesised on its own with flite (voice `slt`, 16 kHz; its default 8 kHz `kal` voice is too poor for
 * any recogniser: PocketSphinx got about one word in four of it here), separated by silences, so where each
 * sentence's speech starts is measured from its own samples (the first above a threshold) — independently
 * of any recogniser.
 */
const run = promisify(execFile);

export const SPEECH_SENTENCES = [
  'The quick brown fox jumps over the lazy dog.',
  'Video platforms need captions for every viewer.',
  'Please call me tomorrow morning at nine.',
  'The weather today is sunny and warm.',
  'We will meet at the train station.',
  'She reads a book every night before bed.',
  'My brother likes to play football in the park.',
  'The children are playing in the garden.',
];

const RATE = 16000;
/** Silence between sentences: longer than the cue builder's 0.8 s pause, so each sentence opens a cue. */
const GAP_SECONDS = 1.2;
/** A sample this loud (of 32768) is speech. */
const ONSET_LEVEL = 500;

export interface SpeechClip {
  /** The MP4: a generated picture and the speech as its audio. */
  mp4: string;
  /** The spoken text. */
  text: string;
  durationSeconds: number;
  /** Per sentence: its text and where its speech starts and ends in the clip (seconds). */
  sentences: Array<{ text: string; onset: number; end: number }>;
}

/** 16-bit mono PCM samples of a raw s16le file. */
function samples(raw: Buffer): Int16Array {
  const copy = Uint8Array.prototype.slice.call(raw, 0, raw.length - (raw.length % 2));
  return new Int16Array(copy.buffer);
}

function speechSpan(s: Int16Array): { onset: number; end: number } {
  let first = 0;
  while (first < s.length && Math.abs(s[first]!) < ONSET_LEVEL) first++;
  let last = s.length - 1;
  while (last > first && Math.abs(s[last]!) < ONSET_LEVEL) last--;
  return { onset: first / RATE, end: last / RATE };
}

/**
 * Builds (once, cached in .cache/media) the speech clip of `sentences`, `repeat` times over: about 30 s for
 * the default sentences once.
 */
export async function makeSpeechClip(options: { repeat?: number; name?: string } = {}): Promise<SpeechClip> {
  const repeat = options.repeat ?? 1;
  const all = Array.from({ length: repeat }, () => SPEECH_SENTENCES).flat();
  const dir = path.join(CLIP_CACHE_DIR, options.name ?? `speech-x${repeat}`);
  await mkdir(dir, { recursive: true });
  const pcm: Int16Array[] = [];
  const sentences: SpeechClip['sentences'] = [];
  let at = 0.5;
  pcm.push(new Int16Array(Math.round(0.5 * RATE)));
  for (const [i, text] of SPEECH_SENTENCES.entries()) {
    const raw = path.join(dir, `s${i}.flite.wav`);
    const wav = path.join(dir, `s${i}.s16le`);
    await run('flite', ['-voice', 'slt', '-t', text, '-o', raw]);
    await run('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-i',
      raw,
      '-ar',
      String(RATE),
      '-ac',
      '1',
      '-f',
      's16le',
      wav,
    ]);
    pcm[i + 1] = samples(await readFile(wav));
  }
  const parts: Int16Array[] = [pcm[0]!];
  const gap = new Int16Array(Math.round(GAP_SECONDS * RATE));
  for (const text of all) {
    const s = pcm[SPEECH_SENTENCES.indexOf(text) + 1]!;
    const span = speechSpan(s);
    sentences.push({ text, onset: at + span.onset, end: at + span.end });
    parts.push(s, gap);
    at += (s.length + gap.length) / RATE;
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const body = Buffer.alloc(total * 2);
  let offset = 0;
  for (const p of parts) {
    Buffer.from(p.buffer, p.byteOffset, p.byteLength).copy(body, offset);
    offset += p.byteLength;
  }
  const wavFile = path.join(dir, 'speech.wav');
  await writeFile(wavFile, Buffer.concat([wavHeader(body.length), body]));
  const mp4 = path.join(dir, 'speech.mp4');
  const temp = `${mp4}.${process.pid}.tmp.mp4`;
  const seconds = total / RATE;
  await run('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=426x240:rate=25:duration=${seconds.toFixed(3)}`,
    '-i',
    wavFile,
    '-map',
    '0:v',
    '-map',
    '1:a',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-b:a',
    '96k',
    '-ar',
    '48000',
    '-shortest',
    temp,
  ]);
  await rename(temp, mp4);
  await rm(path.join(dir, 'tmp'), { force: true, recursive: true });
  return { mp4, text: all.join(' '), durationSeconds: seconds, sentences };
}

function wavHeader(dataBytes: number): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVE', 8);
  h.write('fmt ', 12);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(RATE, 24);
  h.writeUInt32LE(RATE * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36);
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/** Lower-case words without punctuation. */
export const normalisedWords = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);

/** Word error rate: word-level edit distance (substitutions, insertions, deletions) / reference words. */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const ref = normalisedWords(reference);
  const hyp = normalisedWords(hypothesis);
  let prev = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const row = [i];
    for (let j = 1; j <= hyp.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (ref[i - 1] === hyp[j - 1] ? 0 : 1));
    prev = row;
  }
  return ref.length === 0 ? 0 : prev[hyp.length]! / ref.length;
}

/** The cues of a WebVTT file: start and end in seconds, and the text. */
export function parseVttCues(vtt: string): Array<{ start: number; end: number; text: string }> {
  const time = (t: string) => {
    const [h, m, s] = t.split(':');
    return Number(h) * 3600 + Number(m) * 60 + Number(s);
  };
  return vtt
    .split(/\n\n+/)
    .map((block) => block.split('\n'))
    .filter((lines) => lines.some((l) => l.includes(' --> ')))
    .map((lines) => {
      const i = lines.findIndex((l) => l.includes(' --> '));
      const [a, b] = lines[i]!.split(' --> ');
      return { start: time(a!), end: time(b!), text: lines.slice(i + 1).join('\n') };
    });
}
