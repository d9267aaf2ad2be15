import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { SlugParam } from '../../../contracts/api/common.contract.js';
import type { OriginalDownloadService } from '../../../domain/downloads/original-download.service.js';
import { errors } from '../../schemas/common.schemas.js';
import { sendOpenFile } from '../../send-file.js';

/**
 * Original-file downloads (api-public.md §4.6). The client's concurrent slot is freed when the response
 * is over: sent in full, aborted by the client, or failed (the reference kept it after a success).
 */
export function publicDownloadRoutes(downloads: OriginalDownloadService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/api/videos/:slug/download/original',
      {
        config: { rateLimit: 'publicDownload' },
        schema: {
          tags: ['videos'],
          summary: 'Download the original upload (when downloads and originals are allowed)',
          description:
            'Checks in order: storage (503), slug (400), downloads.enabled and downloads.allow_original ' +
            '(403), concurrent downloads of this IP (429), a public video (404), its source file (404). ' +
            'Byte ranges are honoured.',
          params: SlugParam,
          response: {
            ...errors(400, 403, 404, 503),
            // Too many open downloads ({detail}) or the rate limit ({detail, error}).
            429: Type.Object({ detail: Type.String(), error: Type.Optional(Type.String()) }),
          },
        },
      },
      async (req, reply) => {
        const download = await downloads.open(req.params.slug, req.ip);
        reply.raw.once('close', download.release).once('finish', download.release);
        try {
          reply
            .header('content-disposition', download.disposition)
            .header('cache-control', 'private, max-age=3600');
          return await sendOpenFile(req, reply, download.file, download.contentType);
        } catch (err) {
          download.release();
          throw err;
        }
      },
    );
  };
}
