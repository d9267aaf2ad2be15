import { cp, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { JobService } from '../domain/jobs/job.service.js';
import type { VideoSourceRepository } from '../domain/jobs/video-source.repository.js';
import { findUpload } from '../storage/file-moves.js';
import type { StorageLayout } from '../storage/storage-layout.js';
import { toCodec, toFormat, type ClaimedWork, type WorkerProtocol } from './worker-protocol.js';

/** Moves a file or directory, copying when source and target are on different filesystems. */
async function moveInto(from: string, to: string): Promise<void> {
  await rm(to, { recursive: true, force: true });
  try {
    await rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await cp(from, to, { recursive: true });
    await rm(from, { recursive: true, force: true });
  }
}

/** The worker protocol served directly by the job service, for the worker inside the server process. */
export function createInProcessProtocol(deps: {
  jobService: JobService;
  sources: VideoSourceRepository;
  layout: StorageLayout;
  workerId: string;
  workerName: string;
}): WorkerProtocol {
  const { jobService, layout, workerId } = deps;
  return {
    workerId,

    async claim() {
      const job = await jobService.claim({ workerId, workerName: deps.workerName });
      return (
        job && {
          jobId: job.jobId,
          videoId: job.videoId,
          slug: job.slug,
          format: toFormat(job.format),
          codec: toCodec(job.codec),
          attemptNumber: job.attemptNumber,
          maxAttempts: job.maxAttempts,
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
      });
      if (report.source) await deps.sources.setSourceInfo(work.videoId, report.source);
    },

    async fetchSource(work) {
      const file = await findUpload(layout, work.videoId);
      if (!file) throw new Error('Source file not found');
      return file;
    },

    async publishOutput(work: ClaimedWork, outputDir: string) {
      const target = layout.videoDir(work.slug);
      await mkdir(target, { recursive: true });
      // Renditions first, master playlist last: a player never sees a master naming missing files.
      const entries = (await readdir(outputDir)).sort(
        (a, b) => Number(a === 'master.m3u8') - Number(b === 'master.m3u8'),
      );
      for (const name of entries) await moveInto(path.join(outputDir, name), path.join(target, name));
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
