import type { FastifyInstance } from 'fastify';
import * as wire from '../../../contracts/api/viewer-config.contract.js';
import { watermarkTooLarge } from '../../../domain/viewer-config/watermark-file.js';
import type { WatermarkService } from '../../../domain/viewer-config/watermark.service.js';
import { ADMIN_SECURITY, errors } from '../../schemas/common.schemas.js';
import { receiveFileUpload } from './file-upload.js';
import { adminRouter } from '../../schemas/route-schema.js';
import { sendOpenFile } from '../../send-file.js';

/** The player watermark's image (api-admin.md §13); its other fields are ordinary settings. */
export function adminWatermarkRoutes(
  watermark: WatermarkService,
  options: { readonly maxThumbnailSize: number },
) {
  return async (fastify: FastifyInstance) => {
    const { app, schema } = adminRouter(fastify, ['settings']);

    app.get(
      '/api/settings/watermark',
      {
        schema: schema({
          summary: 'Watermark settings and whether its image exists',
          ok: wire.WatermarkSettings,
        }),
      },
      () => watermark.adminView(),
    );

    app.get(
      '/api/settings/watermark/image',
      {
        schema: {
          tags: ['settings'],
          security: ADMIN_SECURITY,
          summary: 'The configured watermark image (MIME type by extension)',
          response: errors(401, 403, 404),
        },
      },
      async (req, reply) => {
        const { file, contentType } = await watermark.adminImage();
        reply.header('cache-control', 'private, no-cache');
        return sendOpenFile(req, reply, file, contentType);
      },
    );

    app.post(
      '/api/settings/watermark/upload',
      {
        config: { rateLimit: 'adminUpload' },
        schema: schema({
          summary: 'Upload the watermark image (multipart: file; .png .jpg .jpeg .webp .svg .gif)',
          description:
            'Written to the configured watermark.image path, else watermark{ext} at the storage root; ' +
            'watermark.image and watermark.enabled are left for the caller to set.',
          consumes: ['multipart/form-data'],
          ok: wire.WatermarkUploadResult,
          fails: [400, 413],
        }),
      },
      (req) => {
        const limits = { maxBytes: options.maxThumbnailSize, tooLarge: watermarkTooLarge };
        return receiveFileUpload(req, limits, (file) => watermark.upload(file));
      },
    );

    app.delete(
      '/api/settings/watermark',
      {
        schema: schema({
          summary: 'Delete the configured watermark image (the settings stay)',
          ok: wire.WatermarkDeleteResult,
          fails: [404],
        }),
      },
      () => watermark.remove(),
    );
  };
}
