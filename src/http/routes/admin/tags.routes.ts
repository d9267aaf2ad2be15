import type { FastifyInstance } from 'fastify';
import { IdParam, StatusOk } from '../../../contracts/api/common.contract.js';
import * as wire from '../../../contracts/api/tag.contract.js';
import type { TagService } from '../../../domain/tags/tag.service.js';
import { adminRouter, byId } from '../../schemas/route-schema.js';

/** Tags (api-admin.md §4) and a video's tags (§5.6). */
export function adminTagRoutes(tags: TagService) {
  return async (fastify: FastifyInstance) => {
    const { app, schema } = adminRouter(fastify, ['tags']);
    app.get('/api/tags', { schema: schema({ ok: wire.TagList }) }, () => tags.list('all'));
    app.post('/api/tags', { schema: schema({ body: wire.TagName, ok: wire.Tag }) }, (req) =>
      tags.create(req.body.name),
    );
    app.put('/api/tags/:id', { schema: schema({ ...byId, body: wire.TagName, ok: wire.Tag }) }, (req) =>
      tags.rename(req.params.id, req.body.name),
    );
    app.delete('/api/tags/:id', { schema: schema({ ...byId, ok: StatusOk }) }, async (req) => {
      await tags.delete(req.params.id);
      return { status: 'ok' };
    });

    app.get('/api/videos/:id/tags', { schema: schema({ ...byId, ok: wire.TagRefList }) }, (req) =>
      tags.videoTags(req.params.id),
    );
    app.put(
      '/api/videos/:id/tags',
      { schema: schema({ params: IdParam, body: wire.VideoTagsBody, ok: wire.TagRefList, fails: [404] }) },
      (req) => tags.setVideoTags(req.params.id, req.body.tag_ids),
    );
    app.delete(
      '/api/videos/:id/tags/:tag_id',
      { schema: schema({ params: wire.VideoTagParams, ok: StatusOk, fails: [404] }) },
      async (req) => {
        await tags.removeVideoTag(req.params.id, req.params.tag_id);
        return { status: 'ok' };
      },
    );
  };
}
