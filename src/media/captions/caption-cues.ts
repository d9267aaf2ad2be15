/**
 * Caption cues and their text, shared by the SRT and WebVTT readers and the WebVTT writer
 * (pipeline.md §14's layout). Pure: no I/O.
 */

export interface CaptionCue {
  /** Seconds. */
  start: number;
  end: number;
  /** The cue payload as WebVTT text (lines joined by "\n"; only <b>, <i>, <u> markup). */
  text: string;
  /** WebVTT cue settings after the timing (`line:0 position:10%`), kept as written. */
  settings?: string;
}

/** Why a caption file was refused; the message is shown to the admin as is. */
export class CaptionFormatError extends Error {}

/** Without a byte-order mark, with "\n" line ends (CRLF and lone CR from other tools). */
export const normalizeLines = (input: string) => input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

/** Blocks of non-blank lines, separated by one or more blank lines, with the line number each starts at. */
export function blocksOf(text: string): { lines: string[]; line: number }[] {
  const blocks: { lines: string[]; line: number }[] = [];
  let current: { lines: string[]; line: number } | null = null;
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') {
      current = null;
      return;
    }
    if (!current) {
      current = { lines: [], line: i + 1 };
      blocks.push(current);
    }
    current.lines.push(raw);
  });
  return blocks;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `HH:MM:SS.mmm` (pipeline.md §14), for every WebVTT file VLog writes (captions, sprite thumbnails). */
export function vttTimestamp(seconds: number): string {
  const millis = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(millis / 3_600_000);
  const m = Math.floor((millis % 3_600_000) / 60_000);
  const s = Math.floor((millis % 60_000) / 1000);
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(millis % 1000, 3)}`;
}

const KEPT_TAGS = new Set(['b', 'i', 'u']);
const TAG = /<\/?([a-zA-Z]+)[^>]*>/g;

/**
 * Cue text as WebVTT allows it: <b>, <i>, <u> kept (attributes dropped), every other tag (<font color=…>,
 * <span>) and ASS override blocks (`{\an8}`) removed, a bare `&` or `<` escaped, `-->` broken up.
 */
export function toVttText(text: string): string {
  const stripped = text.replace(/\{\\[^}]*\}/g, '').replace(TAG, (tag, name: string) => {
    const lower = name.toLowerCase();
    if (!KEPT_TAGS.has(lower)) return '';
    return tag.startsWith('</') ? `</${lower}>` : `<${lower}>`;
  });
  return stripped
    .replace(/&(?![a-zA-Z]+;|#\d+;|#x[0-9a-fA-F]+;)/g, '&amp;')
    .replace(/<(?!\/?[biu]>)/g, '&lt;')
    .replace(/-->/g, '--&gt;')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: ' ', lrm: '', rlm: '' };

/** What a viewer reads of a cue: no markup, entities decoded, lines joined by a space. */
export function plainText(vttText: string): string {
  return vttText
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|nbsp|lrm|rlm);/g, (_m, name: string) => ENTITIES[name] ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}

/** The transcript of a caption file: every cue's plain text, joined by single spaces. */
export const transcriptOf = (cues: readonly CaptionCue[]) =>
  cues
    .map((cue) => plainText(cue.text))
    .filter((t) => t !== '')
    .join(' ');

/** Words of a transcript, split on whitespace (api-admin.md §5.8: word_count). */
export const wordCount = (text: string) => text.split(/\s+/).filter((w) => w !== '').length;

/**
 * A WebVTT file in pipeline.md §14's layout: header, then numbered cues from 1, each followed by a blank
 * line — uploaded captions (srt.ts) and recognised speech (transcription/cues.ts) alike.
 */
export function formatVtt(cues: readonly CaptionCue[]): string {
  const body = cues.map((cue, i) => {
    const settings = cue.settings ? ` ${cue.settings}` : '';
    return `${i + 1}\n${vttTimestamp(cue.start)} --> ${vttTimestamp(cue.end)}${settings}\n${cue.text.trim()}\n\n`;
  });
  return `WEBVTT\n\n${body.join('')}`;
}
