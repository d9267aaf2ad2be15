import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { VideoService } from '../../../domain/videos/video.service.js';
import { ADMIN_SECURITY, errors, IdParam, Nullable, Offset, StatusOk } from '../../schemas/common.schemas.js';
import { TranscodingProgress, VideoDetail, VideoPage } from '../../schemas/video.schemas.js';

const ArchivedPage = Type.Object({
  videos: Type.Array(
    Type.Object({
      id: Type.Integer(),
      title: Type.String(),
      slug: Type.String(),
      deleted_at: Nullable(Type.String({ format: 'date-time' })),
      created_at: Nullable(Type.String({ format: 'date-time' })),
    }),
  ),
  total: Type.Integer(),
});

export function adminVideoRoutes(videos: VideoService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const security = ADMIN_SECURITY;
    app.get(
      '/api/videos',
      {
        schema: {
          tags: ['videos'],
          security,
          querystring: Type.Object({
            status: Type.Optional(
              Type.Union(['pending', 'processing', 'ready', 'failed'].map((s) => Type.Literal(s))),
            ),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
            offset: Offset(),
            cursor: Type.Optional(Type.String({ maxLength: 500 })),
            include_total: Type.Boolean({ default: false }),
          }),
          response: { 200: VideoPage, ...errors(400, 401, 403) },
        },
      },
      (req) =>
        videos.listAdmin({
          status: req.query.status,
          limit: req.query.limit,
          offset: req.query.offset,
          cursor: req.query.cursor,
          includeTotal: req.query.include_total,
        }),
    );
    app.get(
      '/api/videos/archived',
      {
        schema: {
          tags: ['videos'],
          security,
          querystring: Type.Object({
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
            offset: Offset(),
          }),
          response: { 200: ArchivedPage, ...errors(400, 401, 403) },
        },
      },
      async (req) => {
        const { rows, total } = await videos.listArchived(req.query);
        const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
        return {
          videos: rows.map((r) => ({ ...r, deleted_at: iso(r.deleted_at), created_at: iso(r.created_at) })),
          total,
        };
      },
    );
    app.get(
      '/api/videos/:id',
      {
        schema: {
          tags: ['videos'],
          security,
          params: IdParam,
          response: { 200: VideoDetail, ...errors(400, 401, 403, 404) },
        },
      },
      (req) => videos.getAdmin(req.params.id),
    );
    app.get(
      '/api/videos/:id/progress',
      {
        schema: {
          tags: ['videos'],
          security,
          params: IdParam,
          response: { 200: TranscodingProgress, ...errors(400, 401, 403, 404) },
        },
      },
      (req) => videos.adminProgress(req.params.id),
    );
    app.delete(
      '/api/videos/:id',
      {
        schema: {
          tags: ['videos'],
          security,
          params: IdParam,
          querystring: Type.Object({ permanent: Type.Boolean({ default: false }) }),
          response: { 200: StatusOk, ...errors(400, 401, 403, 404, 409, 503) },
        },
      },
      async (req) => {
        if (req.query.permanent) {
          await videos.deletePermanently(req.params.id);
          return { status: 'ok', message: 'Video permanently deleted' };
        }
        await videos.archive(req.params.id);
        return { status: 'ok', message: 'Video moved to archive' };
      },
    );
    app.post(
      '/api/videos/:id/restore',
      {
        schema: {
          tags: ['videos'],
          security,
          params: IdParam,
          response: { 200: StatusOk, ...errors(400, 401, 403, 404, 409, 503) },
        },
      },
      async (req) => {
        await videos.restore(req.params.id);
        return { status: 'ok', message: 'Video restored from archive' };
      },
    );
  };
}
