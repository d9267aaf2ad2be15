import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { SpriteService } from '../../../domain/sprites/sprite.service.js';
import { IdParam, JobIdParam, StatusMessage } from '../../../contracts/api/common.contract.js';
import {
  SpriteGenerateBody,
  SpriteGenerateResult,
  SpriteJobListQuery,
  SpriteJobPage,
  SpriteQueueAllQuery,
  SpriteQueueAllResult,
  SpriteQueueStatus,
  VideoSprites,
} from '../../../contracts/api/job-queue.contract.js';
import { adminSchemas } from '../../schemas/route-schema.js';

/** Sprite sheet queue (api-admin.md §10). */
export function adminSpriteRoutes(sprites: SpriteService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const schema = adminSchemas(['sprites']);
    const byVideo = { params: IdParam, fails: [400, 404] };

    app.get('/api/sprites/status', { schema: schema({ ok: SpriteQueueStatus }) }, () => sprites.status());
    app.post(
      '/api/videos/:id/sprites/generate',
      // The body is optional: no body (or {}) means normal priority.
      { schema: schema({ ...byVideo, body: SpriteGenerateBody, ok: SpriteGenerateResult }) },
      (req) => sprites.generate(req.params.id, req.body?.priority ?? 'normal'),
    );
    app.post(
      '/api/sprites/queue-all',
      { schema: schema({ querystring: SpriteQueueAllQuery, ok: SpriteQueueAllResult, fails: [400] }) },
      (req) => sprites.queueAll(req.query.priority ?? 'low'),
    );
    app.get(
      '/api/sprites/jobs',
      { schema: schema({ querystring: SpriteJobListQuery, ok: SpriteJobPage, fails: [400] }) },
      (req) => sprites.listJobs(req.query),
    );
    app.get('/api/videos/:id/sprites', { schema: schema({ ...byVideo, ok: VideoSprites }) }, (req) =>
      sprites.videoSprites(req.params.id),
    );
    app.delete(
      '/api/sprites/jobs/:job_id',
      { schema: schema({ params: JobIdParam, ok: StatusMessage, fails: [400, 404] }) },
      (req) => sprites.cancel(req.params.job_id),
    );
  };
}
