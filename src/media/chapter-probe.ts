import { MediaError } from './media-error.js';
import { runFfprobe, type ProbeOptions } from './probe.js';

/** A chapter embedded in a media file's container (MP4 chapter track, Matroska chapters…). */
export interface EmbeddedChapter {
  title: string;
  /** Seconds. */
  start: number;
  /** Seconds, always after `start`. */
  end: number;
}

/** The longest title the chapters table takes (varchar(255)). */
export const MAX_CHAPTER_TITLE = 255;
const TITLE_TAGS = ['title', 'TITLE', 'name', 'NAME'] as const;

interface FfprobeChapter {
  start_time?: string | number;
  end_time?: string | number;
  tags?: Record<string, string | undefined>;
}

const seconds = (value: unknown): number | null => {
  if (value === undefined || value === null || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};

/**
 * Control characters out, whitespace runs folded, cut to the column's length with `...`. Titles are
 * stored as text, not HTML-escaped as the reference did: every page renders them as text, and escaped
 * entities would show up literally (and differ from typed-in chapters).
 */
export function cleanChapterTitle(raw: string, fallback: string): string {
  const text = raw
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return fallback;
  return text.length > MAX_CHAPTER_TITLE ? `${text.slice(0, MAX_CHAPTER_TITLE - 3)}...` : text;
}

/**
 * Pure: ffprobe's `-show_chapters` JSON → the usable chapters in file order (pipeline.md §15). A chapter
 * without a start ≥ 0 and an end after it is skipped; an untitled one is `Chapter n` (n counts from 1 in
 * the file's list).
 */
export function parseChapterOutput(json: string | object): EmbeddedChapter[] {
  let data: { chapters?: FfprobeChapter[] };
  try {
    data = (typeof json === 'string' ? JSON.parse(json) : json) as { chapters?: FfprobeChapter[] };
  } catch {
    throw new MediaError('not_a_video', 'ffprobe returned unreadable chapter data');
  }
  const raw = Array.isArray(data?.chapters) ? data.chapters : [];
  const found: EmbeddedChapter[] = [];
  raw.forEach((c, index) => {
    const start = seconds(c.start_time);
    const end = seconds(c.end_time);
    if (start === null || end === null || start < 0 || end <= start) return;
    const tag = TITLE_TAGS.map((k) => c.tags?.[k]).find((t) => typeof t === 'string' && t.trim() !== '');
    found.push({ title: cleanChapterTitle(tag ?? '', `Chapter ${index + 1}`), start, end });
  });
  return found;
}

/** The chapters embedded in a media file. Rejects with a MediaError when ffprobe cannot read it. */
export async function probeChapters(file: string, opts: ProbeOptions = {}): Promise<EmbeddedChapter[]> {
  const { ok, stdout } = await runFfprobe(file, ['-show_chapters'], opts);
  if (!ok) throw new MediaError('not_a_video', 'ffprobe could not read the source file');
  return parseChapterOutput(stdout);
}
