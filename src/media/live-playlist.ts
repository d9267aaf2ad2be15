import type { MediaPlaylistSegment } from './output-validation.js';

/**
 * Media playlists the worker publishes while it encodes. An EVENT playlist lists the segments published so
 * far and only ever grows (players keep reloading it), so a video is watchable from its first segment; at
 * the end it becomes VOD (#EXT-X-PLAYLIST-TYPE:VOD + #EXT-X-ENDLIST). Pure text in, text out.
 */

export type LivePlaylistType = 'event' | 'vod';

/**
 * How the listed segments were encoded. A resumed encode must cut on the same grid with the same keyframe
 * plan, so the playlist carries them as a comment line (a '#' line not starting with #EXT: players skip it).
 */
export interface EncodeParameters {
  segmentDuration: number;
  /** The source frame rate the keyframe plan was computed from; 0 when unknown. */
  frameRate: number;
}

const PARAMETERS_COMMENT = '# vlog-encode';

export interface MediaPlaylistOptions {
  type: LivePlaylistType;
  /** The segment grid in seconds; #EXT-X-TARGETDURATION, which must not change while the list grows. */
  segmentDuration: number;
  /** fMP4 init segment URI (CMAF), or null for MPEG-TS. */
  initUri: string | null;
  /** Segments 0, 1, 2 … in order; URIs relative to the playlist. */
  segments: readonly MediaPlaylistSegment[];
  frameRate: number;
}

export function buildMediaPlaylist(opts: MediaPlaylistOptions): string {
  // RFC 8216 §4.3.3.1: every #EXTINF rounded to the nearest integer must be ≤ the target duration.
  const longest = Math.max(0, ...opts.segments.map((s) => Math.round(s.duration)));
  const target = Math.max(Math.ceil(opts.segmentDuration), longest);
  const lines = [
    '#EXTM3U',
    // fMP4 (#EXT-X-MAP) needs version 7 here as ffmpeg writes it; MPEG-TS with decimal #EXTINF needs 3.
    `#EXT-X-VERSION:${opts.initUri === null ? 3 : 7}`,
    `#EXT-X-TARGETDURATION:${target}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    `#EXT-X-PLAYLIST-TYPE:${opts.type === 'vod' ? 'VOD' : 'EVENT'}`,
    '#EXT-X-INDEPENDENT-SEGMENTS',
    `${PARAMETERS_COMMENT} segment-duration=${opts.segmentDuration} frame-rate=${opts.frameRate}`,
  ];
  if (opts.initUri !== null) lines.push(`#EXT-X-MAP:URI="${opts.initUri}"`);
  for (const s of opts.segments) lines.push(`#EXTINF:${s.duration.toFixed(6)},`, s.uri);
  if (opts.type === 'vod') lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}

/** The number in a segment name ("seg_0004.m4s", "720p_0004.ts" → 4), or null. */
export function segmentNumber(uri: string): number | null {
  const m = /(\d{4,})\.(?:m4s|ts)$/.exec(uri);
  return m ? Number(m[1]) : null;
}

/** The encode parameters a playlist written by buildMediaPlaylist carries, or null. */
export function readEncodeParameters(text: string): EncodeParameters | null {
  const line = text.split(/\r?\n/).find((l) => l.startsWith(`${PARAMETERS_COMMENT} `));
  const value = (key: string) => Number(new RegExp(`\\b${key}=([0-9.]+)`).exec(line ?? '')?.[1] ?? NaN);
  const segmentDuration = value('segment-duration');
  const frameRate = value('frame-rate');
  if (!(segmentDuration > 0) || !(frameRate >= 0)) return null;
  return { segmentDuration, frameRate };
}

/**
 * The leading run of `segments` numbered 0, 1, 2 … without a gap: what a resumed encode can keep. Anything
 * after a gap or a renumbering is not trusted.
 */
export function contiguousPrefix(segments: readonly MediaPlaylistSegment[]): MediaPlaylistSegment[] {
  const out: MediaPlaylistSegment[] = [];
  for (const s of segments) {
    if (segmentNumber(s.uri) !== out.length || !(s.duration > 0)) break;
    out.push(s);
  }
  return out;
}
