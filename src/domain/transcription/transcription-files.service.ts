import { mkdir, open, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { TranscriptionJob } from '../../contracts/transcription-job.js';
import { CAPTIONS_VTT, type StorageLayout } from '../../storage/storage-layout.js';
import { NO_SOURCE, transferableSource } from '../shared/local-source.js';
import { badRequest, DomainError, notFound } from '../shared/errors.js';
import { declaredSha256, writeVerified } from '../transcode/job-upload.service.js';
import type { TranscriptionJobService } from './transcription-jobs.service.js';

/** Beside the videos (dot names: never served), so an upload racing a delete never recreates the video's directory. */
const flatSource = (layout: StorageLayout, jobId: number) =>
  path.join(layout.dirs.videosDir, '.transcription-sources', String(jobId));
const uploadDir = (layout: StorageLayout, jobId: number) =>
  path.join(layout.dirs.videosDir, '.transcription-uploads', String(jobId));

/** Where a video's captions live: videos/{slug}/captions.vtt (what transcriptions.vtt_path holds). */
export const captionsPath = (layout: StorageLayout, slug: string) =>
  path.join(layout.videoDir(slug), CAPTIONS_VTT);

async function startsWithWebvtt(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(9), 0, 9, 0);
    return /^(\uFEFF)?WEBVTT/.test(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

/**
 * The files of a transcription job on the server: the source a worker downloads (the upload, else the
 * best rendition as one file), the captions.vtt it uploads (SHA-256 verified into a staging directory),
 * and the swap into videos/{slug}/captions.vtt when the job completes. Only the claiming worker may act.
 */
export function createTranscriptionFilesService(deps: {
  jobs: TranscriptionJobService;
  layout: StorageLayout;
  maxFileBytes: number;
}) {
  const { layout, jobs } = deps;

  async function discard(jobId: number): Promise<void> {
    await rm(flatSource(layout, jobId), { force: true });
    await rm(uploadDir(layout, jobId), { recursive: true, force: true });
    for (const dir of [flatSource(layout, jobId), uploadDir(layout, jobId)])
      await rmdir(path.dirname(dir)).catch(() => undefined);
  }

  const ended = (err: unknown) =>
    err instanceof DomainError && (err.kind === 'conflict' || err.kind === 'not_found');

  /** The caller's job; once it has ended, its leftovers go with the refusal. */
  async function owned(input: { jobId: number; workerPk: number }): Promise<TranscriptionJob> {
    try {
      return await jobs.ownedBy(input.jobId, input.workerPk);
    } catch (err) {
      if (ended(err)) await discard(input.jobId);
      throw err;
    }
  }

  return {
    owned,
    discard,

    async source(input: { jobId: number; workerPk: number }): Promise<string> {
      const job = await owned(input);
      const source = await transferableSource(layout, job, flatSource(layout, job.jobId));
      if (!source) throw notFound(NO_SOURCE);
      return source;
    },

    async receive(input: {
      jobId: number;
      workerPk: number;
      name: string;
      sha256: string | undefined;
      size: number | undefined;
      body: Readable;
    }): Promise<{ bytes: number }> {
      if (input.name !== CAPTIONS_VTT)
        throw badRequest(`Invalid transcription file name: ${input.name.slice(0, 100)}`);
      const sha256 = declaredSha256(input.sha256);
      const job = await owned(input);
      const dir = uploadDir(layout, job.jobId);
      await mkdir(dir, { recursive: true });
      const temp = path.join(dir, `.${CAPTIONS_VTT}.tmp`);
      try {
        const { bytes } = await writeVerified(input.body, temp, {
          sha256,
          size: input.size,
          maxBytes: deps.maxFileBytes,
        });
        if (!(await startsWithWebvtt(temp))) throw badRequest(`${CAPTIONS_VTT} is not a WebVTT file`);
        await rename(temp, path.join(dir, CAPTIONS_VTT));
        return { bytes };
      } finally {
        await rm(temp, { force: true });
      }
    },

    /** The staged captions of the job, to swap in (400 when none were uploaded). */
    async staged(job: TranscriptionJob): Promise<{ file: string; target: string }> {
      const file = path.join(uploadDir(layout, job.jobId), CAPTIONS_VTT);
      try {
        await (await open(file, 'r')).close();
      } catch {
        throw badRequest(`${CAPTIONS_VTT} was not uploaded`);
      }
      return { file, target: captionsPath(layout, job.slug) };
    },
  };
}

export type TranscriptionFilesService = ReturnType<typeof createTranscriptionFilesService>;
