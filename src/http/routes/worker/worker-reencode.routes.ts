import type { ReencodeUploadService } from '../../../domain/reencode/reencode-upload.service.js';
import type { WorkerRegistryService } from '../../../domain/workers/worker-registry.service.js';
import { jobKindRoutes, type JobCaller } from './job-kind.routes.js';

const KEY_AUTH = 'Requires the X-Worker-API-Key header; only the worker that claimed the job may call it.';

/**
 * Re-encode jobs for remote workers (reencode_queue) on the shared job endpoints (job-kind.routes.ts):
 * claim, source download (Range), output uploads verified by SHA-256 into a staging directory, then one
 * complete that carries the kept files over, swaps the new directory in and records the renditions —
 * all or nothing; fail / release.
 */
export function workerReencodeRoutes(deps: {
  reencode: ReencodeUploadService;
  registry: WorkerRegistryService;
}) {
  const { reencode } = deps;
  const ids = ({ worker, jobId }: JobCaller) => ({ jobId, workerPk: worker.id });
  return jobKindRoutes({
    kind: 'reencode',
    tags: ['reencode'],
    docs: {
      claim:
        'Claims the next re-encode job (priority, then age) with what the video keeps through it ' +
        '(original remux entry, thumbnail). Without work: `job` is null.',
      source:
        "The job's source: the video's upload, else its best rendition as one file (init and segments " +
        `concatenated: fragmented MP4 or MPEG-TS). Supports Range. ${KEY_AUTH}`,
      files:
        'One output file at its path in the new video directory: a rendition playlist, init.mp4 or ' +
        'segment ({q}/… for CMAF, {q}.m3u8 and {q}_NNNN.ts for HLS/TS), master.m3u8, manifest.mpd or ' +
        'thumbnail.jpg. Raw body with X-Content-SHA256 (hex), size and checksum verified; staged until ' +
        `complete, never served before. ${KEY_AUTH}`,
      complete:
        'Checks the uploaded playlists, carries the kept files (thumbnail, captions, sprites, original ' +
        'remux) into the new directory, swaps it in and records the renditions, format and codec — all ' +
        `or nothing. 409 when the job is no longer in progress (nothing is changed). ${KEY_AUTH}`,
      fail: `Reports a failure; back to the queue while attempts remain and retry is true. ${KEY_AUTH}`,
      release: `Gives the job back untouched (worker shutting down): no attempt is counted. ${KEY_AUTH}`,
    },
    async claim(worker) {
      const refusal = await deps.registry.claimRefusal(worker);
      if (refusal) return { job: null, message: refusal };
      const claimed = await reencode.claim(worker.id);
      if (!claimed) return { job: null, message: 'No re-encode jobs available' };
      const { job, kept } = claimed;
      const o = kept.original;
      return {
        job: {
          job_id: job.jobId,
          video_id: job.videoId,
          slug: job.slug,
          target_format: job.format,
          target_codec: job.codec,
          attempt: job.attempt,
          max_attempts: job.maxAttempts,
          original: o && { width: o.width, height: o.height, bandwidth: o.bandwidthBps, codecs: o.codecs },
          thumbnail: kept.thumbnail,
        },
      };
    },
    source: (worker, jobId) => reencode.source({ jobId, workerPk: worker.id }),
    async receive(caller, upload) {
      const { bytes } = await reencode.receive({ ...ids(caller), ...upload });
      return { status: 'ok', path: upload.relativePath, bytes_written: bytes };
    },
    async complete(caller, body) {
      await reencode.complete({
        ...ids(caller),
        qualities: body.qualities.map((q) => ({
          name: q.name,
          width: q.width,
          height: q.height,
          bitrateKbps: q.bitrate,
        })),
        keepOriginal: body.keep_original,
      });
      return { status: 'ok', message: 'Re-encode published' };
    },
    async fail(caller, body) {
      const { willRetry } = await reencode.fail({
        ...ids(caller),
        error: body.error_message,
        retry: body.retry,
      });
      return { status: 'ok', will_retry: willRetry };
    },
    async release(caller) {
      await reencode.release(ids(caller));
      return { status: 'ok', message: 'Job released' };
    },
  });
}
