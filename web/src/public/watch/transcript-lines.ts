/** Pure helpers of the transcript panel (transcript-panel.ts): which line is playing, which lines match. */

export interface TranscriptLine {
  start: number;
  end: number;
  text: string;
}

/**
 * The line playing at `time`: the last one that started at or before it (so the highlight stays on a
 * line through the pause after it); -1 before the first. Lines are in start order.
 */
export function currentLineIndex(lines: readonly TranscriptLine[], time: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((lines[mid]?.start ?? Infinity) <= time + 0.001) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Folded for matching: lower case, accents off, runs of spaces as one. */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** Indexes of the lines containing `query` (case and accents ignored); every line for an empty query. */
export function matchingLines(lines: readonly TranscriptLine[], query: string): number[] {
  const q = fold(query);
  return lines.flatMap((line, i) => (q === '' || fold(line.text).includes(q) ? [i] : []));
}
