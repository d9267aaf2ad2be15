import type { TimedWord } from './engine.js';

/** One caption cue: its lines joined by "\n". */
export interface Cue {
  start: number;
  end: number;
  text: string;
}

/**
 * Readable cues (the usual subtitle guidelines: BBC, Netflix): at most 42 characters a line and two
 * lines a cue, at most 6 s on screen, and a new cue after a pause longer than 0.8 s or a sentence end.
 */
export const CUE_RULES = { maxLineChars: 42, maxLines: 2, maxSeconds: 6, pauseSeconds: 0.8 } as const;

const SENTENCE_END = /[.!?…]["')\]]*$/;

/** Words wrapped greedily into lines of at most `max` characters (a longer single word keeps its line). */
export function wrapWords(words: readonly string[], max: number = CUE_RULES.maxLineChars): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > max) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines;
}

/** Splits recognised words into cues of readable length (see CUE_RULES); empty words are skipped. */
export function buildCues(words: readonly TimedWord[], rules = CUE_RULES): Cue[] {
  const cues: Cue[] = [];
  let current: TimedWord[] = [];
  const flush = () => {
    if (current.length === 0) return;
    cues.push({
      start: current[0]!.start,
      end: current[current.length - 1]!.end,
      text: wrapWords(
        current.map((w) => w.word),
        rules.maxLineChars,
      ).join('\n'),
    });
    current = [];
  };
  for (const raw of words) {
    const word = { ...raw, word: raw.word.trim() };
    if (!word.word) continue;
    const prev = current[current.length - 1];
    if (prev) {
      const lines = wrapWords([...current.map((w) => w.word), word.word], rules.maxLineChars).length;
      const breakHere =
        word.start - prev.end > rules.pauseSeconds ||
        SENTENCE_END.test(prev.word) ||
        word.end - current[0]!.start > rules.maxSeconds ||
        lines > rules.maxLines;
      if (breakHere) flush();
    }
    current.push(word);
  }
  flush();
  return cues;
}

/** `HH:MM:SS.mmm` (pipeline.md §14). */
export function vttTimestamp(seconds: number): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** The WebVTT file of pipeline.md §14: numbered cues from 1, a blank line after each. */
export function buildCaptionsVtt(cues: readonly Cue[]): string {
  const body = cues
    .map((c, i) => `${i + 1}\n${vttTimestamp(c.start)} --> ${vttTimestamp(c.end)}\n${c.text.trim()}\n\n`)
    .join('');
  return `WEBVTT\n\n${body}`;
}

/** The transcript text: the words joined by single spaces. */
export function transcriptText(words: readonly TimedWord[]): string {
  return words
    .map((w) => w.word.trim())
    .filter(Boolean)
    .join(' ');
}
