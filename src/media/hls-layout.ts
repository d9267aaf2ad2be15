import { join } from 'node:path';
import { QUALITY_NAMES, type StreamingFormat } from './ladder.js';

/**
 * Where a rendition's files live inside a video's output directory (pipeline spec §2):
 * - cmaf:   {q}/stream.m3u8, {q}/init.mp4, {q}/seg_0000.m4s …
 * - hls_ts: {q}.m3u8, {q}_0000.ts …
 * Paths here are relative to the output directory, with '/' separators (they double as playlist URIs).
 */
export interface RenditionLayout {
  /** Playlist path relative to the output directory; also the URI used in the master playlist. */
  playlist: string;
  /** Directory holding the segments, relative ('' = the output directory itself). */
  segmentDir: string;
  /** ffmpeg `-hls_segment_filename` pattern, relative to the output directory. */
  segmentPattern: string;
  /** Matches a finished segment's file name inside segmentDir. */
  segmentFile: RegExp;
  /** fMP4 init segment name (relative to the playlist), or null for MPEG-TS. */
  initFile: string | null;
}

export const CMAF_INIT_FILENAME = 'init.mp4';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function renditionLayout(format: StreamingFormat, name: string): RenditionLayout {
  if (format === 'cmaf') {
    return {
      playlist: `${name}/stream.m3u8`,
      segmentDir: name,
      segmentPattern: `${name}/seg_%04d.m4s`,
      segmentFile: /^seg_\d{4,}\.m4s$/,
      initFile: CMAF_INIT_FILENAME,
    };
  }
  return {
    playlist: `${name}.m3u8`,
    segmentDir: '',
    segmentPattern: `${name}_%04d.ts`,
    segmentFile: new RegExp(`^${escapeRegExp(name)}_\\d{4,}\\.ts$`),
    initFile: null,
  };
}

/** Absolute paths for one rendition under outputDir. */
export function renditionPaths(
  format: StreamingFormat,
  outputDir: string,
  name: string,
): { playlist: string; segmentDir: string; segmentPattern: string } {
  const layout = renditionLayout(format, name);
  return {
    playlist: join(outputDir, layout.playlist),
    segmentDir: join(outputDir, layout.segmentDir),
    segmentPattern: join(outputDir, layout.segmentPattern),
  };
}

/** Whether `relativePath` ('/' separators) is the playlist, init or a segment of a ladder rendition in `format`. */
export function isRenditionFile(format: StreamingFormat, relativePath: string): boolean {
  return QUALITY_NAMES.some((name) => {
    const layout = renditionLayout(format, name);
    if (relativePath === layout.playlist) return true;
    const prefix = layout.segmentDir === '' ? '' : `${layout.segmentDir}/`;
    if (!relativePath.startsWith(prefix)) return false;
    const file = relativePath.slice(prefix.length);
    return !file.includes('/') && (layout.segmentFile.test(file) || file === layout.initFile);
  });
}
