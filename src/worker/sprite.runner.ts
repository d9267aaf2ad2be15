import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/load-config.js';
import { DomainError } from '../domain/shared/errors.js';
import type { SpriteJob } from '../domain/sprites/sprite-jobs.service.js';
import type { SpriteResult } from '../domain/sprites/sprite-queue.repository.js';
import { writeFileAtomic } from '../media/fs-atomic.js';
import { QUALITY_NAMES } from '../media/ladder.js';
import { MediaError } from '../media/media-error.js';
import { probeMedia } from '../media/probe.js';
import { runFfmpeg } from '../media/run-ffmpeg.js';
import {
  buildSpriteCommand,
  buildSpriteVtt,
  SPRITE_SHEET_FILE,
  spriteFrameHeight,
  spriteSheetFileName,
  spriteTimeoutSeconds,
} from '../media/sprites.js';
import { exists, findUpload, moveDir } from '../storage/file-moves.js';
import type { StorageLayout } from '../storage/storage-layout.js';
import { ABANDON, type JobRunner } from './job-runners.js';

export interface SpriteSettings {
  intervalSeconds: number;
  frameWidth: number;
  tileSize: number;
  jpegQuality: number;
  timeouts: { multiplier: number; minimum: number; maximum: number };
}

/** How sprite sheets are made, from the config (the local and the remote worker alike). */
export function spriteSettingsFrom(config: Config): SpriteSettings {
  return {
    intervalSeconds: config.spriteSheetFrameInterval,
    frameWidth: config.spriteSheetThumbnailWidth,
    tileSize: config.spriteSheetTileSize,
    jpegQuality: config.spriteSheetJpegQuality,
    timeouts: {
      multiplier: config.spriteSheetTimeoutMultiplier,
      minimum: config.spriteSheetTimeoutMinimum,
      maximum: config.spriteSheetTimeoutMaximum,
    },
  };
}

/** The sprite queue as the worker sees it: the narrow claim → complete | fail protocol. */
export interface SpriteJobs {
  claim(): Promise<SpriteJob | null>;
  complete(job: SpriteJob, result: SpriteResult): Promise<void>;
  fail(job: SpriteJob, error: string): Promise<void>;
  release(job: SpriteJob): Promise<void>;
}

/** Where the source comes from and where the sheets go (local files here; uploads for a remote worker). */
export interface SpriteFiles {
  fetchSource(job: SpriteJob, scratchDir: string): Promise<string>;
  /** Makes `sheetsDir` live as videos/{slug}/sprites/ and writes videos/{slug}/sprites.vtt. */
  publish(job: SpriteJob, sheetsDir: string, vtt: string): Promise<void>;
}

export const SPRITES_DIR = 'sprites';
export const SPRITES_VTT = 'sprites.vtt';

/**
 * A local video's best source: the upload (uploads/{id}.*), else the original remux, else the highest
 * rendition playlist in either layout (CMAF {q}/stream.m3u8 or HLS/TS {q}.m3u8).
 */
export async function findLocalSource(
  layout: StorageLayout,
  video: { videoId: number; slug: string },
): Promise<string | null> {
  const upload = await findUpload(layout, video.videoId);
  if (upload && (await stat(upload)).size > 0) return upload;
  const dir = layout.videoDir(video.slug);
  const candidates = [
    'original.m3u8',
    ...QUALITY_NAMES.flatMap((q) => [path.join(q, 'stream.m3u8'), `${q}.m3u8`]),
  ];
  for (const c of candidates) if (await exists(path.join(dir, c))) return path.join(dir, c);
  return null;
}

/** The local-storage SpriteFiles: new sheets are staged beside the live ones, then swapped in by rename. */
export function createLocalSpriteFiles(layout: StorageLayout): SpriteFiles {
  return {
    async fetchSource(job) {
      const source = await findLocalSource(layout, job);
      if (!source)
        throw new MediaError('not_a_video', 'No source found (neither the upload nor a rendition)');
      return source;
    },

    async publish(job, sheetsDir, vtt) {
      const videoDir = layout.videoDir(job.slug);
      if (!(await exists(videoDir))) throw new Error('The video directory is missing');
      // Dot names: never served (dotfiles are denied) and never taken for a rendition.
      const staging = path.join(videoDir, `.sprites-new-${job.jobId}`);
      const backup = path.join(videoDir, `.sprites-old-${job.jobId}`);
      const live = path.join(videoDir, SPRITES_DIR);
      await moveDir(sheetsDir, staging);
      await rm(backup, { recursive: true, force: true });
      const hadLive = await exists(live);
      if (hadLive) await rename(live, backup);
      try {
        await rename(staging, live);
      } catch (err) {
        if (hadLive) await rename(backup, live).catch(() => undefined);
        await rm(staging, { recursive: true, force: true });
        throw err;
      }
      await writeFileAtomic(path.join(videoDir, SPRITES_VTT), vtt);
      await rm(backup, { recursive: true, force: true });
    },
  };
}

async function generate(
  job: SpriteJob,
  deps: { files: SpriteFiles; settings: SpriteSettings },
  ctx: { scratchDir: string; signal: AbortSignal },
): Promise<SpriteResult> {
  const { settings } = deps;
  const sheetsDir = path.join(ctx.scratchDir, SPRITES_DIR);
  await mkdir(sheetsDir, { recursive: true });
  const source = await deps.files.fetchSource(job, ctx.scratchDir);
  const probe = await probeMedia(source, { signal: ctx.signal });
  const duration = probe.duration > 0 ? probe.duration : job.duration;
  const frameHeight = spriteFrameHeight(settings.frameWidth, probe);
  const args = buildSpriteCommand({
    input: source,
    outDir: sheetsDir,
    intervalSeconds: settings.intervalSeconds,
    frameWidth: settings.frameWidth,
    frameHeight,
    tileSize: settings.tileSize,
    jpegQuality: settings.jpegQuality,
  });
  await runFfmpeg(args, {
    signal: ctx.signal,
    timeoutMs: spriteTimeoutSeconds(duration, settings.timeouts) * 1000,
    description: 'Sprite sheet generation',
  });
  const sheets = (await readdir(sheetsDir)).filter((f) => SPRITE_SHEET_FILE.test(f));
  if (sheets.length === 0) throw new MediaError('invalid_output', 'ffmpeg produced no sprite sheets');
  const grid = { tileSize: settings.tileSize, frameWidth: settings.frameWidth, frameHeight };
  const vtt = buildSpriteVtt({
    durationSeconds: duration,
    intervalSeconds: settings.intervalSeconds,
    ...grid,
    sheetCount: sheets.length,
    sheetUrl: (i) => `${SPRITES_DIR}/${spriteSheetFileName(i)}`,
  });
  await deps.files.publish(job, sheetsDir, vtt);
  return { count: sheets.length, interval: settings.intervalSeconds, ...grid };
}

/** Sprite sheet jobs (sprite_queue): source → ffmpeg fps/scale/tile → sheets + WebVTT → swap in. */
export function createSpriteRunner(deps: {
  jobs: SpriteJobs;
  files: SpriteFiles;
  settings: SpriteSettings;
}): JobRunner<SpriteJob> {
  const { jobs } = deps;
  return {
    claim: () => jobs.claim(),
    async run(job, ctx) {
      try {
        await rm(ctx.scratchDir, { recursive: true, force: true });
        const result = await generate(job, deps, ctx);
        await jobs.complete(job, result);
        return 'completed';
      } catch (err) {
        if (ctx.signal.aborted) {
          // Abandoned (a simulated crash) keeps the claim, as a killed process would.
          if (ctx.signal.reason !== ABANDON) await jobs.release(job).catch(() => undefined);
          return 'released';
        }
        // The job is no longer ours (recovered as stale meanwhile): nothing to report.
        if (err instanceof DomainError && err.kind === 'conflict') return 'released';
        await jobs.fail(job, err instanceof Error ? err.message : String(err));
        return 'failed';
      } finally {
        await rm(ctx.scratchDir, { recursive: true, force: true }).catch(() => undefined);
      }
    },
    describe: (job) => ({
      key: `sprite-${job.jobId}`,
      fields: { kind: 'sprite', jobId: job.jobId, videoId: job.videoId, slug: job.slug },
    }),
  };
}

/** A runner that never finds work (VLOG_SPRITE_SHEET_ENABLED=false). */
export function disabledRunner<W>(kind: string): JobRunner<W> {
  return {
    claim: () => Promise.resolve(null),
    run: () => Promise.resolve('disabled'),
    describe: () => ({ key: kind, fields: { kind } }),
  };
}
