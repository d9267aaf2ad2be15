import {
  encoderArgs,
  TOP_RENDITION_H264,
  type HwFamily,
  type SoftwareEncoder,
  type SoftwareTuning,
} from './encoders.js';
import { hwInputArgs, hwLadderFilter } from './hwaccel.js';
import { CMAF_INIT_FILENAME, renditionPaths } from './hls-layout.js';
import type { LadderPlan, Rendition } from './ladder.js';

/**
 * Pure ffmpeg command builders: each returns the argument array (without the binary) and touches nothing.
 * Keeping them pure lets unit tests assert on exact arguments and lets a remote worker build the same commands.
 */

export type PlaylistType = 'vod' | 'event';

/** The probe fields the commands need (a ProbeResult fits). */
export interface CommandSource {
  frameRate: number;
}

export interface LadderCommandOptions {
  input: string;
  outputDir: string;
  plan: LadderPlan;
  probe: CommandSource;
  /** 'event' is for progressive (watch-while-transcoding) playlists; default 'vod'. */
  playlistType?: PlaylistType;
  /** CPU encoder for plan.codec; default the preferred one (libsvtav1 for AV1, libaom-av1 as its fallback). */
  softwareEncoder?: SoftwareEncoder;
  /** Overrides entries of SOFTWARE_TUNING (encoders.ts), e.g. for benchmarks. */
  tuning?: Partial<SoftwareTuning>;
  /**
   * Resume after segments 0..startSegment-1 (crash-safe restart, see timelineArgs): the input is seeked to
   * startSegment × segmentDuration and numbering and timestamps continue the earlier segments. Default 0.
   */
  startSegment?: number;
  /**
   * Encode on this GPU (see hwaccel.ts detectHardware): its device options before -i, decode once, upload
   * once, scale on the GPU, its encoder per rendition. Null or absent: the CPU encoders.
   */
  hw?: { family: HwFamily; device: string | null } | null;
}

const GLOBAL_ARGS = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-nostats', '-y'];
/** Assumed when the source does not declare a frame rate. */
const FALLBACK_FRAME_RATE = 30;

/** Stream label of rendition i inside the filter graph. */
const videoLabel = (i: number): string => `v${i}`;

/**
 * Decode once, then a scaling cascade: each rendition is scaled from the next larger one (720p from
 * 1080p, 480p from 720p …) rather than every one from the source, so each scaler reads a smaller picture.
 * Measured on 20 s of 1080p (4 renditions, 2 CPUs): 8.5 % less wall time than scaling each from the
 * source, SSIM −0.0002 at 480p. A scale to the source's own size passes frames through unchanged.
 */
export function buildLadderFilter(renditions: readonly Rendition[]): string {
  // Largest first (by pixels), keeping each rendition's own output label.
  const order = renditions
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.width * b.r.height - a.r.width * a.r.height);
  const parts: string[] = [];
  let from = '[0:v:0]';
  order.forEach(({ r, i }, k) => {
    const last = k === order.length - 1;
    const scaled = `${from}scale=${r.width}:${r.height},setsar=1`;
    if (last) parts.push(`${scaled}[${videoLabel(i)}]`);
    else parts.push(`${scaled},split=2[${videoLabel(i)}][c${k}]`);
    from = `[c${k}]`;
  });
  return parts.join(';');
}

/**
 * Keyframe interval for x264: twice the segment length in frames, so the encoder never adds a keyframe of
 * its own between the forced ones (-force_key_frames sets every segment boundary).
 */
export function keyframeInterval(frameRate: number, segmentDuration: number): number {
  const fps = frameRate > 0 && Number.isFinite(frameRate) ? frameRate : FALLBACK_FRAME_RATE;
  return Math.max(1, Math.ceil(fps * segmentDuration)) * 2;
}

/** plan.codec's encoder with capped CRF and keyframes on the segment grid only (see encoders.ts). */
function videoEncoderArgs(r: Rendition, opts: LadderCommandOptions): string[] {
  if (opts.hw)
    return encoderArgs({
      codec: opts.plan.codec,
      rendition: r,
      segmentDuration: opts.plan.segmentDuration,
      frameRate: opts.probe.frameRate,
      hw: { family: opts.hw.family },
    });
  // The top H.264 rendition (the costliest; its bitrate cap binds) gets its own preset, unless a
  // benchmark sets the H.264 tuning explicitly.
  const top = opts.plan.renditions[0] === r && opts.plan.codec === 'h264' && !opts.tuning?.h264;
  return encoderArgs({
    codec: opts.plan.codec,
    rendition: r,
    segmentDuration: opts.plan.segmentDuration,
    frameRate: opts.probe.frameRate,
    software: opts.softwareEncoder,
    tuning: top ? { ...opts.tuning, h264: TOP_RENDITION_H264 } : opts.tuning,
  });
}

function audioEncoderArgs(r: Rendition): string[] {
  return ['-c:a', 'aac', '-b:a', `${r.audioBitrateKbps}k`, '-ac', '2', '-ar', '48000'];
}

/** MPEG-TS timelines start here (s), fresh or resumed, so both put a given frame at the same PTS. */
export const TS_TIMELINE_START = 10;

/** Where a (resumed) encode starts in the source, in seconds. */
export function resumeSeconds(opts: Pick<LadderCommandOptions, 'plan' | 'startSegment'>): number {
  return (opts.startSegment ?? 0) * opts.plan.segmentDuration;
}

/**
 * Numbering and timestamps of a resumed encode. After input seeking its output starts at 0;
 * -output_ts_offset moves it back onto the original timeline, and the forced keyframes (relative to the
 * first frame) land on the same grid, so segment k is cut exactly where the first encode cut it.
 * - MPEG-TS: every encode gets an explicit offset. Without one, a fresh encode is shifted by the encoder
 *   delay (B-frames make its first DTS negative) and a resumed one would come out that many frames early.
 * - fMP4: the mp4 muxer rebases each track to its first DTS unless +frag_discont is set, so a resumed
 *   encode needs it to carry the offset in its tfdt (the first encode's init.mp4 stays published).
 */
function timelineArgs(opts: LadderCommandOptions): string[] {
  const start = opts.startSegment ?? 0;
  const numbering = start > 0 ? ['-start_number', String(start)] : [];
  if (opts.plan.format === 'hls_ts')
    return ['-output_ts_offset', String(TS_TIMELINE_START + resumeSeconds(opts)), ...numbering];
  if (start === 0) return [];
  // prettier-ignore
  return [
    '-output_ts_offset', String(resumeSeconds(opts)),
    ...numbering,
    '-hls_segment_options', 'movflags=+frag_discont',
  ];
}

function hlsMuxerArgs(r: Rendition, opts: LadderCommandOptions): string[] {
  const { format, segmentDuration } = opts.plan;
  const paths = renditionPaths(format, opts.outputDir, r.name);
  const fmp4 =
    format === 'cmaf' ? ['-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', CMAF_INIT_FILENAME] : [];
  // prettier-ignore
  return [
    ...timelineArgs(opts),
    '-f', 'hls',
    '-hls_time', String(segmentDuration),
    '-hls_list_size', '0',
    '-hls_playlist_type', opts.playlistType ?? 'vod',
    // temp_file: a segment appears under its final name only once complete, so counting files = progress.
    '-hls_flags', 'independent_segments+temp_file',
    ...fmp4,
    '-hls_segment_filename', paths.segmentPattern,
    paths.playlist,
  ];
}

/**
 * ONE ffmpeg process for the whole ladder: the source is decoded once and every rendition is encoded from
 * the same frames, with keyframes forced on the same segment grid so segments line up across renditions.
 * The caller must create the output directories first (ffmpeg's HLS muxer does not).
 */
export function buildLadderCommand(opts: LadderCommandOptions): string[] {
  const { plan } = opts;
  if (plan.renditions.length === 0) throw new RangeError('the ladder plan has no renditions');
  // prettier-ignore
  const outputs = plan.renditions.flatMap((r, i) => [
    '-map', `[${videoLabel(i)}]`,
    '-map', '0:a:0?', // optional: video-only sources are fine
    ...videoEncoderArgs(r, opts),
    ...audioEncoderArgs(r),
    ...hlsMuxerArgs(r, opts),
  ]);
  // prettier-ignore
  return [
    ...GLOBAL_ARGS,
    '-progress', 'pipe:1',
    ...(opts.hw ? hwInputArgs(opts.hw.family, opts.hw.device) : []),
    ...(resumeSeconds(opts) > 0 ? ['-ss', String(resumeSeconds(opts))] : []), // input seeking: exact, fast
    '-i', opts.input,
    '-filter_complex', opts.hw ? hwLadderFilter(opts.hw.family, plan.renditions) : buildLadderFilter(plan.renditions),
    ...outputs,
  ];
}

export interface ThumbnailCommandOptions {
  input: string;
  output: string;
  atSeconds: number;
  /** Default 640; the height follows the aspect ratio (even). */
  width?: number;
}

/** Spec §5.1: the frame at min(5 s, duration / 4). */
export function thumbnailTime(duration: number): number {
  return Math.max(0, Math.min(5, duration / 4));
}

/** One JPEG frame. `-ss` before `-i` seeks in the demuxer, which is fast on long files. */
export function buildThumbnailCommand(opts: ThumbnailCommandOptions): string[] {
  // prettier-ignore
  return [
    ...GLOBAL_ARGS,
    // One decoding thread: a single frame needs no frame threads (4K: 150 → 100 MiB, and faster), and the
    // thumbnail runs beside the ladder encode, whose memory it adds to.
    '-threads', '1',
    '-ss', String(opts.atSeconds),
    '-i', opts.input,
    '-frames:v', '1',
    '-vf', `scale=${opts.width ?? 640}:-2`,
    '-q:v', '3',
    '-an',
    '-update', '1',
    opts.output,
  ];
}

export interface TimeoutLimits {
  /** VLOG_FFMPEG_TIMEOUT_BASE_MULTIPLIER, default 2.0. */
  multiplier?: number;
  /** VLOG_FFMPEG_TIMEOUT_MINIMUM seconds, default 300. */
  minimum?: number;
  /** VLOG_FFMPEG_TIMEOUT_MAXIMUM seconds, default 14400. */
  maximum?: number;
}

const RESOLUTION_FACTORS: Readonly<Record<number, number>> = {
  360: 1.0,
  480: 1.25,
  720: 1.5,
  1080: 2.0,
  1440: 2.5,
  2160: 3.5,
};

function resolutionFactor(height: number): number {
  return RESOLUTION_FACTORS[height] ?? 2.0;
}

function clampTimeout(seconds: number, limits: TimeoutLimits): number {
  const min = limits.minimum ?? 300;
  const max = limits.maximum ?? 14400;
  return Math.min(max, Math.max(min, seconds));
}

/**
 * Spec §7.5 timeout for one encode, in seconds. `height` is the quality's height (its short side for
 * portrait videos, e.g. 1080 for 1080p).
 */
export function ffmpegTimeoutSeconds(duration: number, height: number, limits: TimeoutLimits = {}): number {
  return clampTimeout(duration * (limits.multiplier ?? 2.0) * resolutionFactor(height), limits);
}

/** Timeout for the single-process ladder: the per-quality budgets added up, then clamped. */
export function ladderTimeoutSeconds(duration: number, plan: LadderPlan, limits: TimeoutLimits = {}): number {
  const multiplier = limits.multiplier ?? 2.0;
  // Quality names are "<short side>p"; the tiny-source 360p rendition counts as 360.
  const total = plan.renditions.reduce(
    (sum, r) => sum + duration * multiplier * resolutionFactor(Number.parseInt(r.name, 10)),
    0,
  );
  return clampTimeout(total, limits);
}
