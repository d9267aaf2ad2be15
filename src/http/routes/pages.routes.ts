import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { withHead, type PageHead } from '../pages/share-tags.js';

/** A page whose HTML is rendered per request, or that other sites may frame. */
export interface PageSpec {
  file: string;
  /** Its <title> and extra <head> tags for this request (link previews); the file is sent as is without. */
  head?: (req: FastifyRequest) => Promise<PageHead>;
  /** Other sites may frame it: CSP `frame-ancestors *` and no X-Frame-Options (security-headers.ts). */
  frameable?: boolean;
}

/** The page's HTML, or null when the site is not built. */
async function readPage(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * HTML pages and their bundled assets (built by `npm run build:web` into dist/web/<site>/).
 * `pages` maps URL patterns to HTML files in that folder (or to a PageSpec).
 */
export function pageRoutes(siteDir: string, pages: Record<string, string | PageSpec>) {
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
    for (const [url, page] of Object.entries(pages)) {
      const { file, head, frameable = false } = typeof page === 'string' ? { file: page } : page;
      app.get(url, { schema: { hide: true }, config: { frameable } }, async (req, reply) => {
        reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache');
        if (!head) return reply.sendFile(file, siteDir);
        const html = await readPage(path.join(siteDir, file));
        if (html === null) return reply.code(404).type('application/json').send({ detail: 'Not Found' });
        return reply.send(withHead(html, await head(req)));
      });
    }
  };
}
