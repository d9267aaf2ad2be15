import type { FastifyInstance } from 'fastify';
import { IdParam } from '../../../contracts/api/common.contract.js';
import * as wire from '../../../contracts/api/thumbnail.contract.js';
import { thumbnailTooLarge, type ThumbnailService } from '../../../domain/videos/thumbnail.service.js';
import { receiveFileUpload } from './file-upload.js';
import { adminRouter, byId } from '../../schemas/route-schema.js';
import { acceptFormBodies, multipartFieldsAsBody } from './form-body.js';

/** Thumbnail picker, custom image and revert (api-admin.md §5.7). */
export function adminThumbnailRoutes(thumbnails: ThumbnailService, options: { maxThumbnailSize: number }) {
  return async (fastify: FastifyInstance) => {
    acceptFormBodies(fastify);
    const { app, schema } = adminRouter(fastify, ['thumbnails']);

    app.get(
      '/api/videos/:id/thumbnail',
      {
        schema: schema({
          summary: 'Current thumbnail (URL only when the video is ready and the file exists)',
          ...byId,
          ok: wire.ThumbnailInfo,
        }),
      },
      (req) => thumbnails.get(req.params.id),
    );

    app.post(
      '/api/videos/:id/thumbnail/frames',
      {
        schema: schema({
          summary: 'Grab five candidate frames (10/25/50/75/90 %) into videos/{slug}/frames/',
          ...byId,
          ok: wire.ThumbnailFrames,
        }),
      },
      (req) => thumbnails.frames(req.params.id),
    );

    app.post(
      '/api/videos/:id/thumbnail/select',
      {
        preValidation: multipartFieldsAsBody,
        schema: schema({
          summary: 'Use the frame at a timestamp as the thumbnail',
          consumes: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
          ...byId,
          body: wire.ThumbnailSelectBody,
          ok: wire.ThumbnailResult,
        }),
      },
      (req) => thumbnails.select(req.params.id, req.body.timestamp),
    );

    app.post(
      '/api/videos/:id/thumbnail/upload',
      {
        config: { rateLimit: 'adminUpload' },
        schema: schema({
          summary: 'Upload a custom thumbnail (multipart: file; .jpg .jpeg .png .webp)',
          consumes: ['multipart/form-data'],
          params: IdParam,
          ok: wire.ThumbnailResult,
          fails: [404, 413],
        }),
      },
      (req) => {
        const limits = { maxBytes: options.maxThumbnailSize, tooLarge: thumbnailTooLarge };
        return receiveFileUpload(req, limits, (file) => thumbnails.upload(req.params.id, file));
      },
    );

    app.post(
      '/api/videos/:id/thumbnail/revert',
      {
        schema: schema({
          summary: 'Back to the automatic thumbnail',
          ...byId,
          ok: wire.ThumbnailResult,
        }),
      },
      (req) => thumbnails.revert(req.params.id),
    );
  };
}
