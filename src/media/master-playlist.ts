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
  /** Listed first whatever its bandwidth (the `original` remux); the variants follow, highest first. */
  first?: MasterVariant | null;
}

export function buildMasterPlaylist(opts: MasterPlaylistOptions): string {
  if (opts.variants.length === 0) throw new RangeError('a master playlist needs at least one variant');
  // fMP4 segments need HLS version 7; MPEG-TS playlists stay at 3 for old players.
  const version = opts.format === 'cmaf' ? 7 : 3;
  const sorted = [...opts.variants].sort((a, b) => b.bandwidthBps - a.bandwidthBps);
  if (opts.first) sorted.unshift(opts.first);
  const entries = sorted.flatMap((v) => {
    const attrs = [`BANDWIDTH=${Math.round(v.bandwidthBps)}`, `RESOLUTION=${v.width}x${v.height}`];
    if (v.codecs) attrs.push(`CODECS="${v.codecs}"`);
    return [`#EXT-X-STREAM-INF:${attrs.join(',')}`, v.uri];
  });
  return ['#EXTM3U', `#EXT-X-VERSION:${version}`, '', ...entries, ''].join('\n');
}

export type H264Profile = 'baseline' | 'main' | 'high';

export interface CodecsStringOptions {
  /** Codec of the produced stream (ffprobe `codec_name`): 'h264', 'hevc' or 'av1'. */
  videoCodec: string;
  /** Frame height; with width, the frame size picks the level when ffprobe did not report one. */
  height: number;
  width?: number;
  hasAudio: boolean;
  /** ffprobe profile name ("High", "Main", "Main 10") or an H264Profile; default High (H.264) / Main. */
  profile?: string | null;
  /**
   * The level as ffprobe reports it: H.264 level × 10 (40 = 4.0), HEVC general_level_idc (level × 30,
   * 93 = 3.1), AV1 seq_level_idx (8 = 4.0). Derived from the frame size when absent.
   */
  level?: number;
  /** ffprobe pix_fmt; gives the AV1 bit depth (default 8-bit, what the ladder encodes). */
  pixFmt?: string | null;
  /** ffprobe audio codec name; default 'aac' (what the ladder encodes). */
  audioCodec?: string | null;
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

/** The first level whose picture-size limit (luma samples) takes `width`×`height`, else the last one. */
function levelForSize(
  levels: ReadonlyArray<readonly [maxSamples: number, level: number]>,
  width: number,
  height: number,
) {
  const samples = width * height;
  return (levels.find(([max]) => samples <= max) ?? levels[levels.length - 1])![1];
}

/** HEVC general_level_idc (level × 30) by luma samples per picture (H.265 Table A.8): 3.0, 3.1, 4.0, 5.0, 6.0. */
const HEVC_LEVELS = [
  [552_960, 90],
  [983_040, 93],
  [2_228_224, 120],
  [8_912_896, 150],
  [Infinity, 180],
] as const;
/** AV1 seq_level_idx by MaxPicSize (AV1 spec Annex A): 2.0, 2.1, 3.0, 3.1, 4.0, 5.0, 6.0. */
const AV1_LEVELS = [
  [147_456, 0],
  [278_784, 1],
  [665_856, 4],
  [1_065_024, 5],
  [2_359_296, 8],
  [8_912_896, 12],
  [Infinity, 16],
] as const;

export const hevcLevelForSize = (width: number, height: number): number =>
  levelForSize(HEVC_LEVELS, width, height);
export const av1LevelForSize = (width: number, height: number): number =>
  levelForSize(AV1_LEVELS, width, height);

/** RFC 6381 audio codec for an ffprobe codec name; AAC-LC when unknown (what the ladder encodes). */
export function audioCodecString(codec: string | null | undefined): string {
  switch ((codec ?? '').toLowerCase()) {
    case 'mp3':
      return 'mp4a.40.34';
    case 'ac3':
    case 'ac-3':
      return 'ac-3';
    case 'eac3':
    case 'ec-3':
    case 'e-ac-3':
      return 'ec-3';
    case 'opus':
      return 'opus';
    case 'flac':
      return 'fLaC';
    default:
      return 'mp4a.40.2';
  }
}

const validLevel = (level: number | undefined): level is number =>
  level !== undefined && Number.isInteger(level) && level >= 0;

function h264String(o: CodecsStringOptions): string {
  const level =
    validLevel(o.level) && o.level > 0 ? o.level : h264LevelForSize(o.height, o.width ?? o.height);
  return `avc1.${PROFILE_IDC[h264ProfileFromName(o.profile)]}00${level.toString(16).padStart(2, '0')}`;
}

/** hvc1.<profile>.<compatibility flags>.L<level>.<constraints>: Main → hvc1.1.6.L93.90. */
function hevcString(o: CodecsStringOptions): string {
  const n = (o.profile ?? 'main').toLowerCase();
  // profile_idc and the matching (bit-reversed, hex) compatibility flags.
  const [idc, compat] = n.includes('10') ? [2, '4'] : n.includes('still') ? [3, '8'] : [1, '6'];
  const level =
    validLevel(o.level) && o.level > 0 ? o.level : hevcLevelForSize(o.width ?? o.height, o.height);
  // L = main tier; 90 = progressive, frame-only constraint flags (what x265 and the GPU encoders write).
  return `hvc1.${idc}.${compat}.L${level}.90`;
}

/** av01.<profile>.<level><tier>.<bit depth>: 8-bit Main at level 4.0 → av01.0.08M.08. */
function av1String(o: CodecsStringOptions): string {
  const n = (o.profile ?? 'main').toLowerCase();
  const profile = n.includes('professional') ? 2 : n.includes('high') ? 1 : 0;
  const level =
    validLevel(o.level) && o.level < 32 ? o.level : av1LevelForSize(o.width ?? o.height, o.height);
  const pix = o.pixFmt ?? '';
  const depth = pix.includes('12') ? '12' : pix.includes('10') ? '10' : '08';
  return `av01.${profile}.${String(level).padStart(2, '0')}M.${depth}`;
}

/** The video part of CODECS, e.g. "avc1.640028", "hvc1.1.6.L120.90", "av01.0.08M.08". */
export function videoCodecString(opts: CodecsStringOptions): string {
  if (opts.videoCodec === 'h264') return h264String(opts);
  if (opts.videoCodec === 'hevc') return hevcString(opts);
  if (opts.videoCodec === 'av1') return av1String(opts);
  throw new RangeError(`no CODECS string for video codec ${opts.videoCodec}`);
}

/** e.g. { videoCodec: 'h264', height: 1080, hasAudio: true } → "avc1.640028,mp4a.40.2"; without audio → "avc1.640028". */
export function codecsString(opts: CodecsStringOptions): string {
  const video = videoCodecString(opts);
  return opts.hasAudio ? `${video},${audioCodecString(opts.audioCodec ?? 'aac')}` : video;
}
