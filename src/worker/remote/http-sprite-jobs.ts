import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { SpriteJob } from '../../contracts/sprite-job.js';
import type {
  SpriteClaim,
  SpriteComplete,
  SpriteFail,
} from '../../contracts/worker-api/sprite-job.contract.js';
import { SPRITE_SHEET_FILE } from '../../media/sprites.js';
import type { SpriteFiles, SpriteJobs } from '../sprite.runner.js';
import { downloadResumable, uploadFile, uploadText } from './transfers.js';
import type { WorkerApiClient } from './worker-api-client.js';

/**
 * Sprite sheet jobs over the worker API: the same runner as the local worker's (sprite.runner.ts), with
 * the queue calls and the file moves done over HTTP (source download with Range; each sheet uploaded with
 * its SHA-256, then one publish that swaps the set in on the server).
 */
export function createHttpSpriteJobs(client: WorkerApiClient): { jobs: SpriteJobs; files: SpriteFiles } {
  const base = (job: SpriteJob) => `/api/worker/sprites/${job.jobId}`;
  const jobs: SpriteJobs = {
    async claim() {
      const r = await client.json<SpriteClaim>('/api/worker/sprites/claim', {
        method: 'POST',
        timeoutMs: 30_000,
      });
      return (
        r.job && { jobId: r.job.job_id, videoId: r.job.video_id, slug: r.job.slug, duration: r.job.duration }
      );
    },
    async complete(job, result) {
      await client.request(`${base(job)}/complete`, {
        method: 'POST',
        json: {
          count: result.count,
          interval: result.interval,
          tile_size: result.tileSize,
          frame_width: result.frameWidth,
          frame_height: result.frameHeight,
        } satisfies SpriteComplete,
      });
    },
    async fail(job, error) {
      await client.request(`${base(job)}/fail`, {
        method: 'POST',
        json: { error_message: error.slice(0, 500) || 'Unknown error' } satisfies SpriteFail,
      });
    },
    async release(job) {
      await client.request(`${base(job)}/release`, { method: 'POST', retryForMs: 10_000 });
    },
  };
  const files: SpriteFiles = {
    fetchSource: (job, scratchDir) =>
      downloadResumable(
        client,
        `${base(job)}/source`,
        path.join(scratchDir, 'source', `${job.videoId}.source`),
      ),
    async publish(job, sheetsDir, vtt) {
      const sheets = (await readdir(sheetsDir)).filter((n) => SPRITE_SHEET_FILE.test(n)).sort();
      for (const name of sheets)
        await uploadFile(client, `${base(job)}/files/${name}`, path.join(sheetsDir, name));
      await uploadText(client, `${base(job)}/files/sprites.vtt`, vtt);
      await client.request(`${base(job)}/publish`, { method: 'POST' });
    },
  };
  return { jobs, files };
}
