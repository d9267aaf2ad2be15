import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ReencodeService } from '../../../domain/reencode/reencode.service.js';
import { REENCODE_PRIORITIES, REENCODE_STATUSES } from '../../../domain/reencode/reencode-queue.types.js';
import { TARGET_CODECS, TARGET_FORMATS } from '../../../contracts/reencode-job.js';
import { ADMIN_SECURITY, errors, Nullable, Offset } from '../../schemas/common.schemas.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const DateTime = Nullable(Type.String({ format: 'date-time' }));
const VideoId = Type.Integer({ minimum: 1, maximum: 2147483647 });

const Target = {
  target_format: literals(TARGET_FORMATS),
  target_codec: literals(TARGET_CODECS),
};

const ReencodeJob = Type.Object({
  id: Type.Integer(),
  video_id: Nullable(Type.Integer()),
  video_title: Nullable(Type.String()),
  video_slug: Nullable(Type.String()),
  target_format: Type.String(),
  target_codec: Type.String(),
  priority: Type.String(),
  status: Type.String(),
  created_at: DateTime,
  started_at: DateTime,
  completed_at: DateTime,
  error_message: Nullable(Type.String()),
  retry_count: Type.Integer(),
});

const QueueResult = Type.Object({
  queued: Type.Array(Type.Integer()),
  skipped: Type.Array(Type.Integer()),
  errors: Type.Array(Type.Object({ video_id: Type.Integer(), error: Type.String() })),
  total_queued: Type.Integer(),
});

const Status = Type.Object({
  queue_stats: Type.Object({
    pending: Type.Integer(),
    in_progress: Type.Integer(),
    completed: Type.Integer(),
    failed: Type.Integer(),
    cancelled: Type.Integer(),
  }),
  legacy_videos_remaining: Type.Integer(),
  total_in_queue: Type.Integer(),
});

/** Re-encode queue, admin side (api-admin.md §15). Parameters are query parameters, as in the reference. */
export function adminReencodeRoutes(reencode: ReencodeService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const security = ADMIN_SECURITY;
    const tags = ['reencode'];

    app.get(
      '/api/reencode/status',
      { schema: { tags, security, response: { 200: Status, ...errors(401, 403) } } },
      () => reencode.status(),
    );
    app.post(
      '/api/reencode/queue',
      {
        schema: {
          tags,
          security,
          querystring: Type.Object({
            video_ids: Type.Array(VideoId, { minItems: 1, maxItems: 100 }),
            priority: Type.Optional(literals(REENCODE_PRIORITIES)),
            target_format: Type.Optional(Target.target_format),
            target_codec: Type.Optional(Target.target_codec),
          }),
          response: { 200: QueueResult, ...errors(400, 401, 403) },
        },
        // `?video_ids=5` arrives as a string; a repeated parameter as an array.
        preValidation: (req, _reply, done) => {
          const q = req.query as Record<string, unknown>;
          if (typeof q.video_ids === 'string') q.video_ids = [q.video_ids];
          done();
        },
      },
      (req) =>
        reencode.queue(req.query.video_ids, {
          priority: req.query.priority ?? 'normal',
          format: req.query.target_format ?? 'cmaf',
          codec: req.query.target_codec ?? 'hevc',
        }),
    );
    app.post(
      '/api/reencode/queue-all',
      {
        schema: {
          tags,
          security,
          querystring: Type.Object({
            priority: Type.Optional(literals(REENCODE_PRIORITIES)),
            ...Type.Partial(Type.Object(Target)).properties,
            batch_size: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
          }),
          response: {
            200: Type.Object({ queued_count: Type.Integer(), message: Type.String() }),
            ...errors(400, 401, 403),
          },
        },
      },
      (req) =>
        reencode.queueAll(
          {
            priority: req.query.priority ?? 'low',
            format: req.query.target_format ?? 'cmaf',
            codec: req.query.target_codec ?? 'hevc',
          },
          req.query.batch_size,
        ),
    );
    app.get(
      '/api/reencode/jobs',
      {
        schema: {
          tags,
          security,
          querystring: Type.Object({
            status: Type.Optional(literals(REENCODE_STATUSES)),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
            offset: Offset(),
          }),
          response: {
            200: Type.Object({ jobs: Type.Array(ReencodeJob), count: Type.Integer(), total: Type.Integer() }),
            ...errors(400, 401, 403),
          },
        },
      },
      (req) => reencode.listJobs(req.query),
    );
    app.delete(
      '/api/reencode/jobs/:job_id',
      {
        schema: {
          tags,
          security,
          params: Type.Object({ job_id: VideoId }),
          response: {
            200: Type.Object({ status: Type.String(), message: Type.String() }),
            ...errors(400, 401, 403, 404),
          },
        },
      },
      (req) => reencode.cancel(req.params.job_id),
    );
  };
}
