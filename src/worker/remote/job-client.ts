import {
  JOB_KIND_WIRE,
  jobUrls,
  type JobKindBodies,
  type WireJobKind,
} from '../../contracts/worker-api/job-kinds.contract.js';
import { downloadResumable, uploadFile, uploadText } from './transfers.js';
import type { WorkerApiClient } from './worker-api-client.js';

/** The ids a job endpoint's URL is built from (the transcode source is addressed by its video). */
export interface JobRef {
  jobId: number;
  videoId: number;
}

/** The error text of a fail call: the API takes 1–500 characters. */
export const failMessage = (error: string): string => error.slice(0, 500) || 'Unknown error';

/**
 * The worker's side of the job endpoints every kind has (claim, source, files, complete, fail, release),
 * for kind K: URLs and bodies come from the same contract the server registers its routes from
 * (src/contracts/worker-api/job-kinds.contract.ts). Refusals are WorkerApiErrors (../worker-errors.ts);
 * the kind's own mapping to its runner (http-*-jobs.ts, http-protocol.ts) sits on top.
 */
export function createJobClient<K extends WireJobKind>(client: WorkerApiClient, kind: K) {
  const wire = JOB_KIND_WIRE[kind];
  type Bodies = JobKindBodies<K>;
  const fileUrl = (jobId: number, relativePath: string) =>
    jobUrls.file(wire, jobId, relativePath.split('/').map(encodeURIComponent).join('/'));

  return {
    /** Claims one job; `query` is the kind's claim query string, if it has one (e.g. `?reclaim_own=true`). */
    claim: (query = ''): Promise<Bodies['claim']> =>
      client.json<Bodies['claim']>(`${jobUrls.claim(wire)}${query}`, { method: 'POST', timeoutMs: 30_000 }),

    /** Downloads the job's source into `target`, resuming a partial file with Range. */
    download: (job: JobRef, target: string): Promise<string> =>
      downloadResumable(client, jobUrls.source(wire, job), target),

    /** Uploads one finished file at `relativePath` with its SHA-256. */
    upload: (jobId: number, relativePath: string, file: string): Promise<void> =>
      uploadFile(client, fileUrl(jobId, relativePath), file),

    /** Uploads a small generated text (a playlist, a WebVTT track) with its SHA-256. */
    uploadText: (jobId: number, relativePath: string, text: string): Promise<void> =>
      uploadText(client, fileUrl(jobId, relativePath), text),

    async complete(jobId: number, body: Bodies['complete'], opts: { timeoutMs?: number } = {}) {
      await client.request(jobUrls.action(wire, jobId, 'complete'), { method: 'POST', json: body, ...opts });
    },

    fail: (jobId: number, body: Bodies['fail']): Promise<Bodies['failResult']> =>
      client.json<Bodies['failResult']>(jobUrls.action(wire, jobId, 'fail'), { method: 'POST', json: body }),

    /** Shutting down: a few quick tries; if the server is away, the claim simply expires. */
    async release(jobId: number) {
      await client.request(jobUrls.action(wire, jobId, 'release'), { method: 'POST', retryForMs: 10_000 });
    },

    /** Another endpoint of this kind's job (e.g. a transcode's progress, a sprite publish). */
    url: (jobId: number, action: string) => `${wire.base}/${jobId}/${action}`,
  };
}

export type JobClient<K extends WireJobKind> = ReturnType<typeof createJobClient<K>>;
