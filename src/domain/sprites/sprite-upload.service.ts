import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { SPRITE_SHEET_FILE } from '../../media/sprites.js';
import type { StorageLayout } from '../../storage/storage-layout.js';
import { declaredSha256, writeVerified } from '../transcode/job-upload.service.js';
import { badRequest, DomainError, notFound } from '../shared/errors.js';
import { NO_SOURCE, transferableSource } from '../shared/local-source.js';
import type { SpriteJob } from '../../contracts/sprite-job.js';
import type { SpriteJobService } from './sprite-jobs.service.js';

/** What a remote worker uploads for a sprite job: the sheets and the WebVTT track. */
const VTT_NAME = 'sprites.vtt';

/** Where a job's source flattened from a rendition waits (dot name beside the videos: never served). */
const flatSource = (layout: StorageLayout, jobId: number) =>
  path.join(layout.dirs.videosDir, '.sprite-sources', String(jobId));

/**
 * Where a job's uploads wait: beside the videos (dot name: never served), not inside videos/{slug}/, so an
 * upload racing a delete never recreates the video's directory; same filesystem, so publishing renames.
 */
const uploadDir = (layout: StorageLayout, jobId: number) =>
  path.join(layout.dirs.videosDir, '.sprite-uploads', String(jobId));

/**
 * Remote workers' sprite sheets: each file is uploaded with its SHA-256 into a staging directory beside
 * the videos, then `publish` swaps the whole set in at once (the same swap the local worker does), so a page
 * never sees half the sheets of a new set. Only the worker that claimed the job may upload or publish.
 */
export function createSpriteUploadService(deps: {
  spriteJobs: SpriteJobService;
  layout: StorageLayout;
  /** The local publish (stage → rename swap); see createLocalSpriteFiles. */
  publish: (job: SpriteJob, sheetsDir: string, vtt: string) => Promise<void>;
  maxFileBytes: number;
}) {
  /** Drops what the job left on the server (a flattened source, uploads); called when the job ends. */
  async function discard(jobId: number): Promise<void> {
    await rm(flatSource(deps.layout, jobId), { force: true });
    await rm(uploadDir(deps.layout, jobId), { recursive: true, force: true });
    for (const dir of [flatSource(deps.layout, jobId), uploadDir(deps.layout, jobId)])
      await rmdir(path.dirname(dir)).catch(() => undefined);
  }

  /** Whether `err` says the job is over (cancelled by a delete, say, or deleted with its video). */
  const ended = (err: unknown) =>
    err instanceof DomainError && (err.kind === 'conflict' || err.kind === 'not_found');

  /** The caller's job; once it has ended, its leftovers go with the refusal. */
  async function owned(input: { jobId: number; workerPk: number }): Promise<SpriteJob> {
    try {
      return await deps.spriteJobs.ownedBy(input.jobId, input.workerPk);
    } catch (err) {
      if (ended(err)) await discard(input.jobId);
      throw err;
    }
  }

  return {
    /** The job's source as one file (the upload, or the best rendition flattened); 404 when none is left. */
    async source(input: { jobId: number; workerPk: number }): Promise<string> {
      const job = await owned(input);
      const source = await transferableSource(deps.layout, job, flatSource(deps.layout, job.jobId));
      if (!source) throw notFound(NO_SOURCE);
      return source;
    },

    discard,

    async receive(input: {
      jobId: number;
      workerPk: number;
      name: string;
      sha256: string | undefined;
      size: number | undefined;
      body: Readable;
    }): Promise<{ bytes: number }> {
      if (input.name !== VTT_NAME && !SPRITE_SHEET_FILE.test(input.name))
        throw badRequest(`Invalid sprite file name: ${input.name.slice(0, 100)}`);
      const sha256 = declaredSha256(input.sha256);
      const job = await owned(input);
      const dir = uploadDir(deps.layout, job.jobId);
      await mkdir(dir, { recursive: true });
      const temp = path.join(dir, `.${randomBytes(6).toString('hex')}.tmp`);
      try {
        const { bytes } = await writeVerified(input.body, temp, {
          sha256,
          size: input.size,
          maxBytes: deps.maxFileBytes,
        });
        await rename(temp, path.join(dir, input.name));
        return { bytes };
      } finally {
        await rm(temp, { force: true });
      }
    },

    /** Swaps the uploaded set in as videos/{slug}/sprites/ + sprites.vtt, unless the video was deleted. */
    async publish(input: { jobId: number; workerPk: number }): Promise<void> {
      const job = await owned(input);
      const dir = uploadDir(deps.layout, job.jobId);
      const vtt = await readFile(path.join(dir, VTT_NAME), 'utf8').catch(() => null);
      if (vtt === null) throw badRequest(`${VTT_NAME} was not uploaded`);
      try {
        await deps.spriteJobs.whileProcessing(job, input.workerPk, async () => {
          await rm(path.join(dir, VTT_NAME));
          await deps.publish(job, dir, vtt);
        });
      } catch (err) {
        if (ended(err)) await discard(job.jobId);
        throw err;
      }
    },
  };
}

export type SpriteUploadService = ReturnType<typeof createSpriteUploadService>;
