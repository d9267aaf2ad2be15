import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * HTML pages and their bundled assets (built by `npm run build:web` into dist/web/<site>/).
 * `pages` maps URL patterns to HTML files in that folder.
 */
export function pageRoutes(siteDir: string, pages: Record<string, string>) {
  return async (app: FastifyInstance) => {
    if (!existsSync(siteDir)) {
      app.log.warn({ siteDir }, 'web assets are not built; run `npm run build:web`');
    }
    await app.register(fastifyStatic, {
      root: path.join(siteDir, 'static'),
      prefix: '/static/',
      decorateReply: false,
      index: false,
      cacheControl: true,
      maxAge: '1h',
    });
    await app.register(fastifyStatic, { root: siteDir, serve: false });
    for (const [url, file] of Object.entries(pages)) {
      app.get(url, { schema: { hide: true } }, (_req, reply) =>
        reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').sendFile(file, siteDir),
      );
    }
  };
}
