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
  LocalFiles,
  TranscodeClaim,
  TranscodeComplete,
  TranscodeProgress,
} from '../../contracts/worker-api/transcode-job.contract.js';
import { createJobClient, failMessage } from './job-client.js';

type RenditionName = TranscodeComplete['qualities'][number]['name'];
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

function checkpointOf(c: NonNullable<TranscodeClaim['checkpoint']>): Checkpoint {
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
  const api = createJobClient(client, 'transcode');
  let firstClaim = deps.reclaimOwnOnStart ?? true;

  return {
    workerId: deps.workerId,

    async claim() {
      const reclaim = firstClaim;
      const r = await api.claim(reclaim ? '?reclaim_own=true' : '');
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
      await client.request(api.url(work.jobId, 'progress'), {
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
      return api.download(work, target);
    },

    /**
     * Uploads each file with its checksum; a worker on the server machine (it read the source in place)
     * hands the finished files over by path instead, in one call, without copying the bytes.
     */
    async publishFiles(work, files) {
      if (sources.get(work)?.localPath) {
        await client.request(api.url(work.jobId, 'local-files'), {
          method: 'POST',
          json: {
            files: files.map((f) => ({ path: f.relativePath, local_path: path.resolve(f.absolutePath) })),
          } satisfies LocalFiles,
        });
        return;
      }
      for (const f of files) await api.upload(work.jobId, f.relativePath, f.absolutePath);
    },

    async publishText(work, relativePath, text) {
      await api.uploadText(work.jobId, relativePath, text);
    },

    async complete(work, result) {
      await api.complete(work.jobId, {
        qualities: result.renditions.map((r) => ({
          // The job names its renditions from the ladder; the server refuses any other name (400).
          name: r.name as RenditionName,
          width: r.width,
          height: r.height,
          bitrate: Math.round(r.bitrateKbps),
        })),
        duration: result.duration,
      });
    },

    async fail(work, failure) {
      const r = await api.fail(work.jobId, {
        error_message: failMessage(failure.error),
        retry: failure.retry,
      });
      return { willRetry: r.will_retry };
    },

    release: (work) => api.release(work.jobId),
  };
}
