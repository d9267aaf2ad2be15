import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { badRequest } from '../../../domain/shared/errors.js';
import { thumbnailTooLarge, type ThumbnailService } from '../../../domain/videos/thumbnail.service.js';
import { ADMIN_SECURITY, errors, IdParam, Nullable, Seconds } from '../../schemas/common.schemas.js';
import { acceptFormBodies, multipartFieldsAsBody } from './form-body.js';

const ThumbnailInfo = Type.Object({
  video_id: Type.Integer(),
  thumbnail_url: Nullable(Type.String()),
  thumbnail_source: Type.String(),
  thumbnail_timestamp: Nullable(Type.Number()),
});

const ThumbnailResult = Type.Object({
  status: Type.String(),
  thumbnail_url: Nullable(Type.String()),
  thumbnail_source: Type.String(),
  thumbnail_timestamp: Nullable(Type.Number()),
});

const FramesResponse = Type.Object({
  video_id: Type.Integer(),
  frames: Type.Array(Type.Object({ index: Type.Integer(), timestamp: Type.Number(), url: Type.String() })),
});

const SelectBody = Type.Object({
  timestamp: Seconds({ description: 'Seconds into the video' }),
});

/** Multipart overhead allowed on top of the image itself in the Content-Length pre-check. */
const MULTIPART_SLACK = 64 * 1024;

/** Thumbnail picker, custom image and revert (api-admin.md §5.7). */
export function adminThumbnailRoutes(thumbnails: ThumbnailService, options: { maxThumbnailSize: number }) {
  return async (fastify: FastifyInstance) => {
    acceptFormBodies(fastify);
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const security = ADMIN_SECURITY;
    const tags = ['thumbnails'];

    app.get(
      '/api/videos/:id/thumbnail',
      {
        schema: {
          tags,
          summary: 'Current thumbnail (URL only when the video is ready and the file exists)',
          security,
          params: IdParam,
          response: { 200: ThumbnailInfo, ...errors(400, 401, 403, 404) },
        },
      },
      (req) => thumbnails.get(req.params.id),
    );

    app.post(
      '/api/videos/:id/thumbnail/frames',
      {
        schema: {
          tags,
          summary: 'Grab five candidate frames (10/25/50/75/90 %) into videos/{slug}/frames/',
          security,
          params: IdParam,
          response: { 200: FramesResponse, ...errors(400, 401, 403, 404) },
        },
      },
      (req) => thumbnails.frames(req.params.id),
    );

    app.post(
      '/api/videos/:id/thumbnail/select',
      {
        preValidation: multipartFieldsAsBody,
        schema: {
          tags,
          summary: 'Use the frame at a timestamp as the thumbnail',
          consumes: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
          security,
          params: IdParam,
          body: SelectBody,
          response: { 200: ThumbnailResult, ...errors(400, 401, 403, 404) },
        },
      },
      (req) => thumbnails.select(req.params.id, req.body.timestamp),
    );

    app.post(
      '/api/videos/:id/thumbnail/upload',
      {
        config: { rateLimit: 'adminUpload' },
        schema: {
          tags,
          summary: 'Upload a custom thumbnail (multipart: file; .jpg .jpeg .png .webp)',
          consumes: ['multipart/form-data'],
          security,
          params: IdParam,
          response: { 200: ThumbnailResult, ...errors(400, 401, 403, 404, 413) },
        },
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
        schema: {
          tags,
          summary: 'Back to the automatic thumbnail',
          security,
          params: IdParam,
          response: { 200: ThumbnailResult, ...errors(400, 401, 403, 404) },
        },
      },
      (req) => thumbnails.revert(req.params.id),
    );
  };
}
