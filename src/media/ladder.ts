import { MediaError } from './media-error.js';

/**
 * Which renditions to produce for a source. Quality is decided by the SHORT side, so a 1080x1920 phone clip
 * gets the same ladder as a 1920x1080 one (1080p = 1080x1920). Never upscales, except that a source smaller
 * than 360p still gets one 360p rendition at its own size.
 */
export type QualityName = '2160p' | '1440p' | '1080p' | '720p' | '480p' | '360p';
export type StreamingFormat = 'cmaf' | 'hls_ts';
/** The video codec the ladder produces (libx264, libx265, SVT-AV1/libaom, or a GPU encoder of that codec). */
export type VideoCodec = 'h264' | 'hevc' | 'av1';
export const VIDEO_CODECS: readonly VideoCodec[] = Object.freeze(['h264', 'hevc', 'av1']);

export function isVideoCodec(value: string): value is VideoCodec {
  return (VIDEO_CODECS as readonly string[]).includes(value);
}

export interface QualityPreset {
  name: QualityName;
  /** Short side in pixels (the height of a landscape video). */
  shortSide: number;
  videoBitrateKbps: number;
  audioBitrateKbps: number;
}

/** Highest first. maxrate = video bitrate, bufsize = 2 × video bitrate (pipeline spec §7). */
export const QUALITY_PRESETS: readonly QualityPreset[] = Object.freeze([
  { name: '2160p', shortSide: 2160, videoBitrateKbps: 15000, audioBitrateKbps: 192 },
  { name: '1440p', shortSide: 1440, videoBitrateKbps: 8000, audioBitrateKbps: 192 },
  { name: '1080p', shortSide: 1080, videoBitrateKbps: 5000, audioBitrateKbps: 128 },
  { name: '720p', shortSide: 720, videoBitrateKbps: 2500, audioBitrateKbps: 128 },
  { name: '480p', shortSide: 480, videoBitrateKbps: 1000, audioBitrateKbps: 96 },
  { name: '360p', shortSide: 360, videoBitrateKbps: 600, audioBitrateKbps: 96 },
]);

export const QUALITY_NAMES: readonly QualityName[] = QUALITY_PRESETS.map((p) => p.name);

export function isQualityName(value: string): value is QualityName {
  return (QUALITY_NAMES as readonly string[]).includes(value);
}

export interface Rendition {
  name: QualityName;
  width: number;
  height: number;
  videoBitrateKbps: number;
  maxrateKbps: number;
  bufsizeKbps: number;
  audioBitrateKbps: number;
}

export interface LadderPlan {
  format: StreamingFormat;
  codec: VideoCodec;
  /** Seconds; keyframes are forced on this grid so segments line up across renditions. */
  segmentDuration: number;
  /** Highest quality first. */
  renditions: Rendition[];
}

export interface PlanLadderOptions {
  format: StreamingFormat;
  segmentDuration: number;
  /** Default 'h264'. AV1 needs the CMAF format (see `checkFormatCodec`). */
  codec?: VideoCodec;
}

/** The source size the plan needs (a ProbeResult fits). */
export interface SourceSize {
  width: number;
  height: number;
}

/** Nearest even number, at least 2 (x264 with yuv420p needs even sizes). */
export function roundEven(n: number): number {
  return Math.max(2, Math.round(n / 2) * 2);
}

/** Even number not above n (used when we must not upscale), at least 2. */
function floorEven(n: number): number {
  return Math.max(2, Math.floor(n / 2) * 2);
}

function toRendition(preset: QualityPreset, width: number, height: number): Rendition {
  return {
    name: preset.name,
    width,
    height,
    videoBitrateKbps: preset.videoBitrateKbps,
    maxrateKbps: preset.videoBitrateKbps,
    bufsizeKbps: preset.videoBitrateKbps * 2,
    audioBitrateKbps: preset.audioBitrateKbps,
  };
}

/** Output size for a preset: the short side becomes the preset's, the long side keeps the aspect ratio. */
export function scaledSize(source: SourceSize, shortSide: number): { width: number; height: number } {
  const portrait = source.height > source.width;
  const [short, long] = portrait ? [source.width, source.height] : [source.height, source.width];
  // Never wider than the source, even by the one pixel that rounding to even could add.
  const outLong = Math.min(roundEven((long * shortSide) / short), Math.max(2, Math.floor(long / 2) * 2));
  return portrait ? { width: shortSide, height: outLong } : { width: outLong, height: shortSide };
}

/**
 * Refuses a format × codec pair players cannot use. AV1 in MPEG-TS has no registered stream type that
 * browsers or Apple players support, so av1 + hls_ts is refused rather than silently changed: the admin
 * picks CMAF or another codec. H.264 and HEVC work in both containers.
 */
export function checkFormatCodec(format: StreamingFormat, codec: VideoCodec): void {
  if (format === 'hls_ts' && codec === 'av1') {
    throw new MediaError(
      'invalid_output',
      'AV1 cannot be packaged as HLS/MPEG-TS: choose the CMAF streaming format for AV1, or the H.264 or HEVC codec',
    );
  }
}

export function planLadder(source: SourceSize, opts: PlanLadderOptions): LadderPlan {
  if (!(source.width > 0 && source.height > 0)) throw new RangeError('source size must be positive');
  if (!(opts.segmentDuration > 0)) throw new RangeError('segmentDuration must be positive');
  const codec = opts.codec ?? 'h264';
  checkFormatCodec(opts.format, codec);
  const sourceShort = Math.min(source.width, source.height);
  const fitting = QUALITY_PRESETS.filter((p) => p.shortSide <= sourceShort);
  const renditions =
    fitting.length > 0
      ? fitting.map((p) => {
          const { width, height } = scaledSize(source, p.shortSide);
          return toRendition(p, width, height);
        })
      : // Smaller than 360p: one rendition named 360p at the source's own (even) size.
        [
          toRendition(
            QUALITY_PRESETS.at(-1) as QualityPreset,
            floorEven(source.width),
            floorEven(source.height),
          ),
        ];
  return { format: opts.format, codec, segmentDuration: opts.segmentDuration, renditions };
}
