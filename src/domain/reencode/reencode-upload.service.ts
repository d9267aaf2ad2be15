import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { NO_SOURCE, transferableSource } from '../shared/local-source.js';
import { contained, type StorageLayout } from '../../storage/storage-layout.js';
import { declaredSha256, writeVerified } from '../transcode/job-upload.service.js';
import { badRequest, DomainError, notFound, payloadTooLarge } from '../shared/errors.js';
import type { KeptFiles, ReencodeJob, ReencodeResult } from '../../contracts/reencode-job.js';
import type { ReencodeJobService } from './reencode-jobs.service.js';
import type { ReencodePublisher } from './reencode-publish.js';
import { checkReencodeUploads, isReencodeUpload } from './reencode-upload-check.js';

/** Per job and worker, beside the videos (dot name: never served): uploads in output/, a flattened source. */
const REMOTE_ROOT = '.reencode-remote';

interface Caller {
  jobId: number;
  /** The authenticated worker's row id (workers.id). */
  workerPk: number;
}

/**
 * Re-encode jobs for remote workers (worker API): claim with what the live directory keeps, the source
 * (the upload, or the best rendition flattened into one file), uploads verified by size and SHA-256 into
 * a staging directory, and completion through the server's one all-or-nothing publish. Only the worker
 * that claimed a job may touch it; a job no longer in progress is refused before anything is written.
 */
export function createReencodeUploadService(deps: {
  reencodeJobs: ReencodeJobService;
  publisher: ReencodePublisher;
  layout: StorageLayout;
  maxFileBytes: number;
}) {
  const { reencodeJobs, publisher, layout } = deps;
  const jobRoot = (jobId: number) => layout.videoDir(path.join(REMOTE_ROOT, String(jobId)));
  const workDir = (c: Caller) => path.join(jobRoot(c.jobId), String(c.workerPk));
  const outputDir = (c: Caller) => path.join(workDir(c), 'output');

  /** Drops this worker's staging for the job (its job root and the staging root too once empty). */
  async function discard(c: Caller): Promise<void> {
    await rm(workDir(c), { recursive: true, force: true });
    await rmdir(jobRoot(c.jobId)).catch(() => undefined);
    await rmdir(layout.videoDir(REMOTE_ROOT)).catch(() => undefined);
  }

  /**
   * The caller's job; once it is no longer in progress (cancelled by a delete, say) or gone with its
   * video, the caller's leftovers go with the refusal.
   */
  async function owned(c: Caller): Promise<ReencodeJob> {
    try {
      return await reencodeJobs.ownedBy(c.jobId, c.workerPk);
    } catch (err) {
      if (err instanceof DomainError && (err.kind === 'conflict' || err.kind === 'not_found'))
        await discard(c);
      throw err;
    }
  }

  return {
    /** The next job for a registered worker, with what the live directory keeps. */
    async claim(workerPk: number): Promise<{ job: ReencodeJob; kept: KeptFiles } | null> {
      const job = await reencodeJobs.claim(workerPk);
      if (!job) return null;
      // Nobody else holds the job now: leftovers of earlier attempts go.
      await rm(jobRoot(job.jobId), { recursive: true, force: true });
      return { job, kept: await publisher.kept(job) };
    },

    /** The file to send as the job's source: the upload, or a rendition flattened into one file. */
    async source(c: Caller): Promise<string> {
      const job = await owned(c);
      const source = await transferableSource(layout, job, path.join(workDir(c), 'source'));
      if (!source) throw notFound(NO_SOURCE);
      return source;
    },

    /** One output file (segment, playlist, init, manifest, thumbnail), staged until complete. */
    async receive(
      input: Caller & {
        relativePath: string;
        sha256: string | undefined;
        size: number | undefined;
        body: Readable;
      },
    ): Promise<{ bytes: number }> {
      const { relativePath } = input;
      const invalid = () => badRequest(`Invalid file path: ${relativePath.slice(0, 100)}`);
      if (!isReencodeUpload('cmaf', relativePath) && !isReencodeUpload('hls_ts', relativePath))
        throw invalid();
      const sha256 = declaredSha256(input.sha256);
      if (input.size !== undefined && input.size > deps.maxFileBytes)
        throw payloadTooLarge(`File too large (max ${deps.maxFileBytes} bytes)`);
      const job = await owned(input);
      if (!isReencodeUpload(job.format, relativePath)) throw invalid();
      const target = contained(outputDir(input), relativePath);
      await mkdir(path.dirname(target), { recursive: true });
      const temp = path.join(workDir(input), `.${randomBytes(6).toString('hex')}.tmp`);
      try {
        const { bytes } = await writeVerified(input.body, temp, {
          sha256,
          size: input.size,
          maxBytes: deps.maxFileBytes,
        });
        // The job may have been taken away while the body streamed.
        await owned(input);
        await rename(temp, target);
        return { bytes };
      } finally {
        await rm(temp, { force: true });
      }
    },

    /** Checks the uploads, then carries over, swaps in and completes in one step (see reencode-publish.ts). */
    async complete(c: Caller & ReencodeResult): Promise<void> {
      const job = await owned(c);
      await checkReencodeUploads(outputDir(c), job.format, c.qualities);
      await publisher.publish(job, outputDir(c), { qualities: c.qualities, keepOriginal: c.keepOriginal });
      await discard(c);
    },

    async fail(c: Caller & { error: string; retry: boolean }): Promise<{ willRetry: boolean }> {
      const job = await owned(c);
      const result = await reencodeJobs.fail(job, { error: c.error, retry: c.retry });
      await discard(c);
      return result;
    },

    async release(c: Caller): Promise<void> {
      const job = await owned(c);
      await reencodeJobs.release(job);
      await discard(c);
    },
  };
}

export type ReencodeUploadService = ReturnType<typeof createReencodeUploadService>;
