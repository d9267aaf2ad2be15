import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const IMMUTABLE = 'public, max-age=31536000';

/** Content type and caching per file kind (api-public.md §5). */
export function mediaHeadersFor(filePath: string): { type: string | null; cache: string | null } {
  if (filePath.endsWith('.ts')) return { type: 'video/mp2t', cache: IMMUTABLE };
  if (filePath.endsWith('.m4s')) return { type: 'video/iso.segment', cache: IMMUTABLE };
  if (filePath.endsWith('init.mp4')) return { type: 'video/mp4', cache: IMMUTABLE };
  if (filePath.endsWith('.m3u8')) return { type: 'application/vnd.apple.mpegurl', cache: 'no-cache' };
  if (filePath.endsWith('.mpd')) return { type: 'application/dash+xml', cache: 'no-cache' };
  if (filePath.endsWith('thumbnail.jpg') || filePath.includes('/frames/')) {
    return { type: null, cache: 'public, max-age=60, must-revalidate' };
  }
  if (filePath.endsWith('.vtt')) return { type: 'text/vtt; charset=utf-8', cache: null };
  return { type: null, cache: null };
}

/** Serves transcoded output under /videos/ with Range support; paths outside the root are refused. */
export function mediaFileRoutes(videosDir: string) {
  return async (app: FastifyInstance) => {
    await app.register(fastifyStatic, {
      root: videosDir,
      prefix: '/videos/',
      decorateReply: false,
      dotfiles: 'deny',
      index: false,
      list: false,
      etag: true,
      lastModified: true,
      acceptRanges: true,
      cacheControl: false,
      setHeaders: (reply, filePath: string) => {
        const { type, cache } = mediaHeadersFor(filePath);
        if (type) reply.header('Content-Type', type);
        if (cache) reply.header('Cache-Control', cache);
        reply.header('Access-Control-Allow-Origin', '*');
        reply.header('Access-Control-Expose-Headers', 'Content-Length,Content-Range');
      },
    });
  };
}
