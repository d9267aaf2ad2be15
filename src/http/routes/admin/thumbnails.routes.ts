import type { FastifyInstance } from 'fastify';
import { IdParam } from '../../../contracts/api/common.contract.js';
import * as wire from '../../../contracts/api/thumbnail.contract.js';
import { badRequest } from '../../../domain/shared/errors.js';
import { thumbnailTooLarge, type ThumbnailService } from '../../../domain/videos/thumbnail.service.js';
import { adminRouter, byId } from '../../schemas/route-schema.js';
import { acceptFormBodies, multipartFieldsAsBody } from './form-body.js';

/** Multipart overhead allowed on top of the image itself in the Content-Length pre-check. */
const MULTIPART_SLACK = 64 * 1024;

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
      async (req) => {
        const declared = Number(req.headers['content-length'] ?? 0);
        if (declared > options.maxThumbnailSize + MULTIPART_SLACK)
          throw thumbnailTooLarge(options.maxThumbnailSize);
        if (!req.isMultipart()) throw badRequest('Expected multipart/form-data with a file field');
        let result: Awaited<ReturnType<ThumbnailService['upload']>> | null = null;
        for await (const part of req.parts()) {
          if (part.type !== 'file') continue;
          if (part.fieldname !== 'file' || result) {
            part.file.resume();
            continue;
          }
          try {
            result = await thumbnails.upload(req.params.id, { stream: part.file, filename: part.filename });
          } finally {
            part.file.resume();
          }
        }
        if (!result) throw badRequest('An image file is required (multipart field "file")');
        return result;
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
