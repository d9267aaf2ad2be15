import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { JobIdParam } from '../../../contracts/worker-api/common.contract.js';
import type { SpriteJobService } from '../../../domain/sprites/sprite-jobs.service.js';
import type { SpriteUploadService } from '../../../domain/sprites/sprite-upload.service.js';
import { workerPrincipal } from '../../plugins/worker-auth.js';
import { errors, StatusOk } from '../../schemas/common.schemas.js';
import { jobKindRoutes, type JobKindAdapter } from './job-kind.routes.js';

const KEY_AUTH = 'Requires the X-Worker-API-Key header; only the worker that claimed the job may call it.';

interface SpriteDeps {
  spriteJobs: SpriteJobService;
  uploads: SpriteUploadService;
}

/** Sprite sheet jobs (sprite_queue) behind the shared job endpoints; workers are named by their row id. */
function spriteJobKind({ spriteJobs, uploads }: SpriteDeps): JobKindAdapter<'sprite'> {
  /** The job, if the caller holds it; the staged sheets go with it once it ends. */
  const owned = (c: { worker: { id: number }; jobId: number }) => spriteJobs.ownedBy(c.jobId, c.worker.id);
  return {
    kind: 'sprite',
    tags: ['sprites'],
    docs: {
      claim: 'Claims the next sprite sheet job (priority, then age).',
      source: `The source of the job's video (the upload, or its best rendition as one file); supports Range. ${KEY_AUTH}`,
      files: `One sheet (sprite_NN.jpg) or sprites.vtt; raw body with X-Content-SHA256. ${KEY_AUTH}`,
      complete: `Records the sheet grid on the video; the job is done. ${KEY_AUTH}`,
    },
    async claim(worker) {
      const job = await spriteJobs.claim(worker.id);
      if (!job) return { job: null, message: 'No sprite jobs available' };
      return { job: { job_id: job.jobId, video_id: job.videoId, slug: job.slug, duration: job.duration } };
    },
    source: (worker, jobId) => uploads.source({ jobId, workerPk: worker.id }),
    async receive({ worker, jobId }, upload) {
      const { relativePath: name, ...file } = upload;
      const { bytes } = await uploads.receive({ jobId, workerPk: worker.id, name, ...file });
      return { status: 'ok', bytes_written: bytes };
    },
    async complete(caller, b) {
      const job = await owned(caller);
      await spriteJobs.complete(job, {
        count: b.count,
        interval: b.interval,
        tileSize: b.tile_size,
        frameWidth: b.frame_width,
        frameHeight: b.frame_height,
      });
      await uploads.discard(job.jobId);
      return { status: 'ok' };
    },
    async fail(caller, b) {
      const job = await owned(caller);
      await spriteJobs.fail(job, b.error_message);
      await uploads.discard(job.jobId);
      return { status: 'ok' };
    },
    async release(caller) {
      const job = await owned(caller);
      await spriteJobs.release(job);
      await uploads.discard(job.jobId);
      return { status: 'ok' };
    },
  };
}

/**
 * Sprite sheet jobs for remote workers: the shared job endpoints (job-kind.routes.ts; sheets verified by
 * SHA-256 into a staging directory) plus the publish that swaps the uploaded set in at once.
 */
export function workerSpriteRoutes(deps: SpriteDeps) {
  return async (fastify: FastifyInstance) => {
    await fastify.register(jobKindRoutes(spriteJobKind(deps)));
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/api/worker/sprites/:job_id/publish',
      {
        schema: {
          tags: ['sprites'],
          description: `Swaps the uploaded sheets and track in at once. ${KEY_AUTH}`,
          params: JobIdParam,
          response: { 200: StatusOk, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        await deps.uploads.publish({ jobId: req.params.job_id, workerPk: workerPrincipal(req).id });
        return { status: 'ok' };
      },
    );
  };
}
