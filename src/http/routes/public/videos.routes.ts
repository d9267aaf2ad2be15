import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { VideoService } from '../../../domain/videos/video.service.js';
import { errors, SlugParam } from '../../schemas/common.schemas.js';
import {
  PublicListQuerystring,
  TranscodingProgress,
  VideoDetail,
  VideoPage,
} from '../../schemas/video.schemas.js';

export function publicVideoRoutes(videos: VideoService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/api/videos',
      {
        config: { rateLimit: 'publicList' },
        schema: {
          tags: ['videos'],
          summary: 'List published videos',
          querystring: PublicListQuerystring,
          response: { 200: VideoPage, ...errors(400) },
        },
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
      {
        schema: {
          tags: ['videos'],
          summary: 'A published video',
          params: SlugParam,
          response: { 200: VideoDetail, ...errors(400, 404) },
        },
      },
      (req) => videos.getPublic(req.params.slug),
    );
    app.get(
      '/api/videos/:slug/progress',
      {
        schema: {
          tags: ['videos'],
          summary: 'Transcoding progress',
          params: SlugParam,
          response: { 200: TranscodingProgress, ...errors(400, 404) },
        },
      },
      (req) => videos.publicProgress(req.params.slug),
    );
  };
}
