import path from 'node:path';
import type { ParsedMediaPlaylist } from './output-validation.js';

/**
 * Single-frame JPEG grabs for the thumbnail picker. A source file is opened with a demuxer seek
 * (fast on long files). A rendition is read one segment at a time: ffmpeg's HLS demuxer cannot
 * seek in fMP4 (CMAF) playlists, so the segment holding the wanted time is opened on its own (TS)
 * or behind its init segment (`concat:init.mp4|seg_NNNN.m4s`) and decoded up to the offset.
 */
export interface FrameInput {
  /** File or `concat:` URL for ffmpeg's -i. */
  input: string;
  /** Demuxer seek before -i (0 = none). */
  seekSeconds: number;
  /** Decode-and-drop seek after -i, inside a segment (0 = none). */
  offsetSeconds: number;
}

/** Keeps a seek inside a segment this far from its end, where no frame may follow. */
const SEGMENT_END_MARGIN = 0.1;

/** The input for the frame at `at` seconds of a rendition playlist; null when it has no segments. */
export function segmentFrameInput(
  playlistPath: string,
  playlist: Pick<ParsedMediaPlaylist, 'initUri' | 'segments'>,
  at: number,
): FrameInput | null {
  const { segments } = playlist;
  const last = segments.at(-1);
  if (!last) return null;
  let start = 0;
  let chosen = last;
  let chosenStart = segments.reduce((sum, s) => sum + s.duration, 0) - last.duration;
  for (const s of segments) {
    if (at < start + s.duration) {
      chosen = s;
      chosenStart = start;
      break;
    }
    start += s.duration;
  }
  const dir = path.dirname(path.resolve(playlistPath));
  const inside = (uri: string) => {
    const full = path.resolve(dir, uri);
    if (!full.startsWith(dir + path.sep))
      throw new RangeError(`segment outside the playlist directory: ${uri}`);
    return full;
  };
  const segment = inside(chosen.uri);
  return {
    input: playlist.initUri ? `concat:${inside(playlist.initUri)}|${segment}` : segment,
    seekSeconds: 0,
    offsetSeconds: Math.max(0, Math.min(at - chosenStart, chosen.duration - SEGMENT_END_MARGIN)),
  };
}

export interface FrameGrabCommandOptions extends FrameInput {
  output: string;
  /** Output width; the height follows the aspect ratio (even). */
  width: number;
}

/** One JPEG frame (pure builder; the caller runs it with runFfmpeg). */
export function buildFrameGrabCommand(o: FrameGrabCommandOptions): string[] {
  // prettier-ignore
  return [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-nostats', '-y',
    ...(o.seekSeconds > 0 ? ['-ss', String(o.seekSeconds)] : []),
    '-i', o.input,
    ...(o.offsetSeconds > 0 ? ['-ss', String(o.offsetSeconds)] : []),
    '-frames:v', '1',
    '-vf', `scale=${o.width}:-2`,
    '-q:v', '3',
    '-an',
    '-update', '1',
    o.output,
  ];
}
