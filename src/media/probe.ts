import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { MediaError } from './media-error.js';
import { runProcess } from './run-process.js';

/** What the pipeline needs to know about a source file. width/height are the DISPLAY size (rotation applied). */
export interface ProbeResult {
  width: number;
  height: number;
  /** Seconds. */
  duration: number;
  videoCodec: string;
  audioCodec: string | null;
  /** Frames per second; 0 when the container does not say. */
  frameRate: number;
  /** Overall bit rate in bits per second, when known. */
  bitRate: number | null;
  formatName: string;
  sizeBytes?: number;
}

export interface ProbeOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  binary?: string;
}

/** Seven days: anything longer is a broken header, not a real upload. */
export const MAX_DURATION_SECONDS = 604_800;
const DEFAULT_PROBE_TIMEOUT_MS = 30_000;

const NOT_A_VIDEO = 'The file is not a playable video (ffprobe could not read it)';
const TRUNCATED =
  'The file is truncated or damaged (its MP4 index is missing, so the upload probably did not finish)';

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  duration?: string;
  profile?: string;
  level?: number;
  tags?: Record<string, string | undefined>;
  side_data_list?: { rotation?: number | string }[];
  disposition?: { attached_pic?: number };
}

interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: { format_name?: string; duration?: string; bit_rate?: string; size?: string };
}

function toNumber(value: unknown): number | null {
  if (value === undefined || value === null || value === '' || value === 'N/A') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** "30000/1001" → 29.97; "0/0" → null. */
export function parseFrameRate(rate: string | undefined): number | null {
  if (!rate) return null;
  const [num, den = '1'] = rate.split('/');
  const value = Number(num) / Number(den);
  return Number.isFinite(value) && value > 0 ? value : null;
}

/** Rotation in degrees normalised to 0..359, from the display matrix (ffmpeg ≥ 5) or the legacy `rotate` tag. */
export function streamRotation(stream: FfprobeStream): number {
  const fromSideData = stream.side_data_list?.map((s) => toNumber(s.rotation)).find((r) => r !== null);
  const raw = fromSideData ?? toNumber(stream.tags?.rotate) ?? 0;
  return ((Math.round(raw) % 360) + 360) % 360;
}

function firstVideoStream(streams: FfprobeStream[]): FfprobeStream | undefined {
  // Cover art in audio files shows up as a one-frame "video" stream; it is not a video.
  return streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
}

function checkDuration(seconds: number | null): number {
  if (seconds === null || seconds <= 0) {
    throw new MediaError(
      'invalid_duration',
      'The video has no valid duration (the file may be truncated or damaged)',
    );
  }
  if (seconds > MAX_DURATION_SECONDS) {
    throw new MediaError('invalid_duration', 'The video is longer than 7 days, which is not supported');
  }
  return seconds;
}

/** Pure: turns ffprobe's `-show_format -show_streams` JSON into a ProbeResult, or throws a MediaError. */
export function parseProbeOutput(json: string | object): ProbeResult {
  let data: FfprobeOutput;
  try {
    data = (typeof json === 'string' ? JSON.parse(json) : json) as FfprobeOutput;
  } catch {
    throw new MediaError('not_a_video', NOT_A_VIDEO);
  }
  const streams = Array.isArray(data.streams) ? data.streams : [];
  if (!data.format || streams.length === 0) throw new MediaError('not_a_video', NOT_A_VIDEO);
  const video = firstVideoStream(streams);
  if (!video) throw new MediaError('no_video_stream', 'No video stream found');
  const codedWidth = toNumber(video.width) ?? 0;
  const codedHeight = toNumber(video.height) ?? 0;
  if (codedWidth <= 0 || codedHeight <= 0)
    throw new MediaError('no_video_stream', 'The video stream has no picture size');
  const rotated = streamRotation(video) % 180 === 90;
  const duration = checkDuration(toNumber(data.format.duration) ?? toNumber(video.duration));
  const audio = streams.find((s) => s.codec_type === 'audio');
  const size = toNumber(data.format.size);
  return {
    width: rotated ? codedHeight : codedWidth,
    height: rotated ? codedWidth : codedHeight,
    duration,
    videoCodec: video.codec_name ?? 'unknown',
    audioCodec: audio ? (audio.codec_name ?? 'unknown') : null,
    frameRate: parseFrameRate(video.avg_frame_rate) ?? parseFrameRate(video.r_frame_rate) ?? 0,
    bitRate: toNumber(data.format.bit_rate),
    formatName: data.format.format_name ?? 'unknown',
    ...(size !== null ? { sizeBytes: size } : {}),
  };
}

const ISO_BMFF_BOXES = new Set(['ftyp', 'mdat', 'free', 'skip', 'wide', 'moof', 'styp']);

/** True when the file starts like an MP4/MOV: then "moov atom not found" means a cut-off file. */
async function looksLikeIsoBmff(file: string): Promise<boolean> {
  try {
    const handle = await open(file, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(8), 0, 8, 0);
      return bytesRead === 8 && ISO_BMFF_BOXES.has(buffer.toString('latin1', 4, 8));
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}

async function explainProbeFailure(file: string, stderr: string): Promise<MediaError> {
  if (/No such file or directory/i.test(stderr)) {
    return new MediaError('not_a_video', `The file ${basename(file)} could not be found`);
  }
  if (/moov atom not found/i.test(stderr) && (await looksLikeIsoBmff(file))) {
    return new MediaError('not_a_video', TRUNCATED);
  }
  return new MediaError('not_a_video', NOT_A_VIDEO);
}

/** Runs ffprobe with JSON output on one file; `ok` is a zero exit. */
export async function runFfprobe(
  file: string,
  extraArgs: string[],
  opts: ProbeOptions,
): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  const args = ['-v', 'error', '-print_format', 'json', ...extraArgs, file];
  const result = await runProcess(opts.binary ?? 'ffprobe', args, {
    collectStdout: true,
    timeoutMs: opts.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS,
    signal: opts.signal,
    label: 'ffprobe',
  });
  return { ok: result.exitCode === 0, stdout: result.stdout, stderr: result.stderrTail.join('\n') };
}

/** Probes a source upload. Rejects with a MediaError whose message can be shown to an admin as is. */
export async function probeMedia(file: string, opts: ProbeOptions = {}): Promise<ProbeResult> {
  const { ok, stdout, stderr } = await runFfprobe(file, ['-show_format', '-show_streams'], opts);
  if (!ok) throw await explainProbeFailure(file, stderr);
  return parseProbeOutput(stdout);
}

/** The first video stream of a produced file (init.mp4 or a .ts segment), used to check outputs. */
export interface VideoStreamInfo {
  codec: string;
  width: number;
  height: number;
  profile: string | null;
  level: number | null;
}

export async function probeVideoStream(file: string, opts: ProbeOptions = {}): Promise<VideoStreamInfo> {
  const { ok, stdout } = await runFfprobe(file, ['-show_streams', '-select_streams', 'v:0'], opts);
  let stream: FfprobeStream | undefined;
  try {
    stream = ok ? (JSON.parse(stdout) as FfprobeOutput).streams?.[0] : undefined;
  } catch {
    stream = undefined;
  }
  if (!stream || !stream.width || !stream.height) {
    throw new MediaError('invalid_output', `${basename(file)} has no readable video stream`);
  }
  return {
    codec: stream.codec_name ?? 'unknown',
    width: stream.width,
    height: stream.height,
    profile: stream.profile ?? null,
    level: toNumber(stream.level),
  };
}

export interface StreamCodecs {
  videoCodec: string;
  audioCodec: string | null;
}

/**
 * Just the codecs of the first video (not cover art) and audio streams: what a stream copy needs to know.
 * Lighter than probeMedia (no format section, no validation), for steps whose source facts are already known.
 */
export async function probeStreamCodecs(file: string, opts: ProbeOptions = {}): Promise<StreamCodecs> {
  const { ok, stdout } = await runFfprobe(file, ['-show_streams'], opts);
  let streams: FfprobeStream[] = [];
  try {
    streams = ok ? ((JSON.parse(stdout) as FfprobeOutput).streams ?? []) : [];
  } catch {
    streams = [];
  }
  const video = firstVideoStream(streams);
  if (!video) throw new MediaError('no_video_stream', `${basename(file)} has no readable video stream`);
  const audio = streams.find((s) => s.codec_type === 'audio');
  return { videoCodec: video.codec_name ?? 'unknown', audioCodec: audio?.codec_name ?? null };
}
