import type { FastifyInstance } from 'fastify';
import * as wire from '../../../contracts/api/video-export.contract.js';
import type { VideoExportService } from '../../../domain/videos/export/video-export.service.js';
import { adminRouter } from '../../schemas/route-schema.js';

/**
 * `GET /api/videos/export` (api-admin.md §5.1). A static path, which Fastify's router prefers to
 * `/api/videos/:id` whatever the order (the reference's export was shadowed and answered 422).
 * Both formats come as a download (Content-Disposition: attachment).
 */
export function adminVideoExportRoutes(exporter: VideoExportService) {
  return async (fastify: FastifyInstance) => {
    const { app, schema } = adminRouter(fastify, ['videos']);
    app.get(
      '/api/videos/export',
      {
        schema: schema({
          summary: 'Export videos as JSON or CSV (a download)',
          description: 'format=csv answers text/csv with the same fields as columns.',
          querystring: wire.VideoExportQuery,
          ok: wire.VideoExport,
        }),
      },
      async (req, reply) => {
        const { format, ...query } = req.query;
        const exported = await exporter.export(query);
        void reply.header(
          'content-disposition',
          `attachment; filename="${exporter.fileName(exported, format)}"`,
        );
        if (format === 'json') return exported;
        return reply.type('text/csv; charset=utf-8').send(exporter.toCsv(exported));
      },
    );
  };
}
