import type { Rendition, VideoCodec } from './ladder.js';
import { MediaError } from './media-error.js';

/**
 * Per-output video encoder arguments for every codec, on the CPU (libx264, libx265, SVT-AV1, libaom) or on a
 * GPU family (NVENC, VAAPI, QSV). Every variant has the same two promises:
 * - quality-targeted rate control capped by the rendition's maxrate/bufsize (CRF/CQ where the encoder has it);
 * - keyframes only on the segment grid (fixed GOP, no scene-cut keyframes), so segment boundaries line up
 *   across renditions and players switch cleanly.
 * Pure: returns `string[]` for one output, after its `-map`s.
 */

export type SoftwareEncoder = 'libx264' | 'libx265' | 'libsvtav1' | 'libaom-av1';
export type HwFamily = 'nvenc' | 'vaapi' | 'qsv';

export interface SoftwareSetting {
  /** x264/x265 preset name, SVT-AV1 preset number (0 slowest … 13 fastest), or libaom `-cpu-used`. */
  preset: string;
  crf: number;
}

export interface SoftwareTuning {
  h264: SoftwareSetting;
  hevc: SoftwareSetting;
  /** libsvtav1, the preferred AV1 encoder. */
  av1: SoftwareSetting;
  /** libaom-av1, used only when this ffmpeg lacks libsvtav1; `preset` is `-cpu-used` (0–6 in good mode). */
  av1Libaom: SoftwareSetting;
}

/**
 * THE speed/quality knobs of the CPU encoders (the speed-vs-SSIM benchmark edits only this object).
 * CRF is capped by each rendition's maxrate/bufsize, so it only lowers the bitrate of easy content.
 */
export const SOFTWARE_TUNING: Readonly<SoftwareTuning> = Object.freeze({
  // Measured (bench/encoder-tuning.ts, 20 s 1080p testsrc2, 2 CPUs, see bench/README.md): veryfast/23 uses
  // 0.44-0.48 × the baseline's CPU (medium/23, one ffmpeg per rendition) at 0.94 × its bytes, worst SSIM
  // -0.0015 (limit -0.005). superfast/24 fails the bytes limit (1.29 ×); faster costs ~40 % more CPU;
  // veryfast/22 and /24 are within 3 % of its CPU, with 1.01 × bytes and -0.0024 SSIM respectively.
  h264: Object.freeze({ preset: 'veryfast', crf: 23 }),
  hevc: Object.freeze({ preset: 'veryfast', crf: 28 }),
  av1: Object.freeze({ preset: '8', crf: 32 }),
  av1Libaom: Object.freeze({ preset: '6', crf: 32 }),
});

/**
 * The top H.264 rendition's setting. On normal content its bitrate is held by the maxrate cap, so a faster
 * preset costs little: measured on 20 s of 1080p (2 CPUs) superfast/23 on the 1080p rendition cut the
 * ladder's CPU by 9 % and its wall time by 5 %, at +7.7 % bytes for that rendition (still capped) and
 * SSIM −0.0009 (0.9929 vs 0.9937; the limit against the baseline is −0.005). Lower renditions are not
 * cap-bound: superfast there doubles their bytes (720p: 6.9 vs 3.3 MB), so they keep SOFTWARE_TUNING.h264.
 */
export const TOP_RENDITION_H264: Readonly<SoftwareSetting> = Object.freeze({ preset: 'superfast', crf: 23 });

/** GPU rate control: NVENC has a CQ mode that maxrate caps; VAAPI and QSV target the preset bitrate (VBR). */
export const HARDWARE_TUNING = Object.freeze({
  nvenc: Object.freeze({ preset: 'p4', cq: Object.freeze({ h264: 23, hevc: 28, av1: 30 }) }),
  qsv: Object.freeze({ preset: 'medium' }),
});

/** Software encoders per codec, preferred first. */
export const SOFTWARE_ENCODERS: Readonly<Record<VideoCodec, readonly SoftwareEncoder[]>> = Object.freeze({
  h264: ['libx264'],
  hevc: ['libx265'],
  av1: ['libsvtav1', 'libaom-av1'],
});

/**
 * The software encoder for a codec. `available` is this ffmpeg's encoder list (`ffmpeg -encoders`); without
 * it the preferred encoder is assumed. AV1 falls back from SVT-AV1 to libaom.
 */
export function pickSoftwareEncoder(
  codec: VideoCodec,
  available?: readonly string[] | null,
): SoftwareEncoder {
  const candidates = SOFTWARE_ENCODERS[codec];
  const found = available ? candidates.find((e) => available.includes(e)) : candidates[0];
  if (!found) {
    throw new MediaError(
      'ffmpeg_failed',
      `This ffmpeg has no ${codec} encoder (it needs ${candidates.join(' or ')}); install a full ffmpeg build`,
    );
  }
  return found;
}

/** Assumed when the source does not declare a frame rate. */
const FALLBACK_FRAME_RATE = 30;

export interface KeyframePlan {
  /** Frames in one segment (rounded up, so a keyframe never lands before the segment boundary). */
  segmentFrames: number;
  /**
   * Maximum GOP for encoders that honour forced keyframes: two segments, so the encoder never places a
   * keyframe of its own between the forced ones.
   */
  gop: number;
  /** `-force_key_frames` value: a keyframe at every segment boundary, by timestamp. */
  forceExpr: string;
}

export function keyframePlan(frameRate: number, segmentDuration: number): KeyframePlan {
  const fps = frameRate > 0 && Number.isFinite(frameRate) ? frameRate : FALLBACK_FRAME_RATE;
  // The epsilon keeps 30 fps × 2 s at 60 frames despite floating-point noise.
  const segmentFrames = Math.max(1, Math.ceil(fps * segmentDuration - 1e-6));
  return { segmentFrames, gop: segmentFrames * 2, forceExpr: `expr:gte(t,n_forced*${segmentDuration})` };
}

export type EncoderRates = Pick<Rendition, 'videoBitrateKbps' | 'maxrateKbps' | 'bufsizeKbps'>;

export interface EncoderArgsOptions {
  codec: VideoCodec;
  rendition: EncoderRates;
  segmentDuration: number;
  frameRate: number;
  /** Encode on this GPU family instead of the CPU (see hwaccel.ts for detection and selection). */
  hw?: { family: HwFamily } | null;
  /** CPU encoder; default the preferred one for the codec (libsvtav1 for AV1). */
  software?: SoftwareEncoder;
  /** Replaces entries of SOFTWARE_TUNING (benchmarks, fast tests). */
  tuning?: Partial<SoftwareTuning>;
}

const cap = (r: EncoderRates): string[] => ['-maxrate', `${r.maxrateKbps}k`, '-bufsize', `${r.bufsizeKbps}k`];

/** HLS players expect `hvc1` (parameter sets in the sample entry); ffmpeg's default `hev1` fails on Apple. */
const HVC1 = ['-tag:v', 'hvc1'];

/** How the CRF software encoders start: the encoder, its preset, the CRF, and the bitrate cap. */
const crfHead = (encoder: string, o: EncoderArgsOptions, t: SoftwareSetting): string[] => [
  ...['-c:v', encoder, '-preset', t.preset, '-crf', String(t.crf)],
  ...cap(o.rendition),
];

function x264Args(o: EncoderArgsOptions, k: KeyframePlan, t: SoftwareSetting): string[] {
  // prettier-ignore
  return [
    ...crfHead('libx264', o, t),
    '-profile:v', 'high',
    '-pix_fmt', 'yuv420p',
    '-g', String(k.gop),
    '-sc_threshold', '0',
    '-force_key_frames', k.forceExpr,
  ];
}

function x265Args(o: EncoderArgsOptions, k: KeyframePlan, t: SoftwareSetting): string[] {
  const params = `keyint=${k.gop}:min-keyint=${k.gop}:scenecut=0:open-gop=0:log-level=error`;
  // prettier-ignore
  return [
    ...crfHead('libx265', o, t),
    '-profile:v', 'main',
    '-pix_fmt', 'yuv420p',
    ...HVC1,
    '-x265-params', params,
    // Without it x265 turns a forced keyframe into a plain I-frame that later frames reference across,
    // and the HLS muxer cannot cut there.
    '-forced-idr', '1',
    '-force_key_frames', k.forceExpr,
  ];
}

function svtAv1Args(o: EncoderArgsOptions, k: KeyframePlan, t: SoftwareSetting): string[] {
  // ffmpeg's libsvtav1 wrapper ignores -force_key_frames (ffmpeg 5.1), so the GOP IS the segment: a fixed
  // keyframe every segmentFrames frames, scene detection off.
  // prettier-ignore
  return [
    ...crfHead('libsvtav1', o, t),
    '-pix_fmt', 'yuv420p',
    '-svtav1-params', `keyint=${k.segmentFrames}:scd=0`,
  ];
}

function aomAv1Args(o: EncoderArgsOptions, k: KeyframePlan, t: SoftwareSetting): string[] {
  // CRF + -b:v is libaom's constrained-quality mode: the bitrate acts as the cap.
  // keyint_min = gop leaves no room for scene-cut keyframes between the forced ones.
  // prettier-ignore
  return [
    '-c:v', 'libaom-av1',
    '-usage', 'good',
    '-cpu-used', t.preset,
    '-row-mt', '1',
    '-crf', String(t.crf),
    '-b:v', `${o.rendition.maxrateKbps}k`,
    ...cap(o.rendition),
    '-pix_fmt', 'yuv420p',
    '-g', String(k.gop),
    '-keyint_min', String(k.gop),
    '-force_key_frames', k.forceExpr,
  ];
}

const SOFTWARE_BUILDERS: Record<
  SoftwareEncoder,
  { codec: VideoCodec; tuning: keyof SoftwareTuning; build: typeof x264Args }
> = {
  libx264: { codec: 'h264', tuning: 'h264', build: x264Args },
  libx265: { codec: 'hevc', tuning: 'hevc', build: x265Args },
  libsvtav1: { codec: 'av1', tuning: 'av1', build: svtAv1Args },
  'libaom-av1': { codec: 'av1', tuning: 'av1Libaom', build: aomAv1Args },
};

/** `h264_nvenc`, `hevc_vaapi`, `av1_qsv`, … */
export function hwEncoderName(family: HwFamily, codec: VideoCodec): string {
  return `${codec}_${family}`;
}

/** Profiles we produce: 8-bit 4:2:0 everywhere, so High for H.264 and Main for HEVC. */
function hwProfile(codec: VideoCodec): string[] {
  if (codec === 'h264') return ['-profile:v', 'high'];
  if (codec === 'hevc') return ['-profile:v', 'main'];
  return [];
}

function hwArgs(family: HwFamily, o: EncoderArgsOptions, k: KeyframePlan): string[] {
  const r = o.rendition;
  const head = ['-c:v', hwEncoderName(family, o.codec)];
  const tail = [...hwProfile(o.codec), ...(o.codec === 'hevc' ? HVC1 : [])];
  const gop = ['-g', String(k.gop)];
  const forced = ['-force_key_frames', k.forceExpr];
  if (family === 'nvenc') {
    // prettier-ignore
    return [
      ...head,
      '-preset', HARDWARE_TUNING.nvenc.preset, '-tune', 'hq',
      '-rc', 'vbr', '-cq', String(HARDWARE_TUNING.nvenc.cq[o.codec]), '-b:v', '0', ...cap(r),
      '-rc-lookahead', '32', '-bf', '3',
      '-pix_fmt', 'yuv420p',
      ...gop, '-no-scenecut', '1', '-forced-idr', '1', ...forced,
      ...tail,
    ];
  }
  if (family === 'vaapi') {
    // VAAPI never adds scene-cut keyframes, and it turns forced keyframes into IDR frames.
    // prettier-ignore
    return [...head, '-rc_mode', 'VBR', '-b:v', `${r.videoBitrateKbps}k`, ...cap(r), ...gop, ...forced, ...tail];
  }
  // prettier-ignore
  return [
    ...head,
    '-preset', HARDWARE_TUNING.qsv.preset,
    '-b:v', `${r.videoBitrateKbps}k`, ...cap(r),
    ...gop, '-forced_idr', '1', ...forced,
    ...tail,
  ];
}

/** The video encoder arguments of one ladder output. */
export function encoderArgs(o: EncoderArgsOptions): string[] {
  const k = keyframePlan(o.frameRate, o.segmentDuration);
  if (o.hw) return hwArgs(o.hw.family, o, k);
  const encoder = o.software ?? pickSoftwareEncoder(o.codec);
  const builder = SOFTWARE_BUILDERS[encoder];
  if (builder.codec !== o.codec) throw new RangeError(`${encoder} does not produce ${o.codec}`);
  const tuning = o.tuning?.[builder.tuning] ?? SOFTWARE_TUNING[builder.tuning];
  return builder.build(o, k, tuning);
}
