import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { JobIdParam } from '../../../contracts/worker-api/common.contract.js';
import {
  LocalFilesBody,
  LocalFilesResponse,
  ProgressBody,
  ProgressResponse,
  type CheckpointBody,
  type TranscodeClaim,
} from '../../../contracts/worker-api/transcode-job.contract.js';
import type { JobCheckpoint } from '../../../domain/transcode/job-checkpoint.js';
import type { JobUploadService } from '../../../domain/transcode/job-upload.service.js';
import type { JobService } from '../../../domain/transcode/job.service.js';
import type { WorkerRegistryService } from '../../../domain/workers/worker-registry.service.js';
import { findUpload } from '../../../storage/file-moves.js';
import type { StorageLayout } from '../../../storage/storage-layout.js';
import { notFound } from '../../../domain/shared/errors.js';
import { workerPrincipal } from '../../plugins/worker-auth.js';
import { errors } from '../../schemas/common.schemas.js';
import { jobKindRoutes, type JobKindAdapter } from './job-kind.routes.js';

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

interface TranscodeDeps {
  jobs: JobService;
  uploads: JobUploadService;
  registry: WorkerRegistryService;
  layout: StorageLayout;
}

/** Transcoding jobs (transcoding_jobs) behind the shared job endpoints; workers are named by their UUID. */
function transcodeJobKind(deps: TranscodeDeps): JobKindAdapter<'transcode'> {
  const { jobs, uploads, layout } = deps;
  return {
    kind: 'transcode',
    tags: ['jobs'],
    docs: {
      claim:
        'Claims the oldest runnable transcoding job (FOR UPDATE SKIP LOCKED) with a lease and its ' +
        'checkpoint (what earlier attempts published). Without work: 200 with only `message`.',
      source: `The source upload of the claimed job's video; supports Range (resumable). ${KEY_AUTH}`,
      files:
        'Publishes one finished file at videos/{slug}/{path} (a segment, playlist, manifest, thumbnail). ' +
        'Raw body; X-Content-SHA256 (hex) required, Content-Length checked. The file is staged, verified ' +
        `and renamed into place: readers never see a partial file. ${KEY_AUTH}`,
      complete: `Marks the job done and the video ready with the produced qualities. ${KEY_AUTH}`,
      fail: `Reports a failure; retried after a backoff while attempts remain. ${KEY_AUTH}`,
      release:
        'Gives the job back untouched (worker shutting down): no attempt is counted, its published ' +
        `segments stay as the checkpoint for whoever claims it next. ${KEY_AUTH}`,
    },
    async claim(worker, query): Promise<TranscodeClaim> {
      const refusal = await deps.registry.claimRefusal(worker);
      if (refusal) return { message: refusal };
      const job = await jobs.claim({
        workerId: worker.worker_id,
        workerName: worker.worker_name ?? worker.worker_id,
        reclaimOwn: query.reclaim_own ?? false,
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
    async source(worker, videoId) {
      await jobs.assertSourceAccess({ videoId, workerId: worker.worker_id });
      const file = await findUpload(layout, videoId);
      if (!file) throw notFound('Source file not found');
      return file;
    },
    async receive({ worker, jobId }, upload) {
      const received = await uploads.receive({ jobId, workerId: worker.worker_id, ...upload });
      return {
        status: 'ok',
        path: received.relativePath,
        bytes_written: received.bytes,
        checksum_verified: true,
      };
    },
    async complete({ worker, jobId }, body) {
      await jobs.complete({
        jobId,
        workerId: worker.worker_id,
        qualities: body.qualities.map((q) => ({
          name: q.name,
          width: q.width,
          height: q.height,
          bitrateKbps: q.bitrate,
        })),
        duration: body.duration,
      });
      return { status: 'ok', message: 'Job completed successfully' };
    },
    async fail({ worker, jobId }, body) {
      const r = await jobs.fail({
        jobId,
        workerId: worker.worker_id,
        error: body.error_message,
        retry: body.retry,
      });
      return { status: 'ok', will_retry: r.willRetry, attempt_number: r.attemptNumber };
    },
    async release({ worker, jobId }) {
      await jobs.assertLease({ jobId, workerId: worker.worker_id });
      await jobs.release({ jobId, workerId: worker.worker_id });
      return { status: 'ok', message: 'Job released' };
    },
  };
}

/**
 * The transcoding job protocol over HTTP (api-worker.md §4, §5): the shared job endpoints
 * (job-kind.routes.ts) plus what only transcoding has: progress (which extends the lease) and the
 * same-host file hand-over of the local worker.
 */
export function workerJobRoutes(deps: TranscodeDeps) {
  const { jobs, uploads } = deps;
  return async (fastify: FastifyInstance) => {
    await fastify.register(jobKindRoutes(transcodeJobKind(deps)));
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

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
  };
}
