import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  buildLadderCommand,
  ladderTimeoutSeconds,
  resumeSeconds,
  type LadderCommandOptions,
  type PlaylistType,
} from './ffmpeg-args.js';
import { renditionLayout } from './hls-layout.js';
import type { LadderPlan, QualityName, Rendition } from './ladder.js';
import { codecsString } from './master-playlist.js';
import { describeInitFile } from './mp4-init.js';
import { parseMediaPlaylist, validateMediaPlaylist } from './output-validation.js';
import { probeVideoStream, type ProbeResult } from './probe.js';
import { runFfmpeg } from './run-ffmpeg.js';
import { runProcess } from './run-process.js';

/**
 * Runs the whole ladder in one ffmpeg process, reports progress, then checks every rendition's output.
 * On failure the partial output is left in place: the caller decides whether to retry or clean up.
 */

export interface LadderProgress {
  /** 0–100, share of the source duration written so far (a resumed encode starts where it resumed). */
  percent: number;
  renditions: { name: QualityName; segmentsCompleted: number }[];
}

export interface TranscodeLadderOptions {
  input: string;
  outputDir: string;
  plan: LadderPlan;
  probe: Pick<ProbeResult, 'duration' | 'frameRate'>;
  /** Called at most about once a second, and once at the end with 100 %. */
  onProgress?: (progress: LadderProgress) => void;
  signal?: AbortSignal;
  /** Default: the spec §7.5 budgets of all renditions added up (see ladderTimeoutSeconds). */
  timeoutMs?: number;
  playlistType?: PlaylistType;
  /**
   * Resume: segments 0..startSegment-1 exist from an earlier encode; this one starts at the next
   * (see buildLadderCommand). Results then describe only the segments written now. Default 0.
   */
  startSegment?: number;
  /** Encode on this GPU family (see buildLadderCommand); absent: the CPU encoders. */
  hw?: LadderCommandOptions['hw'];
  ffmpegBinary?: string;
  ffprobeBinary?: string;
}

export interface RenditionResult {
  name: QualityName;
  /** Measured from the produced stream. */
  width: number;
  height: number;
  /** The preset's video bitrate (what the master playlist and the DB record). */
  bitrateKbps: number;
  segmentCount: number;
  /** Sum of the playlist's #EXTINF. */
  durationSeconds: number;
  playlistPath: string;
  /** RFC 6381 codecs for the master playlist, from the produced stream's profile and level. */
  codecs: string;
}

const PROGRESS_INTERVAL_MS = 1000;

async function countSegments(outputDir: string, plan: LadderPlan): Promise<LadderProgress['renditions']> {
  return Promise.all(
    plan.renditions.map(async (r) => {
      const layout = renditionLayout(plan.format, r.name);
      const files = await readdir(join(outputDir, layout.segmentDir)).catch(() => [] as string[]);
      return { name: r.name, segmentsCompleted: files.filter((f) => layout.segmentFile.test(f)).length };
    }),
  );
}

/** Turns ffmpeg's "seconds written" into throttled LadderProgress events with segment counts. */
function createProgressTracker(opts: TranscodeLadderOptions): {
  onSeconds: (s: number) => void;
  stop: () => void;
} {
  let percent = 0;
  let lastEmit = 0;
  let busy = false;
  let stopped = false;
  const emit = async (): Promise<void> => {
    busy = true;
    lastEmit = Date.now();
    const renditions = await countSegments(opts.outputDir, opts.plan);
    busy = false;
    if (stopped) return;
    try {
      opts.onProgress?.({ percent, renditions });
    } catch {
      // Progress is best-effort: a failing listener must not break the encode.
    }
  };
  return {
    onSeconds: (seconds) => {
      const written = resumeSeconds(opts) + seconds;
      percent = Math.max(percent, Math.min(100, (written / opts.probe.duration) * 100));
      if (!opts.onProgress || stopped || busy || Date.now() - lastEmit < PROGRESS_INTERVAL_MS) return;
      void emit();
    },
    stop: () => {
      stopped = true;
    },
  };
}

async function prepareDirectories(outputDir: string, plan: LadderPlan): Promise<void> {
  await mkdir(outputDir, { recursive: true });
  // ffmpeg's HLS muxer does not create directories.
  await Promise.all(
    plan.renditions.map((r) =>
      mkdir(join(outputDir, renditionLayout(plan.format, r.name).segmentDir), { recursive: true }),
    ),
  );
}

export interface OutputDescription {
  width: number;
  height: number;
  /** RFC 6381 codecs for the master playlist, from the produced streams' codec, profile and level. */
  codecs: string;
}

/** The first audio stream's codec name in produced output, or null when it has none. */
async function outputAudioCodec(target: string, opts: DescribeOutputOptions): Promise<string | null> {
  // prettier-ignore
  const args = ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', target];
  const result = await runProcess(opts.ffprobeBinary ?? 'ffprobe', args, {
    collectStdout: true,
    timeoutMs: 10_000,
    signal: opts.signal,
    label: 'ffprobe',
  });
  const name = result.stdout.trim().split('\n')[0]?.trim() ?? '';
  return result.exitCode === 0 && name !== '' ? name : null;
}

export interface DescribeOutputOptions {
  signal?: AbortSignal;
  ffprobeBinary?: string;
}

/**
 * Size and CODECS of produced output: a playlist, a .ts segment, or `concat:<init.mp4>|<segment.m4s>` for
 * CMAF (init.mp4 alone reports no profile and level -99; with a segment it does). Reads the output itself,
 * so it needs nothing from the source probe (a resumed job does not probe again).
 */
export async function describeOutput(
  target: string,
  opts: DescribeOutputOptions = {},
): Promise<OutputDescription> {
  const [stream, audioCodec] = await Promise.all([
    probeVideoStream(target, { binary: opts.ffprobeBinary, signal: opts.signal, timeoutMs: 10_000 }),
    outputAudioCodec(target, opts),
  ]);
  const codecs = codecsString({
    videoCodec: stream.codec,
    width: stream.width,
    height: stream.height,
    hasAudio: audioCodec !== null,
    audioCodec,
    profile: stream.profile,
    ...(stream.level !== null && stream.level > 0 ? { level: stream.level } : {}),
  });
  return { width: stream.width, height: stream.height, codecs };
}

/** A resumed encode that started at (or past) the end writes no real segment, only an empty one. */
async function wroteNothing(playlistPath: string, opts: TranscodeLadderOptions): Promise<boolean> {
  if (!(opts.startSegment ?? 0)) return false;
  const text = await readFile(playlistPath, 'utf8').catch(() => '');
  return parseMediaPlaylist(text).segments.every((s) => !(s.duration > 0));
}

async function checkRendition(r: Rendition, opts: TranscodeLadderOptions): Promise<RenditionResult> {
  const playlistPath = join(opts.outputDir, renditionLayout(opts.plan.format, r.name).playlist);
  const base = { name: r.name, bitrateKbps: r.videoBitrateKbps, playlistPath };
  if (await wroteNothing(playlistPath, opts))
    return { ...base, width: r.width, height: r.height, segmentCount: 0, durationSeconds: 0, codecs: '' };
  const check = await validateMediaPlaylist(playlistPath, { label: r.name });
  // H.264 CMAF: init.mp4 names profile and level; otherwise probing the playlist reads init.mp4 + the
  // first segment, which also yields them.
  const layout = renditionLayout(opts.plan.format, r.name);
  const init = layout.initFile && join(dirname(playlistPath), layout.initFile);
  const output = (init && (await describeInitFile(init))) || (await describeOutput(playlistPath, opts));
  return {
    ...base,
    width: output.width,
    height: output.height,
    segmentCount: check.segmentCount,
    durationSeconds: check.durationSeconds,
    codecs: output.codecs,
  };
}

export async function transcodeLadder(opts: TranscodeLadderOptions): Promise<RenditionResult[]> {
  await prepareDirectories(opts.outputDir, opts.plan);
  const args = buildLadderCommand({ ...opts, playlistType: opts.playlistType ?? 'vod' });
  const tracker = createProgressTracker(opts);
  try {
    await runFfmpeg(args, {
      onProgress: tracker.onSeconds,
      signal: opts.signal,
      timeoutMs: opts.timeoutMs ?? ladderTimeoutSeconds(opts.probe.duration, opts.plan) * 1000,
      binary: opts.ffmpegBinary,
      description: `Transcoding ${opts.plan.renditions.map((r) => r.name).join('/')}`,
    });
  } finally {
    tracker.stop();
  }
  const results = await Promise.all(opts.plan.renditions.map((r) => checkRendition(r, opts)));
  opts.onProgress?.({
    percent: 100,
    renditions: results.map((r) => ({ name: r.name, segmentsCompleted: r.segmentCount })),
  });
  return results;
}
