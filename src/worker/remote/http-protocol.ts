import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import {
  toCodec,
  toFormat,
  type Checkpoint,
  type ClaimedWork,
  type WorkerProtocol,
} from '../worker-protocol.js';
import type {
  TranscodeClaim as ClaimResponse,
  TranscodeComplete,
  TranscodeFail,
  TranscodeFailResult,
  TranscodeProgress,
  LocalFiles,
} from '../../contracts/worker-api/transcode-job.contract.js';
import { downloadResumable, uploadFile, uploadText } from './transfers.js';
import type { WorkerApiClient } from './worker-api-client.js';

/** Extra claim facts the remote protocol keeps per job: the source's file name, its same-host path. */
const sources = new WeakMap<ClaimedWork, { name: string | null; localPath: string | null }>();

/** Whether this process can read `file` (a worker on the server machine reads the source in place). */
async function readable(file: string | null | undefined): Promise<boolean> {
  if (!file) return false;
  try {
    await access(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

function checkpointOf(c: NonNullable<ClaimResponse['checkpoint']>): Checkpoint {
  return {
    encode: c.encode && { segmentDuration: c.encode.segment_duration, frameRate: c.encode.frame_rate },
    source: c.source,
    thumbnail: c.thumbnail,
    renditions: c.renditions,
  };
}

/**
 * The worker protocol over the worker API, for `vlog worker` on another machine: the job code
 * (transcode.job.ts) is the very same as the local worker's; only this transport differs. Files are
 * uploaded one by one as they are finished, each with its SHA-256, so the server verifies and renames
 * them into place atomically; the source download resumes with Range after an interruption.
 */
export function createHttpProtocol(deps: {
  client: WorkerApiClient;
  workerId: string;
  /** On the first claim, take back a job still held by this worker (it restarted after a crash). */
  reclaimOwnOnStart?: boolean;
}): WorkerProtocol {
  const { client } = deps;
  let firstClaim = deps.reclaimOwnOnStart ?? true;
  const jobPath = (work: ClaimedWork, what: string) => `/api/worker/${work.jobId}/${what}`;

  const filePath = (work: ClaimedWork, relativePath: string) =>
    jobPath(work, `files/${relativePath.split('/').map(encodeURIComponent).join('/')}`);

  return {
    workerId: deps.workerId,

    async claim() {
      const reclaim = firstClaim;
      const r = await client.json<ClaimResponse>(`/api/worker/claim${reclaim ? '?reclaim_own=true' : ''}`, {
        method: 'POST',
        timeoutMs: 30_000,
      });
      firstClaim = false;
      if (r.job_id === undefined || r.video_id === undefined || !r.video_slug || !r.checkpoint) return null;
      const work: ClaimedWork = {
        jobId: r.job_id,
        videoId: r.video_id,
        slug: r.video_slug,
        format: toFormat(r.streaming_format ?? 'cmaf'),
        codec: toCodec(r.streaming_codec ?? 'h264'),
        attemptNumber: r.attempt_number ?? 1,
        maxAttempts: r.max_attempts ?? 3,
        checkpoint: checkpointOf(r.checkpoint),
      };
      const localPath = (await readable(r.local_source_path)) ? (r.local_source_path ?? null) : null;
      sources.set(work, { name: r.source_filename ?? null, localPath });
      return work;
    },

    async progress(work, report) {
      await client.request(jobPath(work, 'progress'), {
        method: 'POST',
        timeoutMs: 15_000,
        json: {
          current_step: report.step,
          progress_percent: Math.max(0, Math.min(100, report.percent)),
          quality_progress: report.qualities?.map((q) => ({
            name: q.name,
            status: q.status,
            progress: Math.max(0, Math.min(100, q.progress)),
            segments_completed: q.segmentsCompleted,
            segments_total: q.segmentsTotal,
          })),
          ...(report.source
            ? {
                duration: report.source.duration,
                source_width: report.source.width,
                source_height: report.source.height,
              }
            : {}),
        } as TranscodeProgress,
      });
    },

    /**
     * On the server machine (a local worker that can read the upload): the file in place. Elsewhere:
     * downloaded into scratchDir, resuming a partial file with Range (also across retries).
     */
    async fetchSource(work, scratchDir) {
      const known = sources.get(work);
      if (known?.localPath) return known.localPath;
      const name = known?.name ?? `${work.videoId}.mp4`;
      const target = path.join(scratchDir, 'source', path.basename(name));
      return downloadResumable(client, `/api/worker/source/${work.videoId}`, target);
    },

    /**
     * Uploads each file with its checksum; a worker on the server machine (it read the source in place)
     * hands the finished files over by path instead, in one call, without copying the bytes.
     */
    async publishFiles(work, files) {
      if (sources.get(work)?.localPath) {
        await client.request(jobPath(work, 'local-files'), {
          method: 'POST',
          json: {
            files: files.map((f) => ({ path: f.relativePath, local_path: path.resolve(f.absolutePath) })),
          } satisfies LocalFiles,
        });
        return;
      }
      for (const f of files) await uploadFile(client, filePath(work, f.relativePath), f.absolutePath);
    },

    async publishText(work, relativePath, text) {
      await uploadText(client, filePath(work, relativePath), text);
    },

    async complete(work, result) {
      await client.request(jobPath(work, 'complete'), {
        method: 'POST',
        json: {
          qualities: result.renditions.map((r) => ({
            name: r.name,
            width: r.width,
            height: r.height,
            bitrate: Math.round(r.bitrateKbps),
          })),
          duration: result.duration,
        } as TranscodeComplete,
      });
    },

    async fail(work, failure) {
      const r = await client.json<TranscodeFailResult>(jobPath(work, 'fail'), {
        method: 'POST',
        json: {
          error_message: failure.error.slice(0, 500) || 'Unknown error',
          retry: failure.retry,
        } satisfies TranscodeFail,
      });
      return { willRetry: r.will_retry };
    },

    async release(work) {
      // Shutting down: a few quick tries; if the server is away, the lease simply expires.
      await client.request(jobPath(work, 'release'), { method: 'POST', retryForMs: 10_000 });
    },
  };
}
