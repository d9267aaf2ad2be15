import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { MultipartFile } from '@fastify/multipart';
import { badRequest } from '../../../domain/shared/errors.js';
import { tooLarge, type StagedUpload, type UploadService } from '../../../domain/videos/upload.service.js';
import {
  RETRANSCODE_NAMES,
  type RetranscodeName,
  type VideoLifecycleService,
} from '../../../domain/videos/video-lifecycle.service.js';
import { ADMIN_SECURITY, errors, IdParam, Int4, StatusOk } from '../../schemas/common.schemas.js';
import { acceptFormBodies, multipartFieldsAsBody } from './form-body.js';

const ReuploadResponse = Type.Object({
  status: Type.String(),
  video_id: Type.Integer(),
  slug: Type.String(),
  message: Type.String(),
});

const QualitiesResponse = Type.Object({
  video_id: Type.Integer(),
  source_width: Type.Integer(),
  source_height: Type.Integer(),
  available_qualities: Type.Array(Type.String()),
  existing_qualities: Type.Array(
    Type.Object({
      name: Type.String(),
      width: Type.Integer(),
      height: Type.Integer(),
      bitrate: Type.Integer(),
      status: Type.String(),
    }),
  ),
});

const RetranscodeBody = Type.Object({
  qualities: Type.Array(Type.Union(RETRANSCODE_NAMES.map((n) => Type.Literal(n))), {
    minItems: 1,
    maxItems: RETRANSCODE_NAMES.length,
    description: '"all", or quality names to rebuild',
  }),
  priority: Type.Optional(
    Type.Union(
      ['high', 'normal', 'low'].map((p) => Type.Literal(p)),
      {
        default: 'normal',
        description: 'Accepted for compatibility; the database queue is FIFO',
      },
    ),
  ),
});

const RetranscodeResponse = Type.Object({
  status: Type.String(),
  video_id: Type.Integer(),
  message: Type.String(),
  qualities_queued: Type.Array(Type.String()),
});

const PublishResponse = Type.Object({ status: Type.String(), published: Type.Boolean() });

const VideoEditBody = Type.Object({
  title: Type.Optional(Type.String({ maxLength: 1000, description: 'Non-blank, at most 255 characters' })),
  description: Type.Optional(Type.String({ maxLength: 10_000, description: 'At most 5000 characters' })),
  category_id: Type.Optional(Int4({ description: '0 or less removes the category' })),
  published_at: Type.Optional(
    Type.String({
      maxLength: 64,
      description: 'ISO date-time (YYYY-MM-DDTHH:MM, Z allowed); "" unpublishes',
    }),
  ),
  is_featured: Type.Optional(Type.Boolean()),
});

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
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const security = ADMIN_SECURITY;
    const tags = ['videos'];

    app.post(
      '/api/videos/:id/retry',
      {
        schema: {
          tags,
          summary: 'Queue a failed video again (resets its transcoding job)',
          security,
          params: IdParam,
          response: { 200: StatusOk, ...errors(400, 401, 403, 404) },
        },
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
        schema: {
          tags,
          summary: 'Replace the source file (multipart: file) and transcode again',
          consumes: ['multipart/form-data'],
          security,
          params: IdParam,
          response: { 200: ReuploadResponse, ...errors(400, 401, 403, 404, 413, 503) },
        },
      },
      async (req) => {
        const declared = Number(req.headers['content-length'] ?? 0);
        if (declared > options.maxUploadSize + 1024 * 1024) throw tooLarge(options.maxUploadSize);
        if (!req.isMultipart()) throw badRequest('Expected multipart/form-data with a file field');
        await lifecycle.assertCanReupload(req.params.id);
        let staged: StagedUpload | null = null;
        try {
          for await (const part of req.parts()) {
            if (part.type !== 'file') continue;
            const file = part as MultipartFile;
            if (file.fieldname !== 'file' || staged) {
              file.file.resume();
              continue;
            }
            staged = await uploads.stageFile(file.file, file.filename || 'upload.mp4');
          }
          if (!staged) throw badRequest('A video file is required (multipart field "file")');
          const done = await lifecycle.reupload(req.params.id, staged);
          staged = null;
          return { status: 'ok', ...done, message: 'Video queued for reprocessing' };
        } finally {
          await uploads.discard(staged);
        }
      },
    );

    app.get(
      '/api/videos/:id/qualities',
      {
        schema: {
          tags,
          summary: 'Qualities a retranscode can target, and the ones that exist',
          security,
          params: IdParam,
          response: { 200: QualitiesResponse, ...errors(400, 401, 403, 404) },
        },
      },
      (req) => lifecycle.qualities(req.params.id),
    );

    app.post(
      '/api/videos/:id/retranscode',
      {
        schema: {
          tags,
          summary: 'Queue a retranscode; the listed qualities are deleted when a worker claims it',
          security,
          params: IdParam,
          body: RetranscodeBody,
          response: { 200: RetranscodeResponse, ...errors(400, 401, 403, 404) },
        },
      },
      (req) => lifecycle.retranscode(req.params.id, req.body.qualities as RetranscodeName[]),
    );

    for (const published of [true, false]) {
      app.post(
        `/api/videos/:id/${published ? 'publish' : 'unpublish'}`,
        {
          schema: {
            tags,
            summary: published ? 'Publish now (keeps an earlier date)' : 'Unpublish',
            security,
            params: IdParam,
            response: { 200: PublishResponse, ...errors(400, 401, 403, 404) },
          },
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
        schema: {
          tags,
          summary: 'Edit title, description, category, publication date, featured flag',
          consumes: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
          security,
          params: IdParam,
          body: VideoEditBody,
          response: { 200: StatusOk, ...errors(400, 401, 403, 404) },
        },
      },
      async (req) => {
        await lifecycle.update(req.params.id, req.body);
        return { status: 'ok', message: 'Video updated' };
      },
    );
  };
}
