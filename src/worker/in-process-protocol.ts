import { copyFile, link, writeFile } from 'node:fs/promises';
import type { JobService } from '../domain/jobs/job.service.js';
import { createOutputFiles } from '../domain/jobs/output-files.js';
import { findUpload } from '../storage/file-moves.js';
import type { StorageLayout } from '../storage/storage-layout.js';
import { toCodec, toFormat, type WorkerProtocol } from './worker-protocol.js';

/** A hard link stages finished data without copying it (scratch and videos usually share a filesystem). */
async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

/** The worker protocol served directly by the job service, for the worker inside the server process. */
export function createInProcessProtocol(deps: {
  jobService: JobService;
  layout: StorageLayout;
  workerId: string;
  workerName: string;
  /** Take back, on the first claim, a job still held under this worker id (a crashed earlier run). */
  reclaimOwnOnStart?: boolean;
}): WorkerProtocol {
  const { jobService, layout, workerId } = deps;
  const output = createOutputFiles(layout, workerId);
  let firstClaim = deps.reclaimOwnOnStart ?? false;

  return {
    workerId,

    async claim() {
      const reclaimOwn = firstClaim;
      const job = await jobService.claim({ workerId, workerName: deps.workerName, reclaimOwn });
      firstClaim = false;
      return (
        job && {
          jobId: job.jobId,
          videoId: job.videoId,
          slug: job.slug,
          format: toFormat(job.format),
          codec: toCodec(job.codec),
          attemptNumber: job.attemptNumber,
          maxAttempts: job.maxAttempts,
          checkpoint: job.checkpoint,
        }
      );
    },

    async progress(work, report) {
      await jobService.progress({
        jobId: work.jobId,
        workerId,
        step: report.step,
        percent: report.percent,
        qualities: report.qualities,
        source: report.source,
      });
    },

    async fetchSource(work) {
      const file = await findUpload(layout, work.videoId);
      if (!file) throw new Error('Source file not found');
      return file;
    },

    async publishFiles(work, files) {
      // Only the lease holder writes: a worker that lost its job must not overwrite the new owner's files.
      await jobService.assertLease({ jobId: work.jobId, workerId });
      for (const f of files)
        await output.put(work.slug, f.relativePath, (temp) => linkOrCopy(f.absolutePath, temp));
    },

    async publishText(work, relativePath, text) {
      await jobService.assertLease({ jobId: work.jobId, workerId });
      await output.put(work.slug, relativePath, (temp) => writeFile(temp, text));
    },

    complete: (work, result) =>
      jobService.complete({
        jobId: work.jobId,
        workerId,
        qualities: result.renditions,
        duration: result.duration,
      }),
    fail: (work, failure) => jobService.fail({ jobId: work.jobId, workerId, ...failure }),
    release: (work) => jobService.release({ jobId: work.jobId, workerId }),
  };
}
