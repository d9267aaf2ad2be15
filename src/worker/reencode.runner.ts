import { copyFile, cp, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { DomainError } from '../domain/shared/errors.js';
import type { ReencodeJob } from '../domain/reencode/reencode-jobs.service.js';
import type { ProducedQuality } from '../domain/reencode/reencode-queue.repository.js';
import { buildThumbnailCommand, ladderTimeoutSeconds, thumbnailTime } from '../media/ffmpeg-args.js';
import { planLadder } from '../media/ladder.js';
import { writeManifests, type OriginalVariant } from '../media/manifests.js';
import { isMediaError, MediaError } from '../media/media-error.js';
import { probeMedia } from '../media/probe.js';
import { runFfmpeg } from '../media/run-ffmpeg.js';
import { transcodeLadder } from '../media/transcode-ladder.js';
import { exists } from '../storage/file-moves.js';
import type { StorageLayout } from '../storage/storage-layout.js';
import { ABANDON, type JobRunner } from './job-runners.js';
import { findLocalSource, moveDir, SPRITES_DIR } from './sprite.runner.js';

export interface ReencodeSettings {
  segmentDuration: number;
  timeouts: { multiplier: number; minimum: number; maximum: number };
  /** streaming.enable_dash: CMAF output also gets manifest.mpd. Default true. */
  enableDash?: boolean;
}

/** The re-encode queue as the worker sees it (claim → complete | fail; release on shutdown). */
export interface ReencodeJobs {
  claim(): Promise<ReencodeJob | null>;
  complete(job: ReencodeJob, result: { qualities: ProducedQuality[]; keepOriginal: boolean }): Promise<void>;
  fail(job: ReencodeJob, failure: { error: string; retry: boolean }): Promise<{ willRetry: boolean }>;
  release(job: ReencodeJob): Promise<void>;
}

/** A swapped-in directory: keep it (drop the backup) or put the old one back. */
export interface Swap {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** File access of a re-encode (local storage here; download/upload for a remote worker). */
export interface ReencodeFiles {
  /** Undoes what a crashed run may have left half done. */
  recover(job: ReencodeJob): Promise<void>;
  fetchSource(job: ReencodeJob): Promise<string>;
  /** Copies what the encode does not produce into `outputDir`; returns the original remux's variant if kept. */
  carryOver(job: ReencodeJob, outputDir: string): Promise<{ original: OriginalVariant | null }>;
  /** Replaces videos/{slug}/ with `outputDir` (old → backup, new → live). */
  swapIn(job: ReencodeJob, outputDir: string): Promise<Swap>;
}

/** Media errors retrying cannot fix. */
const PERMANENT = new Set(['not_a_video', 'no_video_stream', 'invalid_duration']);
/** Files the encode does not produce but the video keeps: thumbnail, captions, sprites, original remux. */
const CARRIED = /^(thumbnail\.jpg|captions\.vtt|sprites\.vtt|original\.m3u8|original_\d+\.ts)$/;

/** Spec §8.2 fallback when the old master did not declare the original's codecs. */
const FALLBACK_ORIGINAL_CODECS = 'avc1.640028,mp4a.40.2';

/** Parses the `#EXT-X-STREAM-INF` entry of `uri` in a master playlist. */
export function masterEntry(master: string, uri: string): OriginalVariant | null {
  const lines = master.split(/\r?\n/).map((l) => l.trim());
  const i = lines.indexOf(uri);
  const inf = i > 0 ? lines[i - 1] : undefined;
  if (!inf?.startsWith('#EXT-X-STREAM-INF:')) return null;
  const bandwidth = /BANDWIDTH=(\d+)/.exec(inf)?.[1];
  const resolution = /RESOLUTION=(\d+)x(\d+)/.exec(inf);
  if (!bandwidth || !resolution) return null;
  return {
    width: Number(resolution[1]),
    height: Number(resolution[2]),
    bandwidthBps: Number(bandwidth),
    codecs: /CODECS="([^"]+)"/.exec(inf)?.[1] ?? FALLBACK_ORIGINAL_CODECS,
  };
}

export function createLocalReencodeFiles(layout: StorageLayout): ReencodeFiles {
  const staging = (job: ReencodeJob) => layout.videoDir(`.${job.slug}.reencode-new-${job.jobId}`);
  const backup = (job: ReencodeJob) => layout.videoDir(`.${job.slug}.reencode-old-${job.jobId}`);

  return {
    async recover(job) {
      const live = layout.videoDir(job.slug);
      if (!(await exists(live)) && (await exists(backup(job)))) await rename(backup(job), live);
      await rm(staging(job), { recursive: true, force: true });
      await rm(backup(job), { recursive: true, force: true });
    },

    async fetchSource(job) {
      const source = await findLocalSource(layout, job);
      if (!source)
        throw new MediaError('not_a_video', 'No source found (neither the upload nor a rendition)');
      return source;
    },

    async carryOver(job, outputDir) {
      const live = layout.videoDir(job.slug);
      const names = (await readdir(live).catch(() => [] as string[])).filter((n) => CARRIED.test(n));
      const master = await readFile(path.join(live, 'master.m3u8'), 'utf8').catch(() => '');
      const original = names.includes('original.m3u8') ? masterEntry(master, 'original.m3u8') : null;
      for (const name of names) {
        if (!original && name.startsWith('original')) continue; // cannot be listed without its entry
        await copyFile(path.join(live, name), path.join(outputDir, name));
      }
      if (await exists(path.join(live, SPRITES_DIR)))
        await cp(path.join(live, SPRITES_DIR), path.join(outputDir, SPRITES_DIR), { recursive: true });
      return { original };
    },

    async swapIn(job, outputDir) {
      const live = layout.videoDir(job.slug);
      if (!(await exists(live))) throw new Error('The video directory is missing (was the video deleted?)');
      await moveDir(outputDir, staging(job)); // same filesystem as live from here on
      await rm(backup(job), { recursive: true, force: true });
      await rename(live, backup(job));
      try {
        await rename(staging(job), live);
      } catch (err) {
        await rename(backup(job), live);
        throw err;
      }
      return {
        commit: () => rm(backup(job), { recursive: true, force: true }),
        async rollback() {
          await rename(live, staging(job));
          await rename(backup(job), live);
          await rm(staging(job), { recursive: true, force: true });
        },
      };
    },
  };
}

/** Encodes the ladder into `outputDir` and writes the master playlist; returns the renditions. */
async function encode(
  job: ReencodeJob,
  deps: { files: ReencodeFiles; settings: ReencodeSettings },
  ctx: { outputDir: string; signal: AbortSignal },
): Promise<{ qualities: ProducedQuality[]; keepOriginal: boolean }> {
  const source = await deps.files.fetchSource(job);
  const probe = await probeMedia(source, { signal: ctx.signal });
  const plan = planLadder(probe, {
    format: job.format,
    segmentDuration: deps.settings.segmentDuration,
    codec: job.codec,
  });
  const results = await transcodeLadder({
    input: source,
    outputDir: ctx.outputDir,
    plan,
    probe,
    signal: ctx.signal,
    timeoutMs: ladderTimeoutSeconds(probe.duration, plan, deps.settings.timeouts) * 1000,
  });
  const { original } = await deps.files.carryOver(job, ctx.outputDir);
  if (!(await exists(path.join(ctx.outputDir, 'thumbnail.jpg')))) {
    const output = path.join(ctx.outputDir, 'thumbnail.jpg');
    const args = buildThumbnailCommand({ input: source, output, atSeconds: thumbnailTime(probe.duration) });
    await runFfmpeg(args, { signal: ctx.signal, timeoutMs: 60_000, description: 'Thumbnail' });
  }
  // The original remux is listed in HLS/TS masters only (see writeManifests); its files are kept either way.
  await writeManifests({
    format: job.format,
    outputDir: ctx.outputDir,
    renditions: results,
    original,
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
  return { qualities, keepOriginal: original !== null };
}

/**
 * Re-encode jobs (reencode_queue): the whole ladder again from the upload (or the best rendition) in
 * the target format/codec into a new directory, then swapped in; the video stays ready throughout.
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
        const result = await encode(job, deps, { outputDir, signal: ctx.signal });
        if (ctx.signal.aborted) throw new MediaError('aborted', 'Stopped');
        const swap = await files.swapIn(job, outputDir);
        try {
          await jobs.complete(job, result);
        } catch (err) {
          await swap.rollback();
          throw err;
        }
        await swap.commit().catch(() => undefined);
        return 'completed';
      } catch (err) {
        if (ctx.signal.aborted) {
          // Abandoned (a simulated crash) keeps the claim, as a killed process would.
          if (ctx.signal.reason !== ABANDON) await jobs.release(job).catch(() => undefined);
          return 'released';
        }
        const permanent =
          (isMediaError(err) && PERMANENT.has(err.code)) ||
          (err instanceof DomainError && err.kind === 'conflict');
        const message = err instanceof Error ? err.message : String(err);
        const { willRetry } = await jobs.fail(job, { error: message, retry: !permanent });
        return willRetry ? 'retrying' : 'failed';
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
