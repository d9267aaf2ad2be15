import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { SpriteJob } from '../../contracts/sprite-job.js';
import { SPRITE_SHEET_FILE } from '../../media/sprites.js';
import type { SpriteFiles, SpriteJobs } from '../sprite.runner.js';
import { createJobClient, failMessage } from './job-client.js';
import type { WorkerApiClient } from './worker-api-client.js';

/**
 * Sprite sheet jobs over the worker API: the same runner as the local worker's (sprite.runner.ts) on the
 * shared job client (source download with Range; each sheet uploaded with its SHA-256, then one publish
 * that swaps the set in on the server).
 */
export function createHttpSpriteJobs(client: WorkerApiClient): { jobs: SpriteJobs; files: SpriteFiles } {
  const api = createJobClient(client, 'sprite');
  const jobs: SpriteJobs = {
    async claim() {
      const { job } = await api.claim();
      return job && { jobId: job.job_id, videoId: job.video_id, slug: job.slug, duration: job.duration };
    },
    complete: (job, result) =>
      api.complete(job.jobId, {
        count: result.count,
        interval: result.interval,
        tile_size: result.tileSize,
        frame_width: result.frameWidth,
        frame_height: result.frameHeight,
      }),
    async fail(job, error) {
      await api.fail(job.jobId, { error_message: failMessage(error) });
    },
    release: (job) => api.release(job.jobId),
  };
  const files: SpriteFiles = {
    fetchSource: (job: SpriteJob, scratchDir) =>
      api.download(job, path.join(scratchDir, 'source', `${job.videoId}.source`)),
    async publish(job, sheetsDir, vtt) {
      const sheets = (await readdir(sheetsDir)).filter((n) => SPRITE_SHEET_FILE.test(n)).sort();
      for (const name of sheets) await api.upload(job.jobId, name, path.join(sheetsDir, name));
      await api.uploadText(job.jobId, 'sprites.vtt', vtt);
      await client.request(api.url(job.jobId, 'publish'), { method: 'POST' });
    },
  };
  return { jobs, files };
}
