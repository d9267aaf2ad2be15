import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import * as wire from '../../../contracts/api/viewer-config.contract.js';
import type { SettingsService } from '../../../domain/settings/settings.service.js';
import { displayConfig, downloadsConfig } from '../../../domain/viewer-config/viewer-config.js';
import type { WatermarkService } from '../../../domain/viewer-config/watermark.service.js';
import { errors } from '../../schemas/common.schemas.js';
import { routeSchemas } from '../../schemas/route-schema.js';
import { sendOpenFile } from '../../send-file.js';

/** What the public pages read of the settings (api-public.md §4.5); DEF rate limit on each. */
export function publicViewerConfigRoutes(deps: { settings: SettingsService; watermark: WatermarkService }) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const schema = routeSchemas({ tags: ['config'] });
    app.get(
      '/api/config/watermark',
      { schema: schema({ summary: 'The player watermark, or {enabled:false}', ok: wire.WatermarkConfig }) },
      () => deps.watermark.publicConfig(),
    );
    app.get(
      '/api/config/display',
      { schema: schema({ summary: 'View counts and tagline switches', ok: wire.DisplayConfig }) },
      () => displayConfig(deps.settings),
    );
    app.get(
      '/api/config/downloads',
      { schema: schema({ summary: 'Which downloads are allowed', ok: wire.DownloadsConfig }) },
      () => downloadsConfig(deps.settings),
    );
    app.get(
      '/watermark/image',
      {
        config: { rateLimit: 'publicDefault' },
        schema: {
          tags: ['config'],
          summary: 'The watermark image (only while the watermark is enabled)',
          response: errors(404),
        },
      },
      async (req, reply) => {
        const { file, contentType } = await deps.watermark.publicImage();
        reply.header('cache-control', 'public, max-age=86400');
        return sendOpenFile(req, reply, file, contentType);
      },
    );
  };
}
