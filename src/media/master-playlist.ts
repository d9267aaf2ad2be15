import { writeFileAtomic } from './fs-atomic.js';
import type { StreamingFormat } from './ladder.js';

/** HLS master playlists (pipeline spec §8.1 for MPEG-TS, §8.2 for CMAF) and their CODECS strings. */

export interface MasterVariant {
  name: string;
  width: number;
  height: number;
  bandwidthBps: number;
  /** RFC 6381 codecs, e.g. "avc1.640028,mp4a.40.2". Omitted from the playlist when absent. */
  codecs?: string;
  /** Relative URI of the media playlist, e.g. "1080p/stream.m3u8" or "1080p.m3u8". */
  uri: string;
}

export interface MasterPlaylistOptions {
  format: StreamingFormat;
  variants: readonly MasterVariant[];
}

export function buildMasterPlaylist(opts: MasterPlaylistOptions): string {
  if (opts.variants.length === 0) throw new RangeError('a master playlist needs at least one variant');
  // fMP4 segments need HLS version 7; MPEG-TS playlists stay at 3 for old players.
  const version = opts.format === 'cmaf' ? 7 : 3;
  const sorted = [...opts.variants].sort((a, b) => b.bandwidthBps - a.bandwidthBps);
  const entries = sorted.flatMap((v) => {
    const attrs = [`BANDWIDTH=${Math.round(v.bandwidthBps)}`, `RESOLUTION=${v.width}x${v.height}`];
    if (v.codecs) attrs.push(`CODECS="${v.codecs}"`);
    return [`#EXT-X-STREAM-INF:${attrs.join(',')}`, v.uri];
  });
  return ['#EXTM3U', `#EXT-X-VERSION:${version}`, '', ...entries, ''].join('\n');
}

export async function writeMasterPlaylist(path: string, opts: MasterPlaylistOptions): Promise<void> {
  await writeFileAtomic(path, buildMasterPlaylist(opts));
}

export type H264Profile = 'baseline' | 'main' | 'high';

export interface CodecsStringOptions {
  videoCodec: 'h264';
  /** Frame height; with width, the short side picks the level (a 1080x1920 portrait frame is level 4.0). */
  height: number;
  width?: number;
  hasAudio: boolean;
  /** Default 'high' (what the ladder encodes). */
  profile?: H264Profile;
  /** H.264 level × 10 as ffprobe reports it (e.g. 40 for 4.0); derived from the size when absent. */
  level?: number;
}

const PROFILE_IDC: Record<H264Profile, string> = { baseline: '42', main: '4d', high: '64' };

/** Level for a frame size: ≤720 → 3.1, ≤1080 → 4.0, ≤1440 → 5.0, larger → 5.1 (by the short side). */
export function h264LevelForSize(height: number, width: number = height): number {
  const short = Math.min(width, height);
  if (short <= 720) return 31;
  if (short <= 1080) return 40;
  if (short <= 1440) return 50;
  return 51;
}

/** Maps an ffprobe H.264 profile name ("High", "Constrained Baseline") to ours; unknown → high. */
export function h264ProfileFromName(name: string | null | undefined): H264Profile {
  const n = (name ?? '').toLowerCase();
  if (n.includes('baseline')) return 'baseline';
  if (n === 'main') return 'main';
  return 'high';
}

/** e.g. { height: 1080, hasAudio: true } → "avc1.640028,mp4a.40.2"; without audio → "avc1.640028". */
export function codecsString(opts: CodecsStringOptions): string {
  const level = opts.level ?? h264LevelForSize(opts.height, opts.width);
  const video = `avc1.${PROFILE_IDC[opts.profile ?? 'high']}00${level.toString(16).padStart(2, '0')}`;
  // The ladder always encodes AAC-LC audio.
  return opts.hasAudio ? `${video},mp4a.40.2` : video;
}
