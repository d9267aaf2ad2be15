import {
  blocksOf,
  CaptionFormatError,
  formatVtt,
  normalizeLines,
  toVttText,
  type CaptionCue,
} from './caption-cues.js';

/** `HH:MM:SS,mmm` (a `.` and fewer fraction digits are accepted too: tools differ). */
const SRT_TIME = /^(\d+):([0-5]?\d):([0-5]?\d)[,.](\d{1,3})$/;
const TIMING = /^\s*(\S+)\s*-->\s*(\S+)/;

function srtSeconds(value: string): number | null {
  const m = SRT_TIME.exec(value);
  if (!m) return null;
  const [, h, min, s, frac] = m;
  return Number(h) * 3600 + Number(min) * 60 + Number(s) + Number(frac!.padEnd(3, '0')) / 1000;
}

/** One SRT block: an optional sequence number, the timing line, then the text. Null when malformed. */
function cueOf(lines: string[]): CaptionCue | null {
  const timingAt = lines.findIndex((line) => line.includes('-->'));
  // The number, when present, is the one line before the timing.
  if (timingAt < 0 || timingAt > 1 || (timingAt === 1 && !/^\s*\d+\s*$/.test(lines[0]!))) return null;
  const timing = TIMING.exec(lines[timingAt]!);
  const start = timing ? srtSeconds(timing[1]!) : null;
  const end = timing ? srtSeconds(timing[2]!) : null;
  if (start === null || end === null || end <= start) return null;
  const text = toVttText(lines.slice(timingAt + 1).join('\n'));
  return text === '' ? null : { start, end, text };
}

/**
 * Pure: the cues of a SubRip (.srt) file — byte-order mark and CRLF tolerated, sequence numbers dropped
 * (WebVTT numbering is rewritten), `,` millis, <font> and other non-WebVTT tags stripped. Malformed
 * blocks are skipped; a file without one well-formed cue is refused.
 */
export function parseSrt(input: string): CaptionCue[] {
  const cues = blocksOf(normalizeLines(input))
    .map((block) => cueOf(block.lines))
    .filter((cue): cue is CaptionCue => cue !== null);
  if (cues.length === 0)
    throw new CaptionFormatError(
      'No well-formed subtitle found in the SRT file (expected "00:00:01,000 --> 00:00:04,000" lines followed by text)',
    );
  return cues;
}

/** Pure: a SubRip file as WebVTT (pipeline.md §14's layout) and its cues. */
export function srtToVtt(input: string): { vtt: string; cues: CaptionCue[] } {
  const cues = parseSrt(input);
  return { vtt: formatVtt(cues), cues };
}
