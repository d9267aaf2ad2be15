import type { EmbeddedChapter } from '../../media/chapter-probe.js';

/** At most this many sections are cut from a transcript. */
const MAX_SECTIONS = 10;
const TITLE_LENGTH = 60;
const LEADING_FILLER = /^(so|well|now|okay|alright|um|uh|like)\b[\s,]*/i;
const LEADING_CONJUNCTION = /^(and|but|or)\b[\s,]*/i;
const TRAILING_PUNCTUATION = /[.!?,;:]+$/;

const round2 = (n: number) => Math.round(n * 100) / 100;

/** A sentence as a section title: filler words off the front, cut at a word boundary, no end punctuation. */
function sectionTitle(sentence: string | undefined, n: number): string {
  let text = (sentence ?? '').trim().replace(LEADING_FILLER, '').replace(LEADING_CONJUNCTION, '').trim();
  text = text.replace(TRAILING_PUNCTUATION, '');
  if (text.length > TITLE_LENGTH) {
    const cut = text.slice(0, TITLE_LENGTH);
    const space = cut.lastIndexOf(' ');
    text = `${(space > TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).replace(TRAILING_PUNCTUATION, '')}...`;
  }
  return text.length < 3 ? `Section ${n}` : text;
}

/**
 * Pure: equal sections of a transcribed video (pipeline.md §15, transcription): as many as `minLength`
 * fits in the duration, 2…10, each titled by the first sentence of its share of the transcript. None when
 * fewer than two sections fit.
 */
export function chaptersFromTranscript(text: string, duration: number, minLength: number): EmbeddedChapter[] {
  const fits = Math.floor(duration / minLength);
  if (duration < minLength || fits < 2) return [];
  const n = Math.min(fits, MAX_SECTIONS);
  const sentences = text
    .trim()
    .split(/(?<=[.!?])\s+/)
    .filter((s) => s.trim() !== '');
  const slice = Math.max(1, Math.floor(sentences.length / n));
  const starts = Array.from({ length: n }, (_, i) => round2((i * duration) / n));
  return starts.map((start, i) => ({
    title: sectionTitle(sentences[i * slice], i + 1),
    start,
    end: starts[i + 1] ?? duration,
  }));
}
