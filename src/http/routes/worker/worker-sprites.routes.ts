import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { SpriteJobService } from '../../../domain/sprites/sprite-jobs.service.js';
import type { SpriteUploadService } from '../../../domain/sprites/sprite-upload.service.js';
import { workerPrincipal } from '../../plugins/worker-auth.js';
import { errors, StatusOk } from '../../schemas/common.schemas.js';
import { sendFile } from '../../send-file.js';
import { uploadOf } from './file-transfer.js';
import { JobIdParam } from '../../../contracts/worker-api/common.contract.js';
import {
  SpriteClaimResponse,
  SpriteCompleteBody,
  SpriteFailBody,
  SpriteFileParams,
  SpriteUploadResponse,
} from '../../../contracts/worker-api/sprite-job.contract.js';

const KEY_AUTH = 'Requires the X-Worker-API-Key header; only the worker that claimed the job may call it.';
const tags = ['sprites'];

/**
 * Sprite sheet jobs for remote workers (sprite_queue): claim, source download (Range), sheet uploads
 * verified by SHA-256 into a staging directory, an atomic publish, complete / fail / release.
 */
export function workerSpriteRoutes(deps: { spriteJobs: SpriteJobService; uploads: SpriteUploadService }) {
  const { spriteJobs, uploads } = deps;
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const owner = (req: Parameters<typeof workerPrincipal>[0]) => workerPrincipal(req).id;

    app.post(
      '/api/worker/sprites/claim',
      {
        schema: {
          tags,
          description: 'Claims the next sprite sheet job (priority, then age).',
          response: { 200: SpriteClaimResponse, ...errors(401, 403) },
        },
      },
      async (req) => {
        const job = await spriteJobs.claim(owner(req));
        if (!job) return { job: null, message: 'No sprite jobs available' };
        return {
          job: { job_id: job.jobId, video_id: job.videoId, slug: job.slug, duration: job.duration },
        };
      },
    );

    app.get(
      '/api/worker/sprites/:job_id/source',
      {
        schema: {
          tags,
          description: `The source of the job's video (the upload, or its best rendition as one file); supports Range. ${KEY_AUTH}`,
          params: JobIdParam,
          response: { ...errors(401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        const file = await uploads.source({ jobId: req.params.job_id, workerPk: owner(req) });
        return sendFile(req, reply, file);
      },
    );

    app.put(
      '/api/worker/sprites/:job_id/files/:name',
      {
        schema: {
          tags,
          description: `One sheet (sprite_NN.jpg) or sprites.vtt; raw body with X-Content-SHA256. ${KEY_AUTH}`,
          params: SpriteFileParams,
          response: {
            200: SpriteUploadResponse,
            ...errors(400, 401, 403, 404, 409, 413),
          },
        },
      },
      async (req) => {
        const { bytes } = await uploads.receive({
          jobId: req.params.job_id,
          workerPk: owner(req),
          name: req.params.name,
          ...uploadOf(req),
        });
        return { status: 'ok', bytes_written: bytes };
      },
    );

    app.post(
      '/api/worker/sprites/:job_id/publish',
      {
        schema: {
          tags,
          description: `Swaps the uploaded sheets and track in at once. ${KEY_AUTH}`,
          params: JobIdParam,
          response: { 200: StatusOk, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        await uploads.publish({ jobId: req.params.job_id, workerPk: owner(req) });
        return { status: 'ok' };
      },
    );

    app.post(
      '/api/worker/sprites/:job_id/complete',
      {
        schema: {
          tags,
          description: `Records the sheet grid on the video; the job is done. ${KEY_AUTH}`,
          params: JobIdParam,
          body: SpriteCompleteBody,
          response: { 200: StatusOk, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        const job = await spriteJobs.ownedBy(req.params.job_id, owner(req));
        const b = req.body;
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
    );

    app.post(
      '/api/worker/sprites/:job_id/fail',
      {
        schema: {
          tags,
          params: JobIdParam,
          body: SpriteFailBody,
          response: { 200: StatusOk, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        const job = await spriteJobs.ownedBy(req.params.job_id, owner(req));
        await spriteJobs.fail(job, req.body.error_message);
        await uploads.discard(job.jobId);
        return { status: 'ok' };
      },
    );

    app.post(
      '/api/worker/sprites/:job_id/release',
      {
        schema: { tags, params: JobIdParam, response: { 200: StatusOk, ...errors(401, 403, 404, 409) } },
      },
      async (req) => {
        const job = await spriteJobs.ownedBy(req.params.job_id, owner(req));
        await spriteJobs.release(job);
        await uploads.discard(job.jobId);
        return { status: 'ok' };
      },
    );
  };
}
