import { blocksOf, CaptionFormatError, normalizeLines, type CaptionCue } from './caption-cues.js';

/** `[HH:]MM:SS.mmm`, hours of two or more digits (WebVTT timestamps). */
const VTT_TIME = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
const TIMING = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+(.*))?$/;
/** The first line: `WEBVTT`, optionally followed by a space or tab and free text. */
const HEADER = /^WEBVTT(?:[ \t].*)?$/;

function vttSeconds(value: string): number | null {
  const m = VTT_TIME.exec(value);
  if (!m) return null;
  const [, h, min, s, ms] = m;
  return Number(h ?? 0) * 3600 + Number(min) * 60 + Number(s) + Number(ms) / 1000;
}

/** A cue block (optional identifier, timing, payload); null for NOTE/STYLE/REGION and malformed blocks. */
function cueOf(lines: string[]): CaptionCue | null {
  const timingAt = lines[0]?.includes('-->') ? 0 : 1;
  const timing = TIMING.exec(lines[timingAt]?.trim() ?? '');
  if (!timing) return null;
  const start = vttSeconds(timing[1]!);
  const end = vttSeconds(timing[2]!);
  if (start === null || end === null || end <= start) return null;
  const text = lines
    .slice(timingAt + 1)
    .join('\n')
    .trim();
  return { start, end, text, ...(timing[3]?.trim() ? { settings: timing[3].trim() } : {}) };
}

/**
 * Pure: checks a WebVTT file and reads its cues. It must start with `WEBVTT` (after an optional byte-order
 * mark) and hold at least one well-formed cue (`00:01.000 --> 00:04.000`, end after start); other
 * malformed blocks are skipped, as browsers skip them. Returns the text with "\n" line ends.
 */
export function parseVtt(input: string): { vtt: string; cues: CaptionCue[] } {
  const vtt = normalizeLines(input);
  const [first = '', ...rest] = vtt.split('\n');
  if (!HEADER.test(first)) throw new CaptionFormatError('Not a WebVTT file: the first line must be "WEBVTT"');
  const cues = blocksOf(rest.join('\n'))
    .map((block) => cueOf(block.lines))
    .filter((cue): cue is CaptionCue => cue !== null);
  if (cues.length === 0)
    throw new CaptionFormatError(
      'No well-formed cue found in the WebVTT file (expected "00:00:01.000 --> 00:00:04.000" lines followed by text)',
    );
  return { vtt, cues };
}
