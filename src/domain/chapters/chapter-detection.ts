import type { EmbeddedChapter } from '../../media/chapter-probe.js';

/**
 * The filter every detected chapter list goes through (pipeline.md §15): sorted by start, the first kept,
 * a chapter dropped when it starts less than `minLength` after the previous kept one or less than
 * `minLength` before the end of the video (`duration` 0: unknown, no end rule), at most `max` kept.
 * A kept chapter's end stretches to the next kept start (the last one's to the last end found) when the
 * ones in between were dropped, so the list still covers what the file's chapters covered, without gaps.
 */
export function filterDetectedChapters(
  found: readonly EmbeddedChapter[],
  opts: { minLength: number; duration: number; max: number },
): EmbeddedChapter[] {
  const sorted = [...found].sort((a, b) => a.start - b.start);
  const kept: EmbeddedChapter[] = [];
  for (const chapter of sorted) {
    const previous = kept.at(-1);
    if (previous && chapter.start - previous.start < opts.minLength) continue;
    if (previous && opts.duration > 0 && opts.duration - chapter.start < opts.minLength) continue;
    if (kept.length === opts.max) break;
    kept.push({ ...chapter });
  }
  const lastEnd = Math.max(...sorted.map((c) => c.end));
  kept.forEach((chapter, i) => {
    const until = kept[i + 1]?.start ?? lastEnd;
    if (chapter.end < until) chapter.end = until;
  });
  return kept;
}
