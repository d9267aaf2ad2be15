import { open, readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { MediaError } from './media-error.js';

/** Checks a rendition's output before it counts as done (pipeline spec §7.6). */

export interface MediaPlaylistSegment {
  uri: string;
  /** Seconds, from #EXTINF. */
  duration: number;
}

export interface ParsedMediaPlaylist {
  startsWithExtM3u: boolean;
  hasEndList: boolean;
  /** URI of #EXT-X-MAP (fMP4 init segment), or null. */
  initUri: string | null;
  segments: MediaPlaylistSegment[];
}

/** Pure parser for the subset of a media playlist we produce and check. */
export function parseMediaPlaylist(text: string): ParsedMediaPlaylist {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const segments: MediaPlaylistSegment[] = [];
  let initUri: string | null = null;
  let pendingDuration: number | null = null;
  for (const line of lines) {
    if (line.startsWith('#EXTINF:')) {
      pendingDuration = Number.parseFloat(line.slice('#EXTINF:'.length));
    } else if (line.startsWith('#EXT-X-MAP:')) {
      initUri = /URI="([^"]+)"/.exec(line)?.[1] ?? null;
    } else if (line !== '' && !line.startsWith('#')) {
      segments.push({
        uri: line,
        duration: Number.isFinite(pendingDuration) ? (pendingDuration as number) : 0,
      });
      pendingDuration = null;
    }
  }
  return {
    startsWithExtM3u: lines[0] === '#EXTM3U',
    hasEndList: lines.includes('#EXT-X-ENDLIST'),
    initUri,
    segments,
  };
}

export interface PlaylistValidation {
  segmentCount: number;
  /** Sum of #EXTINF, seconds. */
  durationSeconds: number;
  segmentDurations: number[];
  /** Absolute paths. */
  segmentPaths: string[];
  initPath: string | null;
}

export interface ValidatePlaylistOptions {
  /** Names the rendition in error messages, e.g. "1080p". */
  label?: string;
  /** Set false for a playlist still being written (event type). Default true. */
  requireEndList?: boolean;
}

async function nonEmptyFile(path: string): Promise<boolean> {
  try {
    const s = await stat(path);
    return s.isFile() && s.size > 0;
  } catch {
    return false;
  }
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(bytes), 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function readPlaylist(path: string, fail: (why: string) => MediaError): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    throw fail('the playlist was not written');
  }
}

async function checkFmp4(
  initPath: string | null,
  firstSegment: string,
  fail: (why: string) => MediaError,
): Promise<void> {
  if (initPath === null || !(await nonEmptyFile(initPath)))
    throw fail('the fMP4 init segment is missing or empty');
  const head = await readHead(firstSegment, 4096);
  if (!head.includes('moof')) throw fail('the first segment is not a fragmented MP4 (no moof box)');
}

export async function validateMediaPlaylist(
  playlistPath: string,
  opts: ValidatePlaylistOptions = {},
): Promise<PlaylistValidation> {
  const fail = (why: string): MediaError =>
    new MediaError('invalid_output', `Output check failed${opts.label ? ` for ${opts.label}` : ''}: ${why}`);
  const parsed = parseMediaPlaylist(await readPlaylist(playlistPath, fail));
  if (!parsed.startsWithExtM3u) throw fail('the playlist does not start with #EXTM3U');
  if ((opts.requireEndList ?? true) && !parsed.hasEndList)
    throw fail('the playlist is not finished (#EXT-X-ENDLIST missing)');
  if (parsed.segments.length === 0) throw fail('the playlist lists no segments');

  const base = dirname(playlistPath);
  const segmentPaths = parsed.segments.map((s) => resolve(base, s.uri));
  const present = await Promise.all(segmentPaths.map(nonEmptyFile));
  const missing = parsed.segments.filter((_, i) => !present[i]).map((s) => s.uri);
  if (missing.length > 0) throw fail(`${missing.length} segment(s) missing or empty (first: ${missing[0]})`);

  const initPath = parsed.initUri === null ? null : resolve(base, parsed.initUri);
  const isFmp4 = parsed.initUri !== null || parsed.segments.some((s) => s.uri.endsWith('.m4s'));
  if (isFmp4) await checkFmp4(initPath, segmentPaths[0] as string, fail);

  const segmentDurations = parsed.segments.map((s) => s.duration);
  return {
    segmentCount: parsed.segments.length,
    durationSeconds: segmentDurations.reduce((a, b) => a + b, 0),
    segmentDurations,
    segmentPaths,
    initPath,
  };
}
