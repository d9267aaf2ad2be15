import type { FastifyInstance } from 'fastify';
import * as wire from '../../../contracts/api/video-bulk.contract.js';
import type { VideoBulkService } from '../../../domain/videos/bulk/video-bulk.service.js';
import { adminRouter } from '../../schemas/route-schema.js';

/** Bulk operations on videos (api-admin.md §5.9); static paths, so `/api/videos/:id` never shadows them. */
export function adminVideoBulkRoutes(bulk: VideoBulkService) {
  return async (fastify: FastifyInstance) => {
    const { app, schema } = adminRouter(fastify, ['videos']);
    app.post(
      '/api/videos/bulk/delete',
      {
        schema: schema({
          summary: 'Archive (or permanently delete) up to 100 videos',
          body: wire.BulkDeleteBody,
          ok: wire.BulkResponse('deleted'),
        }),
      },
      (req) => bulk.delete(req.body),
    );
    app.post(
      '/api/videos/bulk/update',
      {
        schema: schema({
          summary: 'Set the category and/or publication date of up to 100 videos',
          body: wire.BulkUpdateBody,
          ok: wire.BulkResponse('updated'),
        }),
      },
      // category_id and published_at are type lists (the contract), which the type provider reads as unknown.
      (req) => bulk.update(req.body as wire.BulkUpdateBody),
    );
    app.post(
      '/api/videos/bulk/retranscode',
      {
        schema: schema({
          summary: 'Queue a retranscode of up to 100 videos',
          body: wire.BulkRetranscodeBody,
          ok: wire.BulkResponse('queued'),
        }),
      },
      (req) => bulk.retranscode(req.body),
    );
    app.post(
      '/api/videos/bulk/restore',
      {
        schema: schema({
          summary: 'Restore up to 100 archived videos',
          body: wire.BulkRestoreBody,
          ok: wire.BulkResponse('restored'),
        }),
      },
      (req) => bulk.restore(req.body),
    );
  };
}
