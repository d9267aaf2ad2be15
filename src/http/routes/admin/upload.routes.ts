import type { FastifyInstance } from 'fastify';
import type { MultipartValue } from '@fastify/multipart';
import { INT4_MAX } from '../../../contracts/api/common.contract.js';
import { UploadResponse } from '../../../contracts/api/upload.contract.js';
import { badRequest } from '../../../domain/shared/errors.js';
import type { UploadFields, UploadService } from '../../../domain/videos/upload.service.js';
import { refuseNul } from '../../plugins/refuse-nul.js';
import { adminSchemas } from '../../schemas/route-schema.js';
import { withStagedUpload } from './staged-upload.js';

function fieldValue(part: MultipartValue): string {
  return typeof part.value === 'string' ? part.value : String(part.value ?? '');
}

/** `category_id` as a form field: an integer a category id column can hold. */
function categoryIdOf(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id)) throw badRequest('category_id must be an integer');
  if (Math.abs(id) > INT4_MAX) throw badRequest(`category_id must be between -${INT4_MAX} and ${INT4_MAX}`);
  return id;
}

/**
 * POST /api/videos (api-admin.md §5.2): multipart streamed to disk part by part; the video row,
 * its job and the file appear together or not at all.
 */
export function adminUploadRoutes(uploads: UploadService, options: { maxUploadSize: number }) {
  return async (app: FastifyInstance) => {
    app.post(
      '/api/videos',
      {
        // Retrying means re-sending the whole file: a longer pause (security-reliability.md §B1).
        config: { rateLimit: 'adminUpload', dbRetryAfter: 5 },
        schema: adminSchemas(['videos'])({
          summary: 'Upload a video (multipart: file, title, description, category_id)',
          consumes: ['multipart/form-data'],
          ok: UploadResponse,
          fails: [400, 413, 503],
        }),
      },
      async (req) => {
        const fields: UploadFields = {};
        const onField = (part: MultipartValue) => {
          const value = fieldValue(part);
          // The fields are read here, not by a body schema: the NUL guard of the others is applied by hand.
          if (part.fieldname === 'title' || part.fieldname === 'description')
            refuseNul('body', { [part.fieldname]: value });
          if (part.fieldname === 'title') fields.title = value;
          else if (part.fieldname === 'description') fields.description = value;
          else if (part.fieldname === 'category_id' && value.trim() !== '')
            fields.categoryId = categoryIdOf(value);
        };
        const video = await withStagedUpload(req, { ...options, uploads, onField }, (staged) =>
          uploads.createVideo(staged, fields),
        );
        return { status: 'ok', video_id: video.id, slug: video.slug, message: 'Video queued for processing' };
      },
    );
  };
}
