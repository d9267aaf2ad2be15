import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { JobCheckpoint } from '../../../domain/jobs/job-checkpoint.js';
import type { JobUploadService } from '../../../domain/jobs/job-upload.service.js';
import type { JobService } from '../../../domain/jobs/job.service.js';
import type { WorkerRegistryService } from '../../../domain/workers/worker-registry.service.js';
import { findUpload } from '../../../storage/file-moves.js';
import type { StorageLayout } from '../../../storage/storage-layout.js';
import { workerPrincipal } from '../../plugins/worker-auth.js';
import { errors, StatusOk } from '../../schemas/common.schemas.js';
import { sendSource, uploadOf } from './file-transfer.js';
import { JobFileParams, JobIdParam, VideoIdParam } from '../../../contracts/worker-api/common.contract.js';
import {
  ClaimQuery,
  ClaimResponse,
  CompleteBody,
  FailBody,
  FailResponse,
  FileUploadResponse,
  LocalFilesBody,
  LocalFilesResponse,
  ProgressBody,
  ProgressResponse,
  type CheckpointBody,
} from '../../../contracts/worker-api/transcode-job.contract.js';

const KEY_AUTH = 'Requires the X-Worker-API-Key header; only the worker holding the live claim may call it.';

function checkpointBody(c: JobCheckpoint): CheckpointBody {
  return {
    encode: c.encode && { segment_duration: c.encode.segmentDuration, frame_rate: c.encode.frameRate },
    source: c.source,
    thumbnail: c.thumbnail,
    renditions: c.renditions,
  };
}

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/**
 * The job protocol over HTTP (api-worker.md §4, §5): claim → progress → files → complete | fail |
 * release, plus the source download. Every route after the claim checks that the caller holds the job's
 * live lease (403 not its job, 409 claim expired), so a worker only ever touches its own job's video.
 */
export function workerJobRoutes(deps: {
  jobs: JobService;
  uploads: JobUploadService;
  registry: WorkerRegistryService;
  layout: StorageLayout;
}) {
  const { jobs, uploads, layout } = deps;
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      '/api/worker/claim',
      {
        schema: {
          tags: ['jobs'],
          description:
            'Claims the oldest runnable transcoding job (FOR UPDATE SKIP LOCKED) with a lease and its ' +
            'checkpoint (what earlier attempts published). Without work: 200 with only `message`.',
          querystring: ClaimQuery,
          response: { 200: ClaimResponse, ...errors(400, 401, 403) },
        },
      },
      async (req) => {
        const worker = workerPrincipal(req);
        const refusal = await deps.registry.claimRefusal(worker);
        if (refusal) return { message: refusal };
        const job = await jobs.claim({
          workerId: worker.worker_id,
          workerName: worker.worker_name ?? worker.worker_id,
          reclaimOwn: req.query.reclaim_own ?? false,
        });
        if (!job) return { message: 'No jobs available' };
        const source = await findUpload(layout, job.videoId);
        return {
          message: 'Job claimed successfully',
          job_id: job.jobId,
          video_id: job.videoId,
          video_slug: job.slug,
          video_duration: job.checkpoint.source?.duration ?? null,
          source_width: job.checkpoint.source?.width ?? null,
          source_height: job.checkpoint.source?.height ?? null,
          source_filename: source ? path.basename(source) : null,
          local_source_path: worker.worker_type === 'local' ? source : null,
          claim_expires_at: iso(job.claimExpiresAt),
          existing_qualities: null,
          streaming_format: job.format,
          streaming_codec: job.codec,
          attempt_number: job.attemptNumber,
          max_attempts: job.maxAttempts,
          checkpoint: checkpointBody(job.checkpoint),
        };
      },
    );

    app.post(
      '/api/worker/:job_id/progress',
      {
        schema: {
          tags: ['jobs'],
          description: `Step, percent and per-quality progress; extends the claim. ${KEY_AUTH}`,
          params: JobIdParam,
          body: ProgressBody,
          response: { 200: ProgressResponse, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        const b = req.body;
        const source =
          b.duration !== undefined && b.source_width !== undefined && b.source_height !== undefined
            ? { duration: b.duration, width: b.source_width, height: b.source_height }
            : undefined;
        const { claimExpiresAt } = await jobs.progress({
          jobId: req.params.job_id,
          workerId: workerPrincipal(req).worker_id,
          step: b.current_step ?? 'transcode',
          percent: b.progress_percent,
          qualities: b.quality_progress?.map((q) => ({
            name: q.name,
            status: q.status,
            progress: q.progress,
            segmentsCompleted: q.segments_completed,
            segmentsTotal: q.segments_total,
          })),
          source,
        });
        return { status: 'ok', claim_expires_at: iso(claimExpiresAt) };
      },
    );

    app.get(
      '/api/worker/source/:video_id',
      {
        schema: {
          tags: ['jobs'],
          description: `The source upload of the claimed job's video; supports Range (resumable). ${KEY_AUTH}`,
          params: VideoIdParam,
          response: { ...errors(401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        await jobs.assertSourceAccess({
          videoId: req.params.video_id,
          workerId: workerPrincipal(req).worker_id,
        });
        return sendSource(req, reply, layout, req.params.video_id);
      },
    );

    app.put(
      '/api/worker/:job_id/files/*',
      {
        schema: {
          tags: ['jobs'],
          description:
            'Publishes one finished file at videos/{slug}/{path} (a segment, playlist, manifest, thumbnail). ' +
            'Raw body; X-Content-SHA256 (hex) required, Content-Length checked. The file is staged, verified ' +
            `and renamed into place: readers never see a partial file. ${KEY_AUTH}`,
          params: JobFileParams,
          response: { 200: FileUploadResponse, ...errors(400, 401, 403, 404, 409, 413, 415) },
        },
      },
      async (req) => {
        const received = await uploads.receive({
          jobId: req.params.job_id,
          workerId: workerPrincipal(req).worker_id,
          relativePath: req.params['*'],
          ...uploadOf(req),
        });
        return {
          status: 'ok',
          path: received.relativePath,
          bytes_written: received.bytes,
          checksum_verified: true,
        };
      },
    );

    app.post(
      '/api/worker/:job_id/local-files',
      {
        schema: {
          tags: ['jobs'],
          description:
            'Same-host variant of the file upload, for workers of type local (the local worker of ' +
            '`vlog serve`): each finished file is taken from the worker directory on the server machine ' +
            `(hard link) and put in place atomically like an upload, in the given order. ${KEY_AUTH}`,
          params: JobIdParam,
          body: LocalFilesBody,
          response: { 200: LocalFilesResponse, ...errors(400, 401, 403, 404, 409, 413) },
        },
      },
      async (req) => {
        const worker = workerPrincipal(req);
        const files = [];
        for (const f of req.body.files) {
          const linked = await uploads.linkLocal({
            jobId: req.params.job_id,
            workerId: worker.worker_id,
            workerType: worker.worker_type ?? 'remote',
            relativePath: f.path,
            localPath: f.local_path,
          });
          files.push({ path: linked.relativePath, bytes_written: linked.bytes });
        }
        return { status: 'ok', files };
      },
    );

    app.post(
      '/api/worker/:job_id/complete',
      {
        schema: {
          tags: ['jobs'],
          description: `Marks the job done and the video ready with the produced qualities. ${KEY_AUTH}`,
          params: JobIdParam,
          body: CompleteBody,
          response: { 200: StatusOk, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        await jobs.complete({
          jobId: req.params.job_id,
          workerId: workerPrincipal(req).worker_id,
          qualities: req.body.qualities.map((q) => ({
            name: q.name,
            width: q.width,
            height: q.height,
            bitrateKbps: q.bitrate,
          })),
          duration: req.body.duration,
        });
        return { status: 'ok', message: 'Job completed successfully' };
      },
    );

    app.post(
      '/api/worker/:job_id/fail',
      {
        schema: {
          tags: ['jobs'],
          description: `Reports a failure; retried after a backoff while attempts remain. ${KEY_AUTH}`,
          params: JobIdParam,
          body: FailBody,
          response: { 200: FailResponse, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        const r = await jobs.fail({
          jobId: req.params.job_id,
          workerId: workerPrincipal(req).worker_id,
          error: req.body.error_message,
          retry: req.body.retry,
        });
        return { status: 'ok', will_retry: r.willRetry, attempt_number: r.attemptNumber };
      },
    );

    app.post(
      '/api/worker/:job_id/release',
      {
        schema: {
          tags: ['jobs'],
          description:
            'Gives the job back untouched (worker shutting down): no attempt is counted, its published ' +
            `segments stay as the checkpoint for whoever claims it next. ${KEY_AUTH}`,
          params: JobIdParam,
          response: { 200: StatusOk, ...errors(401, 403, 404, 409) },
        },
      },
      async (req) => {
        const workerId = workerPrincipal(req).worker_id;
        await jobs.assertLease({ jobId: req.params.job_id, workerId });
        await jobs.release({ jobId: req.params.job_id, workerId });
        return { status: 'ok', message: 'Job released' };
      },
    );
  };
}
