import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/load-config.js';
import type { SpriteJob, SpriteResult } from '../contracts/sprite-job.js';
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
import { SPRITES_DIR } from '../storage/storage-layout.js';
import { ABANDON, failOrRelease, isJobGone, type JobRunner } from './job-runners.js';

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
        // The job is no longer ours (recovered as stale, or cancelled by a delete): nothing to report.
        if (isJobGone(err)) return 'released';
        // Refused (409/403/404): recovered, taken over or deleted for good meanwhile.
        return failOrRelease(async () => {
          await jobs.fail(job, err instanceof Error ? err.message : String(err));
          return 'failed' as const;
        });
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
