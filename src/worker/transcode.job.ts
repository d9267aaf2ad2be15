import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { buildThumbnailCommand, ladderTimeoutSeconds } from '../media/ffmpeg-args.js';
import { writeFileAtomic } from '../media/fs-atomic.js';
import { planLadder } from '../media/ladder.js';
import { buildMasterPlaylist } from '../media/master-playlist.js';
import { isMediaError, MediaError } from '../media/media-error.js';
import { probeMedia, type ProbeResult } from '../media/probe.js';
import { runFfmpeg } from '../media/run-ffmpeg.js';
import { transcodeLadder } from '../media/transcode-ladder.js';
import { DomainError } from '../domain/shared/errors.js';
import { createProgressThrottle } from './progress-throttle.js';
import type { ClaimedWork, QualityState, WorkerProtocol } from './worker-protocol.js';

export interface TranscodeSettings {
  segmentDuration: number;
  timeouts: { multiplier: number; minimum: number; maximum: number };
  progressIntervalMs: number;
}

/** Media errors that retrying cannot fix: the upload itself is not a usable video. */
const PERMANENT: ReadonlySet<string> = new Set(['not_a_video', 'no_video_stream', 'invalid_duration']);

/**
 * One transcoding job, start to finish: probe → thumbnail → ladder → master playlist → publish →
 * complete. Talks to the server only through the worker protocol.
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
      await protocol.release(work).catch(() => undefined);
      return 'released';
    }
    // The job is no longer ours (lease expired and reassigned): nothing to report.
    if (err instanceof DomainError && (err.kind === 'conflict' || err.kind === 'forbidden'))
      return 'released';
    const permanent = isMediaError(err) && PERMANENT.has(err.code);
    const message = err instanceof Error ? err.message : String(err);
    await protocol.fail(work, { error: message, retry: !permanent });
    return 'failed';
  } finally {
    await rm(input.scratchDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function transcodeInto(input: Parameters<typeof runTranscodeJob>[0], outputDir: string): Promise<void> {
  const { work, protocol, settings, signal } = input;
  await protocol.progress(work, { step: 'download', percent: 1 });
  const source = await protocol.fetchSource(work, input.scratchDir);

  await protocol.progress(work, { step: 'probe', percent: 2 });
  const probe = await probeMedia(source, { signal });
  await protocol.progress(work, {
    step: 'thumbnail',
    percent: 4,
    source: { duration: probe.duration, width: probe.width, height: probe.height },
  });
  await makeThumbnail(source, outputDir, probe, signal);

  const plan = planLadder(probe, { format: work.format, segmentDuration: settings.segmentDuration });
  const pending: QualityState[] = plan.renditions.map((r) => ({
    name: r.name,
    status: 'pending',
    progress: 0,
  }));
  await protocol.progress(work, { step: 'transcode', percent: 5, qualities: pending });

  // A failed progress call (e.g. the lease was lost) stops the encode at once.
  const encode = new AbortController();
  const stopEncode = () => encode.abort();
  signal.addEventListener('abort', stopEncode, { once: true });
  let progressError: unknown = null;
  const throttle = createProgressThrottle(
    settings.progressIntervalMs,
    (report) => protocol.progress(work, report),
    (err) => {
      progressError = err;
      encode.abort();
    },
  );
  const results = await transcodeLadder({
    input: source,
    outputDir,
    plan,
    probe,
    signal: encode.signal,
    timeoutMs: ladderTimeoutSeconds(probe.duration, plan, settings.timeouts) * 1000,
    onProgress: (p) =>
      throttle.push(p.percent, {
        step: 'transcode',
        percent: 5 + p.percent * 0.9,
        qualities: p.renditions.map((r) => ({
          name: r.name,
          status: 'in_progress',
          progress: p.percent,
          segmentsCompleted: r.segmentsCompleted,
        })),
      }),
  })
    .catch((err: unknown) => {
      throw progressError ?? err;
    })
    .finally(() => signal.removeEventListener('abort', stopEncode));
  await throttle.flush();
  if (results.length === 0) throw new MediaError('ffmpeg_failed', 'All quality variants failed');

  await protocol.progress(work, {
    step: 'master_playlist',
    percent: 96,
    qualities: results.map((r) => ({
      name: r.name,
      status: 'completed',
      progress: 100,
      segmentsCompleted: r.segmentCount,
      segmentsTotal: r.segmentCount,
    })),
  });
  const master = buildMasterPlaylist({
    format: work.format,
    variants: results.map((r) => ({
      name: r.name,
      width: r.width,
      height: r.height,
      bandwidthBps: r.bitrateKbps * 1000,
      codecs: r.codecs,
      uri: path.relative(outputDir, r.playlistPath),
    })),
  });
  await writeFileAtomic(path.join(outputDir, 'master.m3u8'), master);

  await protocol.progress(work, { step: 'finalize', percent: 98 });
  await protocol.publishOutput(work, outputDir);
  await protocol.complete(work, {
    duration: probe.duration,
    renditions: results.map((r) => ({
      name: r.name,
      width: r.width,
      height: r.height,
      bitrateKbps: r.bitrateKbps,
    })),
  });
}

async function makeThumbnail(
  source: string,
  outputDir: string,
  probe: ProbeResult,
  signal: AbortSignal,
): Promise<void> {
  const args = buildThumbnailCommand({
    input: source,
    output: path.join(outputDir, 'thumbnail.jpg'),
    atSeconds: Math.min(5, probe.duration / 4),
  });
  await runFfmpeg(args, { signal, timeoutMs: 60_000 });
}
