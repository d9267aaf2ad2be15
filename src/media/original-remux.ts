import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ffmpegTimeoutSeconds, TS_TIMELINE_START, type TimeoutLimits } from './ffmpeg-args.js';
import { codecsString } from './master-playlist.js';
import { validateMediaPlaylist } from './output-validation.js';
import { probeVideoStream, type ProbeResult } from './probe.js';
import { runFfmpeg } from './run-ffmpeg.js';

/**
 * The `original` rendition (pipeline spec §7.4): the source's own streams copied, not re-encoded, into
 * MPEG-TS HLS — `original.m3u8` + `original_0000.ts` … beside the ladder, for CMAF and TS videos alike.
 * Copying is only possible for codecs MPEG-TS carries; anything else (VP9/AV1 video, Opus/Vorbis audio) is
 * skipped with a reason instead of failing the job.
 */

export const ORIGINAL_NAME = 'original';
export const ORIGINAL_PLAYLIST = 'original.m3u8';
export const ORIGINAL_SEGMENT_PATTERN = 'original_%04d.ts';
/** Spec §7.4 fallback when the file size or duration is unknown. */
export const FALLBACK_ORIGINAL_BANDWIDTH_BPS = 10_000_000;

/** Codecs HLS/MPEG-TS players accept by stream copy. */
const TS_VIDEO: ReadonlySet<string> = new Set(['h264', 'hevc']);
const TS_AUDIO: ReadonlySet<string> = new Set(['aac', 'mp3', 'ac3', 'eac3']);

export type OriginalSource = Pick<ProbeResult, 'videoCodec' | 'audioCodec'>;
export type OriginalSupport = { supported: true } | { supported: false; reason: string };

/** Whether the source can be copied into MPEG-TS as is (H.264/HEVC video; AAC/MP3/AC-3/E-AC-3 audio or none). */
export function originalSupport(probe: OriginalSource): OriginalSupport {
  if (!TS_VIDEO.has(probe.videoCodec)) {
    return {
      supported: false,
      reason: `the source video codec ${probe.videoCodec} cannot be copied into MPEG-TS (only H.264 and HEVC)`,
    };
  }
  if (probe.audioCodec !== null && !TS_AUDIO.has(probe.audioCodec)) {
    return {
      supported: false,
      reason: `the source audio codec ${probe.audioCodec} cannot be copied into MPEG-TS (only AAC, MP3, AC-3, E-AC-3)`,
    };
  }
  return { supported: true };
}

export interface OriginalRemuxCommandOptions {
  input: string;
  outputDir: string;
  segmentDuration: number;
  probe: OriginalSource;
}

/**
 * Stream copy of the first video (not cover art) and first audio track. Throws if originalSupport says no.
 * Its timeline starts at TS_TIMELINE_START like the encoded MPEG-TS renditions', so a player switching
 * between `original` and a ladder variant finds the same frame at the same PTS.
 */
export function buildOriginalRemuxCommand(opts: OriginalRemuxCommandOptions): string[] {
  const support = originalSupport(opts.probe);
  if (!support.supported) throw new RangeError(`no original remux: ${support.reason}`);
  // prettier-ignore
  return [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-nostats', '-y',
    '-progress', 'pipe:1',
    '-i', opts.input,
    '-map', '0:V:0', // capital V: skips attached pictures
    '-map', '0:a:0?',
    '-c:v', 'copy',
    '-c:a', 'copy',
    '-output_ts_offset', String(TS_TIMELINE_START),
    '-f', 'hls',
    '-hls_time', String(opts.segmentDuration),
    '-hls_list_size', '0',
    '-hls_playlist_type', 'vod',
    '-hls_flags', 'temp_file',
    '-hls_segment_filename', join(opts.outputDir, ORIGINAL_SEGMENT_PATTERN),
    join(opts.outputDir, ORIGINAL_PLAYLIST),
  ];
}

/** Spec §7.4: file bytes × 8 / duration, in bits per second. */
export function originalBandwidthBps(sizeBytes: number | null | undefined, durationSeconds: number): number {
  if (!sizeBytes || !(sizeBytes > 0) || !(durationSeconds > 0)) return FALLBACK_ORIGINAL_BANDWIDTH_BPS;
  return Math.round((sizeBytes * 8) / durationSeconds);
}

/** Spec §7.5: max(minimum, timeout(duration, 1080p) / 3) — copying is much faster than encoding. */
export function originalRemuxTimeoutSeconds(duration: number, limits: TimeoutLimits = {}): number {
  return Math.max(limits.minimum ?? 300, ffmpegTimeoutSeconds(duration, 1080, limits) / 3);
}

/** What the master playlist needs about the original (see manifests.ts). */
export interface OriginalVariant {
  bandwidthBps: number;
  /** RFC 6381, from the remuxed stream's profile and level and the source audio codec. */
  codecs: string;
  width: number;
  height: number;
}

export type OriginalRemuxResult =
  | { status: 'done'; variant: OriginalVariant; playlistPath: string; segmentCount: number }
  | { status: 'skipped'; reason: string };

export interface RemuxOriginalOptions extends OriginalRemuxCommandOptions {
  probe: Pick<ProbeResult, 'videoCodec' | 'audioCodec' | 'duration' | 'width' | 'height' | 'sizeBytes'>;
  signal?: AbortSignal;
  timeoutMs?: number;
  ffmpegBinary?: string;
  ffprobeBinary?: string;
}

/**
 * MPEG-TS has no display matrix, so a copied phone video filmed upright would play sideways. The probe's
 * size is the display size; a coded size with the sides swapped means a 90°/270° rotation.
 */
async function rotationLoss(opts: RemuxOriginalOptions): Promise<string | null> {
  const coded = await probeVideoStream(opts.input, { binary: opts.ffprobeBinary, signal: opts.signal });
  const { width, height } = opts.probe;
  if (width !== height && coded.width === height && coded.height === width) {
    return 'the source is rotated, and a copy into MPEG-TS would lose the rotation';
  }
  return null;
}

/**
 * Runs the remux and checks its output, or skips with a reason. The caller lists the result in the master
 * playlist (writeManifests) and records the `original` quality.
 */
export async function remuxOriginal(opts: RemuxOriginalOptions): Promise<OriginalRemuxResult> {
  const support = originalSupport(opts.probe);
  if (!support.supported) return { status: 'skipped', reason: support.reason };
  const rotated = await rotationLoss(opts);
  if (rotated) return { status: 'skipped', reason: rotated };

  await mkdir(opts.outputDir, { recursive: true });
  await runFfmpeg(buildOriginalRemuxCommand(opts), {
    signal: opts.signal,
    timeoutMs: opts.timeoutMs ?? originalRemuxTimeoutSeconds(opts.probe.duration) * 1000,
    binary: opts.ffmpegBinary,
    description: 'Remuxing the original',
  });
  const playlistPath = join(opts.outputDir, ORIGINAL_PLAYLIST);
  const check = await validateMediaPlaylist(playlistPath, { label: ORIGINAL_NAME });
  const stream = await probeVideoStream(playlistPath, {
    binary: opts.ffprobeBinary,
    signal: opts.signal,
    timeoutMs: 10_000,
  });
  const size = opts.probe.sizeBytes ?? (await stat(opts.input)).size;
  const codecs = codecsString({
    videoCodec: stream.codec,
    width: stream.width,
    height: stream.height,
    profile: stream.profile,
    ...(stream.level !== null && stream.level > 0 ? { level: stream.level } : {}),
    hasAudio: opts.probe.audioCodec !== null,
    audioCodec: opts.probe.audioCodec,
  });
  return {
    status: 'done',
    variant: {
      bandwidthBps: originalBandwidthBps(size, opts.probe.duration),
      codecs,
      width: stream.width,
      height: stream.height,
    },
    playlistPath,
    segmentCount: check.segmentCount,
  };
}
