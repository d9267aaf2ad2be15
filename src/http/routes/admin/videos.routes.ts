import type { FastifyInstance } from 'fastify';
import type { VideoService } from '../../../domain/videos/video.service.js';
import { IdParam, StatusOk } from '../../../contracts/api/common.contract.js';
import * as wire from '../../../contracts/api/video.contract.js';
import { adminRouter, byId } from '../../schemas/route-schema.js';

export function adminVideoRoutes(videos: VideoService) {
  return async (fastify: FastifyInstance) => {
    const { app, schema } = adminRouter(fastify, ['videos']);
    app.get(
      '/api/videos',
      { schema: schema({ querystring: wire.AdminVideoListQuery, ok: wire.VideoPage }) },
      (req) =>
        videos.listAdmin({
          filter: {
            status: req.query.status,
            categoryId: req.query.category_id,
            quality: req.query.quality,
            featured: req.query.featured,
            search: req.query.search,
          },
          limit: req.query.limit,
          offset: req.query.offset,
          cursor: req.query.cursor,
          includeTotal: req.query.include_total,
        }),
    );
    app.get(
      '/api/videos/archived',
      { schema: schema({ querystring: wire.ArchivedVideoQuery, ok: wire.ArchivedPage }) },
      async (req) => {
        const { rows, total } = await videos.listArchived(req.query);
        const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
        return {
          videos: rows.map((r) => ({ ...r, deleted_at: iso(r.deleted_at), created_at: iso(r.created_at) })),
          total,
        };
      },
    );
    app.get('/api/videos/:id', { schema: schema({ ...byId, ok: wire.VideoDetail }) }, (req) =>
      videos.getAdmin(req.params.id),
    );
    app.get(
      '/api/videos/:id/progress',
      { schema: schema({ ...byId, ok: wire.TranscodingProgress }) },
      (req) => videos.adminProgress(req.params.id),
    );
    const archiving = schema({ params: IdParam, ok: StatusOk, fails: [404, 409, 503] });
    app.delete(
      '/api/videos/:id',
      { schema: { ...archiving, querystring: wire.DeleteVideoQuery } },
      async (req) => {
        if (req.query.permanent) {
          await videos.deletePermanently(req.params.id);
          return { status: 'ok', message: 'Video permanently deleted' };
        }
        await videos.archive(req.params.id);
        return { status: 'ok', message: 'Video moved to archive' };
      },
    );
    app.post('/api/videos/:id/restore', { schema: archiving }, async (req) => {
      await videos.restore(req.params.id);
      return { status: 'ok', message: 'Video restored from archive' };
    });
  };
}
