import type { FastifyInstance } from 'fastify';
import { IdParam } from '../../../contracts/api/common.contract.js';
import * as wire from '../../../contracts/api/custom-field.contract.js';
import type { CustomFieldService } from '../../../domain/custom-fields/custom-field.service.js';
import { adminRouter, byId } from '../../schemas/route-schema.js';

/** Custom field definitions and a video's values (api-admin.md §7), and their bulk setter (§5.9). */
export function adminCustomFieldRoutes(fields: CustomFieldService) {
  return async (fastify: FastifyInstance) => {
    const { app, schema } = adminRouter(fastify, ['custom-fields']);
    app.get(
      '/api/custom-fields',
      { schema: schema({ querystring: wire.CustomFieldQuery, ok: wire.CustomFieldList }) },
      (req) => fields.list(req.query.category_id),
    );
    app.post(
      '/api/custom-fields',
      { schema: schema({ body: wire.CustomFieldCreate, ok: wire.CustomField }) },
      (req) => fields.create(req.body),
    );
    app.get('/api/custom-fields/:id', { schema: schema({ ...byId, ok: wire.CustomField }) }, (req) =>
      fields.get(req.params.id),
    );
    app.put(
      '/api/custom-fields/:id',
      { schema: schema({ ...byId, body: wire.CustomFieldUpdate, ok: wire.CustomField }) },
      (req) => fields.update(req.params.id, req.body),
    );
    app.delete(
      '/api/custom-fields/:id',
      { schema: schema({ ...byId, ok: wire.CustomFieldDeleted }) },
      (req) => fields.delete(req.params.id),
    );

    app.get(
      '/api/videos/:id/custom-fields',
      { schema: schema({ ...byId, ok: wire.VideoCustomFields }) },
      (req) => fields.videoFields(req.params.id),
    );
    app.put(
      '/api/videos/:id/custom-fields',
      {
        schema: schema({
          params: IdParam,
          body: wire.VideoCustomFieldsBody,
          ok: wire.VideoCustomFields,
          fails: [404],
        }),
      },
      (req) => fields.setVideoFields(req.params.id, req.body.values),
    );
    // A static path: Fastify matches it before the parametric /api/videos/:id routes.
    app.post(
      '/api/videos/bulk/custom-fields',
      { schema: schema({ body: wire.BulkCustomFieldsBody, ok: wire.BulkCustomFieldsResult }) },
      (req) => fields.bulkSet(req.body),
    );
  };
}
