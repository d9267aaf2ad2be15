import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { SlugParam } from '../../../contracts/api/common.contract.js';
import * as wire from '../../../contracts/api/video.contract.js';
import type { VideoService } from '../../../domain/videos/video.service.js';
import { routeSchemas } from '../../schemas/route-schema.js';

export function publicVideoRoutes(videos: VideoService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const schema = routeSchemas({ tags: ['videos'] });
    const bySlug = { params: SlugParam, fails: [404] };
    app.get(
      '/api/videos',
      {
        config: { rateLimit: 'publicList' },
        schema: schema({
          summary: 'List published videos',
          querystring: wire.PublicVideoListQuery,
          ok: wire.VideoPage,
        }),
      },
      (req) =>
        videos.listPublic({
          category: req.query.category,
          search: req.query.search?.trim() || undefined,
          sort: req.query.sort,
          order: req.query.order,
          limit: req.query.limit,
          offset: req.query.offset,
          cursor: req.query.cursor,
          includeTotal: req.query.include_total,
        }),
    );
    app.get(
      '/api/videos/:slug',
      { schema: schema({ summary: 'A published video', ...bySlug, ok: wire.VideoDetail }) },
      (req) => videos.getPublic(req.params.slug),
    );
    app.get(
      '/api/videos/:slug/progress',
      { schema: schema({ summary: 'Transcoding progress', ...bySlug, ok: wire.TranscodingProgress }) },
      (req) => videos.publicProgress(req.params.slug),
    );
  };
}
