import type { FastifyInstance } from 'fastify';
import type { ReencodeService } from '../../../domain/reencode/reencode.service.js';
import { JobIdParam, StatusMessage } from '../../../contracts/api/common.contract.js';
import * as queue from '../../../contracts/api/job-queue.contract.js';
import { adminRouter } from '../../schemas/route-schema.js';

/** Re-encode queue, admin side (api-admin.md §15). Parameters are query parameters, as in the reference. */
export function adminReencodeRoutes(reencode: ReencodeService) {
  return async (fastify: FastifyInstance) => {
    const { app, schema } = adminRouter(fastify, ['reencode']);

    app.get('/api/reencode/status', { schema: schema({ ok: queue.ReencodeStatus }) }, () =>
      reencode.status(),
    );
    app.post(
      '/api/reencode/queue',
      {
        schema: schema({
          querystring: queue.ReencodeQueueQuery,
          ok: queue.ReencodeQueueResult,
        }),
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
        schema: schema({
          querystring: queue.ReencodeQueueAllQuery,
          ok: queue.ReencodeQueueAllResult,
        }),
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
        schema: schema({ querystring: queue.ReencodeJobListQuery, ok: queue.ReencodeJobPage }),
      },
      (req) => reencode.listJobs(req.query),
    );
    app.delete(
      '/api/reencode/jobs/:job_id',
      { schema: schema({ params: JobIdParam, ok: StatusMessage, fails: [404] }) },
      (req) => reencode.cancel(req.params.job_id),
    );
  };
}
