import type { FastifyInstance } from 'fastify';
import { IdParam, StatusOk } from '../../../contracts/api/common.contract.js';
import { UploadResponse } from '../../../contracts/api/upload.contract.js';
import * as wire from '../../../contracts/api/video-lifecycle.contract.js';
import type { UploadService } from '../../../domain/videos/upload.service.js';
import type {
  RetranscodeName,
  VideoLifecycleService,
} from '../../../domain/videos/video-lifecycle.service.js';
import { adminRouter, byId } from '../../schemas/route-schema.js';
import { acceptFormBodies, multipartFieldsAsBody } from './form-body.js';
import { withStagedUpload } from './staged-upload.js';

/**
 * The video lifecycle after upload (api-admin.md §5.1, §5.4, §5.5): retry, re-upload, qualities,
 * retranscode, publish/unpublish and edit.
 */
export function adminVideoLifecycleRoutes(
  lifecycle: VideoLifecycleService,
  uploads: UploadService,
  options: { maxUploadSize: number },
) {
  return async (fastify: FastifyInstance) => {
    acceptFormBodies(fastify);
    const { app, schema } = adminRouter(fastify, ['videos']);

    app.post(
      '/api/videos/:id/retry',
      {
        schema: schema({
          summary: 'Queue a failed video again (resets its transcoding job)',
          ...byId,
          ok: StatusOk,
        }),
      },
      async (req) => {
        await lifecycle.retry(req.params.id);
        return { status: 'ok', message: 'Video queued for retry' };
      },
    );

    app.post(
      '/api/videos/:id/re-upload',
      {
        // Retrying means re-sending the whole file: a longer pause (security-reliability.md §B1).
        config: { rateLimit: 'adminUpload', dbRetryAfter: 5 },
        schema: schema({
          summary: 'Replace the source file (multipart: file) and transcode again',
          consumes: ['multipart/form-data'],
          params: IdParam,
          ok: UploadResponse,
          fails: [404, 413, 503],
        }),
      },
      async (req) => {
        const before = () => lifecycle.assertCanReupload(req.params.id);
        const done = await withStagedUpload(req, { ...options, uploads, before }, (staged) =>
          lifecycle.reupload(req.params.id, staged),
        );
        return { status: 'ok', ...done, message: 'Video queued for reprocessing' };
      },
    );

    app.get(
      '/api/videos/:id/qualities',
      {
        schema: schema({
          summary: 'Qualities a retranscode can target, and the ones that exist',
          ...byId,
          ok: wire.QualitiesResponse,
        }),
      },
      (req) => lifecycle.qualities(req.params.id),
    );

    app.post(
      '/api/videos/:id/retranscode',
      {
        schema: schema({
          summary: 'Queue a retranscode; the listed qualities are deleted when a worker claims it',
          ...byId,
          body: wire.RetranscodeBody,
          ok: wire.RetranscodeResponse,
        }),
      },
      (req) => lifecycle.retranscode(req.params.id, req.body.qualities as RetranscodeName[]),
    );

    for (const published of [true, false]) {
      app.post(
        `/api/videos/:id/${published ? 'publish' : 'unpublish'}`,
        {
          schema: schema({
            summary: published ? 'Publish now (keeps an earlier date)' : 'Unpublish',
            ...byId,
            ok: wire.PublishResponse,
          }),
        },
        async (req) => {
          await lifecycle.setPublished(req.params.id, published);
          return { status: 'ok', published };
        },
      );
    }

    app.put(
      '/api/videos/:id',
      {
        preValidation: multipartFieldsAsBody,
        schema: schema({
          summary: 'Edit title, description, category, publication date, featured flag',
          consumes: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
          ...byId,
          body: wire.VideoEditBody,
          ok: StatusOk,
        }),
      },
      async (req) => {
        await lifecycle.update(req.params.id, req.body);
        return { status: 'ok', message: 'Video updated' };
      },
    );
  };
}
