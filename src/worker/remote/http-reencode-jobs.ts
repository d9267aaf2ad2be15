import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { KeptFiles } from '../../contracts/reencode-job.js';
import { MASTER_PLAYLIST } from '../../media/manifests.js';
import type { ReencodeFiles, ReencodeJobs } from '../reencode.runner.js';
import { createJobClient, failMessage } from './job-client.js';
import type { WorkerApiClient } from './worker-api-client.js';

/** Uploads running at once: small files (segments), so a few in flight hide the per-request latency. */
const PARALLEL_UPLOADS = 4;

/** Every file under `dir`, as '/'-separated paths relative to it; the master playlist last. */
async function outputFiles(dir: string, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory()) files.push(...(await outputFiles(path.join(dir, e.name), `${prefix}${e.name}/`)));
    else if (e.isFile()) files.push(`${prefix}${e.name}`);
  }
  return files.sort((a, b) => Number(a === MASTER_PLAYLIST) - Number(b === MASTER_PLAYLIST));
}

async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const lane = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, lane));
}

/**
 * Re-encode jobs over the worker API: the same runner as the server's worker (reencode.runner.ts) on the
 * shared job client: the source downloaded (Range, resumable), every output file uploaded with its SHA-256, and one complete
 * call in which the server carries the kept files over, swaps the directory in and records the job.
 */
export function createHttpReencodeJobs(client: WorkerApiClient): {
  jobs: ReencodeJobs;
  files: ReencodeFiles;
} {
  const api = createJobClient(client, 'reencode');
  /** What the claim said the live directory keeps, per job held. */
  const keptByJob = new Map<number, KeptFiles>();

  const jobs: ReencodeJobs = {
    async claim() {
      const { job } = await api.claim();
      if (!job) return null;
      const o = job.original;
      keptByJob.set(job.job_id, {
        original: o && { width: o.width, height: o.height, bandwidthBps: o.bandwidth, codecs: o.codecs },
        thumbnail: job.thumbnail,
      });
      return {
        jobId: job.job_id,
        videoId: job.video_id,
        slug: job.slug,
        format: job.target_format,
        codec: job.target_codec,
        attempt: job.attempt,
        maxAttempts: job.max_attempts,
      };
    },
    async fail(job, failure) {
      keptByJob.delete(job.jobId);
      const r = await api.fail(job.jobId, {
        error_message: failMessage(failure.error),
        retry: failure.retry,
      });
      return { willRetry: r.will_retry };
    },
    async release(job) {
      keptByJob.delete(job.jobId);
      await api.release(job.jobId);
    },
  };

  const files: ReencodeFiles = {
    recover: async () => undefined, // the server recovers in its publish step
    fetchSource: (job, scratchDir) =>
      api.download(job, path.join(scratchDir, 'source', `${job.videoId}.source`)),
    async kept(job) {
      const kept = keptByJob.get(job.jobId);
      if (!kept) throw new Error(`Re-encode job ${job.jobId} was not claimed by this worker`);
      return kept;
    },
    async publish(job, outputDir, result) {
      const names = await outputFiles(outputDir);
      await inParallel(names, PARALLEL_UPLOADS, (name) =>
        api.upload(job.jobId, name, path.join(outputDir, name)),
      );
      await api.complete(
        job.jobId,
        {
          qualities: result.qualities.map((q) => ({
            name: q.name,
            width: q.width,
            height: q.height,
            bitrate: q.bitrateKbps,
          })),
          keep_original: result.keepOriginal,
        },
        // Carrying the kept files over is mostly hard links, but the server may have to copy.
        { timeoutMs: 600_000 },
      );
      keptByJob.delete(job.jobId);
    },
  };
  return { jobs, files };
}
