import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { KeptFiles, ReencodeJob, ReencodeResult } from '../contracts/reencode-job.js';
import { buildThumbnailCommand, ladderTimeoutSeconds, thumbnailTime } from '../media/ffmpeg-args.js';
import { planLadder } from '../media/ladder.js';
import { writeManifests } from '../media/manifests.js';
import { isMediaError, MediaError } from '../media/media-error.js';
import { probeMedia } from '../media/probe.js';
import { runFfmpeg } from '../media/run-ffmpeg.js';
import { transcodeOnBestEncoder } from './gpu-ladder.js';
import type { HwEncoding } from './hw-encoding.js';
import { ABANDON, failOrRelease, type JobRunner } from './job-runners.js';
import { isRefusal } from './worker-errors.js';

export interface ReencodeSettings {
  segmentDuration: number;
  timeouts: { multiplier: number; minimum: number; maximum: number };
  /** streaming.enable_dash: CMAF output also gets manifest.mpd. Default true. */
  enableDash?: boolean;
  /** The worker's GPU and its CPU fallback; absent: the CPU ladder. */
  hardware?: HwEncoding;
}

/** The re-encode queue as the worker sees it (claim → publish | fail; release on shutdown). */
export interface ReencodeJobs {
  claim(): Promise<ReencodeJob | null>;
  fail(job: ReencodeJob, failure: { error: string; retry: boolean }): Promise<{ willRetry: boolean }>;
  release(job: ReencodeJob): Promise<void>;
}

/**
 * File access of a re-encode: local storage for the server's worker (createLocalReencodeFiles), download
 * and upload for a remote one (remote/http-reencode-jobs.ts). Both publish through the server's one
 * all-or-nothing step (src/domain/reencode/reencode-publish.ts).
 */
export interface ReencodeFiles {
  /** Undoes what a crashed run may have left half done (remote: nothing, the server does it on publish). */
  recover(job: ReencodeJob): Promise<void>;
  fetchSource(job: ReencodeJob, scratchDir: string): Promise<string>;
  /** What the live directory keeps: the original remux's master entry, and whether it has a thumbnail. */
  kept(job: ReencodeJob): Promise<KeptFiles>;
  /** Carries the kept files into `outputDir`, swaps it in and records completion, or changes nothing. */
  publish(job: ReencodeJob, outputDir: string, result: ReencodeResult): Promise<void>;
}

/** Media errors retrying cannot fix. */
const PERMANENT = new Set(['not_a_video', 'no_video_stream', 'invalid_duration']);

/** Fails the job (retried unless retrying cannot help); a job no longer ours is left alone. */
async function reportFailure(jobs: ReencodeJobs, job: ReencodeJob, err: unknown): Promise<string> {
  const permanent = (isMediaError(err) && PERMANENT.has(err.code)) || isRefusal(err, 'conflict');
  const message = err instanceof Error ? err.message : String(err);
  // Over the worker API: 409/403 when the job was recovered, cancelled or taken over meanwhile, 404
  // when its video was deleted for good — then 'released'.
  return failOrRelease(async () => {
    const { willRetry } = await jobs.fail(job, { error: message, retry: !permanent });
    return willRetry ? 'retrying' : 'failed';
  });
}

/** Encodes the ladder into `outputDir` and writes the master playlist; returns the renditions. */
async function encode(
  job: ReencodeJob,
  deps: { files: ReencodeFiles; settings: ReencodeSettings },
  ctx: { outputDir: string; scratchDir: string; signal: AbortSignal },
): Promise<ReencodeResult> {
  const kept = await deps.files.kept(job);
  const source = await deps.files.fetchSource(job, ctx.scratchDir);
  const probe = await probeMedia(source, { signal: ctx.signal });
  const plan = planLadder(probe, {
    format: job.format,
    segmentDuration: deps.settings.segmentDuration,
    codec: job.codec,
  });
  // Nothing is published before the end, so a failed GPU encode can always fall back.
  const results = await transcodeOnBestEncoder(
    deps.settings.hardware,
    {
      input: source,
      outputDir: ctx.outputDir,
      plan,
      probe,
      signal: ctx.signal,
      timeoutMs: ladderTimeoutSeconds(probe.duration, plan, deps.settings.timeouts) * 1000,
    },
    () => 0,
  );
  if (!kept.thumbnail) {
    const output = path.join(ctx.outputDir, 'thumbnail.jpg');
    const args = buildThumbnailCommand({ input: source, output, atSeconds: thumbnailTime(probe.duration) });
    await runFfmpeg(args, { signal: ctx.signal, timeoutMs: 60_000, description: 'Thumbnail' });
  }
  // The original remux is listed in HLS/TS masters only (see writeManifests); its files are kept either way.
  await writeManifests({
    format: job.format,
    outputDir: ctx.outputDir,
    renditions: results,
    original: kept.original,
    durationSeconds: probe.duration,
    segmentDuration: plan.segmentDuration,
    enableDash: deps.settings.enableDash ?? true,
  });
  const qualities = results.map((r) => ({
    name: r.name,
    width: r.width,
    height: r.height,
    bitrateKbps: r.bitrateKbps,
  }));
  return { qualities, keepOriginal: kept.original !== null };
}

/**
 * Re-encode jobs (reencode_queue): the whole ladder again from the upload (or the best rendition) in
 * the target format/codec into a new directory, then published in one server-side step (kept files
 * carried over, directory swapped, job completed); the video stays ready throughout.
 */
export function createReencodeRunner(deps: {
  jobs: ReencodeJobs;
  files: ReencodeFiles;
  settings: ReencodeSettings;
}): JobRunner<ReencodeJob> {
  const { jobs, files } = deps;
  return {
    claim: () => jobs.claim(),
    async run(job, ctx) {
      const outputDir = path.join(ctx.scratchDir, 'output');
      try {
        await rm(ctx.scratchDir, { recursive: true, force: true });
        await mkdir(outputDir, { recursive: true });
        await files.recover(job);
        const result = await encode(job, deps, { ...ctx, outputDir });
        if (ctx.signal.aborted) throw new MediaError('aborted', 'Stopped');
        await files.publish(job, outputDir, result);
        return 'completed';
      } catch (err) {
        if (ctx.signal.aborted) {
          // Abandoned (a simulated crash) keeps the claim, as a killed process would.
          if (ctx.signal.reason !== ABANDON) await jobs.release(job).catch(() => undefined);
          return 'released';
        }
        return reportFailure(jobs, job, err);
      } finally {
        await rm(ctx.scratchDir, { recursive: true, force: true }).catch(() => undefined);
      }
    },
    describe: (job) => ({
      key: `reencode-${job.jobId}`,
      fields: {
        kind: 'reencode',
        jobId: job.jobId,
        videoId: job.videoId,
        slug: job.slug,
        target: `${job.format}/${job.codec}`,
        attempt: job.attempt,
      },
    }),
  };
}
