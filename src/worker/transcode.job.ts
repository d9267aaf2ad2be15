import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/load-config.js';
import { buildThumbnailCommand, ladderTimeoutSeconds, thumbnailTime } from '../media/ffmpeg-args.js';
import { planLadder, type LadderPlan } from '../media/ladder.js';
import { writeManifests } from '../media/manifests.js';
import { isMediaError, MediaError } from '../media/media-error.js';
import {
  ORIGINAL_NAME,
  ORIGINAL_PLAYLIST,
  remuxOriginal,
  type OriginalVariant,
} from '../media/original-remux.js';
import { probeMedia, probeStreamCodecs } from '../media/probe.js';
import { runFfmpeg } from '../media/run-ffmpeg.js';
import type { RenditionResult } from '../media/transcode-ladder.js';
import { transcodeOnBestEncoder } from './gpu-ladder.js';
import type { HwEncoding } from './hw-encoding.js';
import { ABANDON, failOrRelease, isJobGone } from './job-runners.js';
import { createLivePublisher, type LivePublisher, type PublishedRendition } from './live-publisher.js';
import { createProgressThrottle } from './progress-throttle.js';
import type {
  ClaimedWork,
  ProgressReport,
  PublishFile,
  QualityState,
  WorkerProtocol,
} from './worker-protocol.js';

export interface TranscodeSettings {
  segmentDuration: number;
  timeouts: { multiplier: number; minimum: number; maximum: number };
  progressIntervalMs: number;
  /** streaming.enable_dash: CMAF videos also get manifest.mpd (spec §8.3). Default true. */
  enableDash?: boolean;
  /** The worker's GPU (detected once per process) and its CPU fallback; absent: the CPU ladder. */
  hardware?: HwEncoding;
}

/** How transcodes run, from the config (the local and the remote worker alike). */
export function transcodeSettingsFrom(config: Config): TranscodeSettings {
  return {
    segmentDuration: config.hlsSegmentDuration,
    progressIntervalMs: config.progressUpdateInterval * 1000,
    timeouts: {
      multiplier: config.ffmpegTimeoutMultiplier,
      minimum: config.ffmpegTimeoutMinimum,
      maximum: config.ffmpegTimeoutMaximum,
    },
  };
}

/** Media errors that retrying cannot fix: the upload itself is not a usable video. */
const PERMANENT: ReadonlySet<string> = new Set(['not_a_video', 'no_video_stream', 'invalid_duration']);

type JobInput = Parameters<typeof runTranscodeJob>[0];

/** What the encode needs to know about the source: probed now, or recorded by an earlier attempt. */
interface SourceFacts {
  path: string;
  duration: number;
  width: number;
  height: number;
  frameRate: number;
}

/**
 * One transcoding job: probe → thumbnail → ladder, published live segment by segment → VOD playlists and
 * manifests → complete. Talks to the server only through the worker protocol. A job claimed again resumes
 * after what its earlier attempts published (work.checkpoint): no probe or thumbnail again, and the encode
 * restarts at the first segment some rendition still lacks.
 */
export async function runTranscodeJob(input: {
  work: ClaimedWork;
  protocol: WorkerProtocol;
  settings: TranscodeSettings;
  scratchDir: string;
  signal: AbortSignal;
}): Promise<'completed' | 'failed' | 'released'> {
  const { work, protocol, signal } = input;
  const outputDir = path.join(input.scratchDir, 'output');
  try {
    await rm(outputDir, { recursive: true, force: true });
    await mkdir(outputDir, { recursive: true });
    await transcodeInto(input, outputDir);
    return 'completed';
  } catch (err) {
    if (signal.aborted) {
      // Abandoned (a simulated crash) keeps the claim, as a killed process would.
      if (signal.reason !== ABANDON) await protocol.release(work).catch(() => undefined);
      return 'released';
    }
    // The job is no longer ours (lease expired and reassigned, or the video deleted): nothing to report.
    if (isJobGone(err)) return 'released';
    const permanent = isMediaError(err) && PERMANENT.has(err.code);
    const message = err instanceof Error ? err.message : String(err);
    // A 404 (the source, say) means "job gone" only once fail is refused too: deleted for good.
    return failOrRelease(async () => {
      await protocol.fail(work, { error: message, retry: !permanent });
      return 'failed' as const;
    });
  } finally {
    await rm(input.scratchDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function transcodeInto(input: JobInput, outputDir: string): Promise<void> {
  const { work, protocol, settings } = input;
  const recorded = recordedSource(work);
  const early = recorded && planFor(input, recorded);
  // A resumed job reports where it stands from the start, not 1 %.
  const resumed = early
    ? transcodePercent(resumePoint(work, early, recorded.duration), early, recorded.duration)
    : 0;
  await protocol.progress(work, { step: 'download', percent: Math.max(1, resumed) });
  const sourcePath = await protocol.fetchSource(work, input.scratchDir);
  const source = recorded ? { path: sourcePath, ...recorded } : await probeSource(input, sourcePath);
  const plan = early ?? planFor(input, source);
  // Set once the remux is published: the final master lists it (HLS/TS only, see writeManifests).
  let original: OriginalVariant | null = null;
  const publisher = createLivePublisher({
    work,
    protocol,
    plan,
    outputDir,
    frameRate: source.frameRate,
    signal: input.signal,
    manifests: (renditions, final) =>
      manifestFiles({ work, settings, plan, outputDir, source, renditions, final, original }),
  });
  // The thumbnail is made beside the encode: the first segments (playback) should not wait for it.
  const thumbnail = work.checkpoint.thumbnail ? null : makeThumbnail(input, source, outputDir);
  // The `original` stream copy too, once the video is playable, so it is not left for after the encode.
  const remuxAbort = new AbortController();
  const remuxSignal = AbortSignal.any([input.signal, remuxAbort.signal]);
  const remuxing = publisher.playable.then((playable) =>
    playable ? publishOriginal({ ...input, signal: remuxSignal }, { source, plan }) : null,
  );
  // Observed at once, so a failure while the encode still runs is not an unhandled rejection.
  thumbnail?.catch(() => undefined);
  remuxing.catch(() => undefined);
  let results: RenditionResult[];
  let remux: Awaited<ReturnType<typeof publishOriginal>> | null;
  try {
    results = await encode(input, { source, plan, outputDir, publisher });
    await thumbnail;
    remux = await remuxing;
  } finally {
    remuxAbort.abort();
    await Promise.all([thumbnail?.catch(() => undefined), remuxing.catch(() => undefined)]);
  }
  if (!remux) throw new MediaError('invalid_output', 'the encode ended without a playable master playlist');
  if (remux.status === 'done') original = remux.variant;
  const finalQualities: QualityState[] = [
    ...publisher.renditions.map((p) => quality(p, 'completed', 100, p.segments.length)),
    remux.status === 'done'
      ? {
          name: ORIGINAL_NAME,
          status: 'completed',
          progress: 100,
          segmentsCompleted: remux.segmentCount,
          segmentsTotal: remux.segmentCount,
        }
      : { name: ORIGINAL_NAME, status: 'skipped', progress: 100 },
  ];
  // The final counts first: a finished (VOD) playlist is trusted as this job's only once they are recorded.
  await protocol.progress(work, { step: 'master_playlist', percent: 96, qualities: finalQualities });
  await publisher.finalize();
  await protocol.progress(work, { step: 'finalize', percent: 98 });
  await protocol.complete(work, {
    duration: source.duration,
    renditions: [
      ...publisher.renditions.map((p, i) => {
        const r = results[i] as RenditionResult;
        return {
          name: r.name,
          width: p.output?.width ?? r.width,
          height: p.output?.height ?? r.height,
          bitrateKbps: r.bitrateKbps,
        };
      }),
      ...(original
        ? [
            {
              name: ORIGINAL_NAME,
              width: original.width,
              height: original.height,
              bitrateKbps: Math.round(original.bandwidthBps / 1000),
            },
          ]
        : []),
    ],
  });
}

/**
 * The `original` rendition: the source's streams copied into MPEG-TS (original.m3u8 + original_NNNN.ts),
 * published segments first and playlist last. A stream copy takes a second or two, so a resumed job simply
 * redoes it. A source whose codecs MPEG-TS cannot carry (VP9, Opus…) is skipped with a logged reason.
 */
async function publishOriginal(
  input: JobInput,
  ctx: { source: SourceFacts; plan: LadderPlan },
): Promise<
  { status: 'done'; variant: OriginalVariant; segmentCount: number } | { status: 'skipped'; reason: string }
> {
  const { work, protocol, signal } = input;
  const dir = path.join(input.scratchDir, ORIGINAL_NAME);
  await rm(dir, { recursive: true, force: true });
  // Only the codecs: a resumed attempt knows the rest (the full probe is not repeated).
  const codecs = await probeStreamCodecs(ctx.source.path, { signal });
  const { duration, width, height } = ctx.source;
  const result = await remuxOriginal({
    input: ctx.source.path,
    outputDir: dir,
    segmentDuration: ctx.plan.segmentDuration,
    probe: { ...codecs, duration, width, height },
    signal,
  });
  if (result.status === 'skipped') return result;
  const segments = (await readdir(dir)).filter((n) => n.startsWith(`${ORIGINAL_NAME}_`) && n.endsWith('.ts'));
  const files: PublishFile[] = [...segments.sort(), ORIGINAL_PLAYLIST].map((name) => ({
    relativePath: name,
    absolutePath: path.join(dir, name),
  }));
  await protocol.publishFiles(work, files);
  return { status: 'done', variant: result.variant, segmentCount: segments.length };
}

/** The source facts an earlier attempt probed and recorded (with its keyframe plan's frame rate), or null. */
function recordedSource(work: ClaimedWork): Omit<SourceFacts, 'path'> | null {
  const { source, encode } = work.checkpoint;
  return source && encode ? { ...source, frameRate: encode.frameRate } : null;
}

function planFor(input: JobInput, source: Pick<SourceFacts, 'width' | 'height'>): LadderPlan {
  return planLadder(source, {
    format: input.work.format,
    // A resumed job keeps the grid its published segments were cut on.
    segmentDuration: input.work.checkpoint.encode?.segmentDuration ?? input.settings.segmentDuration,
    codec: input.work.codec,
  });
}

async function probeSource(input: JobInput, sourcePath: string): Promise<SourceFacts> {
  const { work, protocol, signal } = input;
  await protocol.progress(work, { step: 'probe', percent: 2 });
  const probe = await probeMedia(sourcePath, { signal });
  await protocol.progress(work, {
    step: 'thumbnail',
    percent: 4,
    source: { duration: probe.duration, width: probe.width, height: probe.height },
  });
  return { path: sourcePath, ...probe };
}

async function makeThumbnail(input: JobInput, source: SourceFacts, outputDir: string): Promise<void> {
  const output = path.join(outputDir, 'thumbnail.jpg');
  const atSeconds = thumbnailTime(source.duration);
  const args = buildThumbnailCommand({ input: source.path, output, atSeconds });
  await runFfmpeg(args, { signal: input.signal, timeoutMs: 60_000, description: 'Thumbnail' });
  await input.protocol.publishFiles(input.work, [{ relativePath: 'thumbnail.jpg', absolutePath: output }]);
}

/** Where to restart: the first segment some rendition lacks, but never past the last segment (see below). */
function resumePoint(work: ClaimedWork, plan: LadderPlan, duration: number): number {
  const counts = plan.renditions.map((r) => work.checkpoint.renditions[r.name]?.segments ?? 0);
  // Re-encoding the last segment (its copies are then skipped) lets this run read the output's codecs.
  return Math.min(...counts, expectedSegments(duration, plan) - 1);
}

/** Job percent once `segments` segments are done: the encode spans 5–95 %. */
function transcodePercent(segments: number, plan: LadderPlan, duration: number): number {
  return 5 + 90 * Math.min(1, (segments * plan.segmentDuration) / duration);
}

function expectedSegments(duration: number, plan: LadderPlan): number {
  return Math.max(1, Math.ceil(duration / plan.segmentDuration - 1e-6));
}

function quality(
  p: PublishedRendition,
  status: QualityState['status'],
  progress: number,
  total: number | null,
) {
  return {
    name: p.rendition.name,
    status,
    progress,
    segmentsCompleted: p.segments.length,
    segmentsTotal: total,
  };
}

/** Runs the ladder while the publisher sends each finished segment; a failure of either stops both. */
async function encode(
  input: JobInput,
  ctx: { source: SourceFacts; plan: LadderPlan; outputDir: string; publisher: LivePublisher },
): Promise<RenditionResult[]> {
  const { work, protocol, settings, signal } = input;
  const { source, plan, publisher } = ctx;
  const startSegment = resumePoint(work, plan, source.duration);
  const total = expectedSegments(source.duration, plan);
  const progressReport = (percent: number): ProgressReport => ({
    step: 'transcode',
    percent: 5 + percent * 0.9,
    qualities: publisher.renditions.map((p) => quality(p, 'in_progress', percent, total)),
  });
  // Awaited: the quality rows must exist before anything is published (they mark it as this job's).
  await protocol.progress(
    work,
    progressReport(startSegment * plan.segmentDuration * (100 / source.duration)),
  );
  const encodeAbort = new AbortController();
  // Before ffmpeg gets its SIGTERM: the segment it then flushes, cut short, must not be published.
  encodeAbort.signal.addEventListener('abort', () => publisher.halt(), { once: true });
  const stopEncode = () => encodeAbort.abort();
  signal.addEventListener('abort', stopEncode, { once: true });
  if (signal.aborted) stopEncode();
  let sideError: unknown = null;
  const onSideError = (err: unknown) => {
    sideError ??= err;
    encodeAbort.abort();
  };
  const send = (r: ProgressReport) => protocol.progress(work, r);
  const throttle = createProgressThrottle(settings.progressIntervalMs, send, onSideError);
  publisher.start(onSideError);
  try {
    const published = () => publisher.renditions.reduce((n, p) => n + p.segments.length, 0);
    const results = await transcodeOnBestEncoder(
      settings.hardware,
      {
        input: source.path,
        outputDir: ctx.outputDir,
        plan,
        probe: source,
        playlistType: 'event',
        startSegment,
        signal: encodeAbort.signal,
        timeoutMs: ladderTimeoutSeconds(source.duration, plan, settings.timeouts) * 1000,
        onProgress: (p) => throttle.push(p.percent, progressReport(p.percent)),
      },
      published,
    );
    await publisher.drain();
    await throttle.flush();
    return results;
  } catch (err) {
    throw sideError ?? err;
  } finally {
    signal.removeEventListener('abort', stopEncode);
    await publisher.stop();
  }
}

/** The master playlist (and, at the end, the DASH manifest) written into outputDir for publishing. */
async function manifestFiles(ctx: {
  work: ClaimedWork;
  settings: TranscodeSettings;
  plan: LadderPlan;
  outputDir: string;
  source: SourceFacts;
  renditions: readonly PublishedRendition[];
  final: boolean;
  original: OriginalVariant | null;
}): Promise<PublishFile[]> {
  const renditions: RenditionResult[] = ctx.renditions.map((p) => ({
    name: p.rendition.name,
    width: p.output?.width ?? p.rendition.width,
    height: p.output?.height ?? p.rendition.height,
    bitrateKbps: p.rendition.videoBitrateKbps,
    segmentCount: p.segments.length,
    durationSeconds: p.segments.reduce((sum, s) => sum + s.duration, 0),
    playlistPath: path.join(ctx.outputDir, p.layout.playlist),
    codecs: p.output?.codecs ?? '',
  }));
  const written = await writeManifests({
    format: ctx.work.format,
    outputDir: ctx.outputDir,
    renditions,
    original: ctx.original,
    durationSeconds: ctx.source.duration,
    segmentDuration: ctx.plan.segmentDuration,
    // The DASH manifest is static: only once every segment exists.
    enableDash: ctx.final && (ctx.settings.enableDash ?? true),
  });
  const file = (p: string): PublishFile => ({ relativePath: path.basename(p), absolutePath: p });
  return [...(written.dashPath ? [file(written.dashPath)] : []), file(written.masterPath)];
}
