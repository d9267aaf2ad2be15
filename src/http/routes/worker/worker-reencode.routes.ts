import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ReencodeUploadService } from '../../../domain/reencode/reencode-upload.service.js';
import type { WorkerRegistryService } from '../../../domain/workers/worker-registry.service.js';
import { workerPrincipal } from '../../plugins/worker-auth.js';
import { errors, StatusOk } from '../../schemas/common.schemas.js';
import { sendFile } from '../../send-file.js';
import { uploadOf } from './file-transfer.js';
import { JobFileParams, JobIdParam } from '../../../contracts/worker-api/common.contract.js';
import {
  ReencodeClaimResponse,
  ReencodeCompleteBody,
  ReencodeFailBody,
  ReencodeFailResponse,
  ReencodeUploadResponse,
} from '../../../contracts/worker-api/reencode-job.contract.js';

const KEY_AUTH = 'Requires the X-Worker-API-Key header; only the worker that claimed the job may call it.';
const tags = ['reencode'];

/**
 * Re-encode jobs for remote workers (reencode_queue): claim, source download (Range), output uploads
 * verified by SHA-256 into a staging directory, then one complete that carries the kept files over, swaps
 * the new directory in and records the renditions — all or nothing; fail / release.
 */
export function workerReencodeRoutes(deps: {
  reencode: ReencodeUploadService;
  registry: WorkerRegistryService;
}) {
  const { reencode } = deps;
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const caller = (req: Parameters<typeof workerPrincipal>[0] & { params: { job_id: number } }) => ({
      jobId: req.params.job_id,
      workerPk: workerPrincipal(req).id,
    });

    app.post(
      '/api/worker/reencode/claim',
      {
        schema: {
          tags,
          description:
            'Claims the next re-encode job (priority, then age) with what the video keeps through it ' +
            '(original remux entry, thumbnail). Without work: `job` is null.',
          response: { 200: ReencodeClaimResponse, ...errors(401, 403) },
        },
      },
      async (req) => {
        const worker = workerPrincipal(req);
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
    );

    app.get(
      '/api/worker/reencode/:job_id/source',
      {
        schema: {
          tags,
          description:
            "The job's source: the video's upload, else its best rendition as one file (init and segments " +
            `concatenated: fragmented MP4 or MPEG-TS). Supports Range. ${KEY_AUTH}`,
          params: JobIdParam,
          response: { ...errors(401, 403, 404, 409) },
        },
      },
      async (req, reply) => sendFile(req, reply, await reencode.source(caller(req))),
    );

    app.put(
      '/api/worker/reencode/:job_id/files/*',
      {
        schema: {
          tags,
          description:
            'One output file at its path in the new video directory: a rendition playlist, init.mp4 or ' +
            'segment ({q}/… for CMAF, {q}.m3u8 and {q}_NNNN.ts for HLS/TS), master.m3u8, manifest.mpd or ' +
            'thumbnail.jpg. Raw body with X-Content-SHA256 (hex), size and checksum verified; staged until ' +
            `complete, never served before. ${KEY_AUTH}`,
          params: JobFileParams,
          response: { 200: ReencodeUploadResponse, ...errors(400, 401, 403, 404, 409, 413, 415) },
        },
      },
      async (req) => {
        const relativePath = req.params['*'];
        const { bytes } = await reencode.receive({ ...caller(req), relativePath, ...uploadOf(req) });
        return { status: 'ok', path: relativePath, bytes_written: bytes };
      },
    );

    app.post(
      '/api/worker/reencode/:job_id/complete',
      {
        schema: {
          tags,
          description:
            'Checks the uploaded playlists, carries the kept files (thumbnail, captions, sprites, original ' +
            'remux) into the new directory, swaps it in and records the renditions, format and codec — all ' +
            `or nothing. 409 when the job is no longer in progress (nothing is changed). ${KEY_AUTH}`,
          params: JobIdParam,
          body: ReencodeCompleteBody,
          response: { 200: StatusOk, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        await reencode.complete({
          ...caller(req),
          qualities: req.body.qualities.map((q) => ({
            name: q.name,
            width: q.width,
            height: q.height,
            bitrateKbps: q.bitrate,
          })),
          keepOriginal: req.body.keep_original,
        });
        return { status: 'ok', message: 'Re-encode published' };
      },
    );

    app.post(
      '/api/worker/reencode/:job_id/fail',
      {
        schema: {
          tags,
          description: `Reports a failure; back to the queue while attempts remain and retry is true. ${KEY_AUTH}`,
          params: JobIdParam,
          body: ReencodeFailBody,
          response: { 200: ReencodeFailResponse, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        const { willRetry } = await reencode.fail({
          ...caller(req),
          error: req.body.error_message,
          retry: req.body.retry,
        });
        return { status: 'ok', will_retry: willRetry };
      },
    );

    app.post(
      '/api/worker/reencode/:job_id/release',
      {
        schema: {
          tags,
          description: `Gives the job back untouched (worker shutting down): no attempt is counted. ${KEY_AUTH}`,
          params: JobIdParam,
          response: { 200: StatusOk, ...errors(401, 403, 404, 409) },
        },
      },
      async (req) => {
        await reencode.release(caller(req));
        return { status: 'ok', message: 'Job released' };
      },
    );
  };
}
