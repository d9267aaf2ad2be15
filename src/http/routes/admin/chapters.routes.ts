import type { FastifyInstance } from 'fastify';
import { IdParam, StatusOk } from '../../../contracts/api/common.contract.js';
import * as wire from '../../../contracts/api/chapter.contract.js';
import type { ChapterService } from '../../../domain/chapters/chapter.service.js';
import { adminRouter, byId } from '../../schemas/route-schema.js';

/** Chapters of a video (api-admin.md §9), with auto-detection (pipeline.md §15). */
export function adminChapterRoutes(chapters: ChapterService) {
  return async (fastify: FastifyInstance) => {
    const { app, schema } = adminRouter(fastify, ['chapters']);
    const byChapter = { params: wire.ChapterParams, fails: [404] };

    app.get('/api/videos/:id/chapters', { schema: schema({ ...byId, ok: wire.ChapterList }) }, (req) =>
      chapters.list(req.params.id),
    );
    app.post(
      '/api/videos/:id/chapters',
      { schema: schema({ ...byId, body: wire.ChapterCreate, ok: wire.Chapter }) },
      (req) => chapters.create(req.params.id, req.body),
    );
    app.post(
      '/api/videos/:id/chapters/reorder',
      { schema: schema({ ...byId, body: wire.ChapterReorder, ok: wire.ChapterList }) },
      (req) => chapters.reorder(req.params.id, req.body.chapter_ids),
    );
    app.post(
      '/api/videos/:id/chapters/auto-detect',
      {
        schema: schema({
          params: IdParam,
          body: wire.AutoDetectRequest,
          ok: wire.AutoDetectResponse,
          fails: [404, 409, 504],
        }),
      },
      (req) => chapters.autoDetect(req.params.id, req.body),
    );
    app.get(
      '/api/videos/:id/chapters/:chapter_id',
      { schema: schema({ ...byChapter, ok: wire.Chapter }) },
      (req) => chapters.get(req.params.id, req.params.chapter_id),
    );
    app.put(
      '/api/videos/:id/chapters/:chapter_id',
      { schema: schema({ ...byChapter, body: wire.ChapterUpdate, ok: wire.Chapter }) },
      (req) => chapters.update(req.params.id, req.params.chapter_id, req.body),
    );
    app.delete(
      '/api/videos/:id/chapters/:chapter_id',
      { schema: schema({ ...byChapter, ok: StatusOk }) },
      (req) => chapters.delete(req.params.id, req.params.chapter_id),
    );
  };
}
