import type { FastifyInstance } from 'fastify';
import type { SpriteService } from '../../../domain/sprites/sprite.service.js';
import { JobIdParam, StatusMessage } from '../../../contracts/api/common.contract.js';
import * as queue from '../../../contracts/api/job-queue.contract.js';
import { adminRouter, byId } from '../../schemas/route-schema.js';

/** Sprite sheet queue (api-admin.md §10). */
export function adminSpriteRoutes(sprites: SpriteService) {
  return async (fastify: FastifyInstance) => {
    const { app, schema } = adminRouter(fastify, ['sprites']);

    app.get('/api/sprites/status', { schema: schema({ ok: queue.SpriteQueueStatus }) }, () =>
      sprites.status(),
    );
    app.post(
      '/api/videos/:id/sprites/generate',
      // The body is optional: no body (or {}) means normal priority.
      { schema: schema({ ...byId, body: queue.SpriteGenerateBody, ok: queue.SpriteGenerateResult }) },
      (req) => sprites.generate(req.params.id, req.body?.priority ?? 'normal'),
    );
    app.post(
      '/api/sprites/queue-all',
      {
        schema: schema({
          querystring: queue.SpriteQueueAllQuery,
          ok: queue.SpriteQueueAllResult,
        }),
      },
      (req) => sprites.queueAll(req.query.priority ?? 'low'),
    );
    app.get(
      '/api/sprites/jobs',
      { schema: schema({ querystring: queue.SpriteJobListQuery, ok: queue.SpriteJobPage }) },
      (req) => sprites.listJobs(req.query),
    );
    app.get('/api/videos/:id/sprites', { schema: schema({ ...byId, ok: queue.VideoSprites }) }, (req) =>
      sprites.videoSprites(req.params.id),
    );
    app.delete(
      '/api/sprites/jobs/:job_id',
      { schema: schema({ params: JobIdParam, ok: StatusMessage, fails: [404] }) },
      (req) => sprites.cancel(req.params.job_id),
    );
  };
}
