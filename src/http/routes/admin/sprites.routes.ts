import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { SpriteService } from '../../../domain/sprites/sprite.service.js';
import { QUEUE_PRIORITIES, SPRITE_JOB_STATUSES } from '../../../domain/sprites/sprite-queue.types.js';
import { ADMIN_SECURITY, errors, IdParam, Nullable, Offset } from '../../schemas/common.schemas.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Priority = literals(QUEUE_PRIORITIES);
const JobStatus = literals(SPRITE_JOB_STATUSES);
const DateTime = Nullable(Type.String({ format: 'date-time' }));

const QueueStatus = Type.Object({
  pending: Type.Integer(),
  processing: Type.Integer(),
  completed: Type.Integer(),
  failed: Type.Integer(),
  /** Cancelled jobs count here only. */
  total: Type.Integer(),
});

const GenerateResult = Type.Object({
  status: Type.Union([Type.Literal('queued'), Type.Literal('already_queued')]),
  message: Type.String(),
  job_id: Type.Integer(),
});

const SpriteJob = Type.Object({
  id: Type.Integer(),
  video_id: Nullable(Type.Integer()),
  video_slug: Nullable(Type.String()),
  video_title: Nullable(Type.String()),
  priority: Type.String(),
  status: Type.String(),
  created_at: DateTime,
  started_at: DateTime,
  completed_at: DateTime,
  error_message: Nullable(Type.String()),
});

const VideoSprites = Type.Object({
  video_id: Type.Integer(),
  status: Nullable(Type.String()),
  error: Nullable(Type.String()),
  count: Type.Integer(),
  interval: Nullable(Type.Integer()),
  tile_size: Nullable(Type.Integer()),
  frame_width: Nullable(Type.Integer()),
  frame_height: Nullable(Type.Integer()),
});

const JobIdParam = Type.Object({ job_id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

/** Sprite sheet queue (api-admin.md §10). */
export function adminSpriteRoutes(sprites: SpriteService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const security = ADMIN_SECURITY;
    const tags = ['sprites'];

    app.get(
      '/api/sprites/status',
      { schema: { tags, security, response: { 200: QueueStatus, ...errors(401, 403) } } },
      () => sprites.status(),
    );
    app.post(
      '/api/videos/:id/sprites/generate',
      {
        schema: {
          tags,
          security,
          params: IdParam,
          // The body is optional: no body (or {}) means normal priority.
          body: Nullable(Type.Object({ priority: Type.Optional(Priority) })),
          response: { 200: GenerateResult, ...errors(400, 401, 403, 404) },
        },
      },
      (req) => sprites.generate(req.params.id, req.body?.priority ?? 'normal'),
    );
    app.post(
      '/api/sprites/queue-all',
      {
        schema: {
          tags,
          security,
          querystring: Type.Object({ priority: Type.Optional(Priority) }),
          response: {
            200: Type.Object({ status: Type.String(), queued: Type.Integer(), message: Type.String() }),
            ...errors(400, 401, 403),
          },
        },
      },
      (req) => sprites.queueAll(req.query.priority ?? 'low'),
    );
    app.get(
      '/api/sprites/jobs',
      {
        schema: {
          tags,
          security,
          querystring: Type.Object({
            status: Type.Optional(JobStatus),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
            offset: Offset(),
          }),
          response: {
            200: Type.Object({ jobs: Type.Array(SpriteJob), count: Type.Integer(), total: Type.Integer() }),
            ...errors(400, 401, 403),
          },
        },
      },
      (req) => sprites.listJobs(req.query),
    );
    app.get(
      '/api/videos/:id/sprites',
      {
        schema: {
          tags,
          security,
          params: IdParam,
          response: { 200: VideoSprites, ...errors(400, 401, 403, 404) },
        },
      },
      (req) => sprites.videoSprites(req.params.id),
    );
    app.delete(
      '/api/sprites/jobs/:job_id',
      {
        schema: {
          tags,
          security,
          params: JobIdParam,
          response: {
            200: Type.Object({ status: Type.String(), message: Type.String() }),
            ...errors(400, 401, 403, 404),
          },
        },
      },
      (req) => sprites.cancel(req.params.job_id),
    );
  };
}
