import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buildLadderCommand, ladderTimeoutSeconds, type PlaylistType } from './ffmpeg-args.js';
import { renditionLayout } from './hls-layout.js';
import type { LadderPlan, QualityName, Rendition } from './ladder.js';
import { codecsString, h264ProfileFromName } from './master-playlist.js';
import { validateMediaPlaylist } from './output-validation.js';
import { probeVideoStream, type ProbeResult } from './probe.js';
import { runFfmpeg } from './run-ffmpeg.js';

/**
 * Runs the whole ladder in one ffmpeg process, reports progress, then checks every rendition's output.
 * On failure the partial output is left in place: the caller decides whether to retry or clean up.
 */

export interface LadderProgress {
  /** 0–100, share of the source duration written so far. */
  percent: number;
  renditions: { name: QualityName; segmentsCompleted: number }[];
}

export interface TranscodeLadderOptions {
  input: string;
  outputDir: string;
  plan: LadderPlan;
  probe: Pick<ProbeResult, 'duration' | 'frameRate' | 'audioCodec'>;
  /** Called at most about once a second, and once at the end with 100 %. */
  onProgress?: (progress: LadderProgress) => void;
  signal?: AbortSignal;
  /** Default: the spec §7.5 budgets of all renditions added up (see ladderTimeoutSeconds). */
  timeoutMs?: number;
  playlistType?: PlaylistType;
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
      percent = Math.max(percent, Math.min(100, (seconds / opts.probe.duration) * 100));
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

async function checkRendition(r: Rendition, opts: TranscodeLadderOptions): Promise<RenditionResult> {
  const playlistPath = join(opts.outputDir, renditionLayout(opts.plan.format, r.name).playlist);
  const check = await validateMediaPlaylist(playlistPath, { label: r.name });
  // Probing the playlist reads init.mp4 + the first segment, which also yields profile and level
  // (init.mp4 alone reports no profile and level -99).
  const stream = await probeVideoStream(playlistPath, {
    binary: opts.ffprobeBinary,
    signal: opts.signal,
    timeoutMs: 10_000,
  });
  const codecs = codecsString({
    videoCodec: 'h264',
    width: stream.width,
    height: stream.height,
    hasAudio: opts.probe.audioCodec !== null,
    profile: h264ProfileFromName(stream.profile),
    ...(stream.level !== null && stream.level > 0 ? { level: stream.level } : {}),
  });
  return {
    name: r.name,
    width: stream.width,
    height: stream.height,
    bitrateKbps: r.videoBitrateKbps,
    segmentCount: check.segmentCount,
    durationSeconds: check.durationSeconds,
    playlistPath,
    codecs,
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
