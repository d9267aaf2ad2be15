import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound, unavailable } from '../../domain/shared/errors.js';
import { openWithoutSymlinks, safePathParts } from '../../storage/safe-open.js';
import { sendOpenFile } from '../send-file.js';

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

/** "By extension" for the files mediaHeadersFor leaves untyped (thumbnails, frames, sprites). */
const TYPES_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  json: 'application/json',
  mp4: 'video/mp4',
  txt: 'text/plain; charset=utf-8',
};

function contentTypeOf(filePath: string, type: string | null): string {
  const ext = filePath.slice(filePath.lastIndexOf('.') + 1).toLowerCase();
  return type ?? TYPES_BY_EXTENSION[ext] ?? 'application/octet-stream';
}

/** Never says whether the file exists: a refused and a missing file look the same. */
const NOT_FOUND = 'Not Found';
const STORAGE_DOWN = 'Video storage temporarily unavailable. Please try again later.';

export interface MediaFileOptions {
  /** Whether files of this slug may be served; absent: all (the admin app, behind its auth guard). */
  isServed?: (slug: string) => Promise<boolean>;
  /**
   * `private` on the admin app: its answers depend on credentials, so a shared cache must not keep them
   * for others; the public app keeps `public` (segments cacheable by CDNs).
   */
  cacheScope: 'public' | 'private';
}

/**
 * Serves transcoded output under /videos/{slug}/… (api-public.md §5) with Range, HEAD, ETag and 304.
 * Refused: dotfiles, `..` and other unsafe components, anything not a regular file, and a symlink at
 * any depth below the videos dir (file or directory); on the public app, every file of a video that
 * `isServed` does not allow. All of these are the same 404.
 */
export function mediaFileRoutes(videosDir: string, options: MediaFileOptions) {
  async function serve(req: FastifyRequest<{ Params: { '*': string } }>, reply: FastifyReply) {
    const parts = safePathParts(req.params['*']);
    const [slug] = parts ?? [];
    if (!parts || parts.length < 2 || slug === undefined) throw notFound(NOT_FOUND);
    if (options.isServed && !(await options.isServed(slug))) throw notFound(NOT_FOUND);
    const file = await openWithoutSymlinks(videosDir, parts).catch((err: unknown) => {
      req.log.error({ err }, 'video storage read failed');
      throw unavailable(STORAGE_DOWN);
    });
    if (!file) throw notFound(NOT_FOUND);
    const filePath = `/${parts.join('/')}`;
    const { type, cache } = mediaHeadersFor(filePath);
    if (cache) reply.header('Cache-Control', options.cacheScope === 'private' ? toPrivate(cache) : cache);
    reply.header('Access-Control-Allow-Origin', '*');
    reply.header('Access-Control-Expose-Headers', 'Content-Length,Content-Range');
    return sendOpenFile(req, reply, file, contentTypeOf(filePath, type));
  }

  return async (app: FastifyInstance) => {
    app.get('/videos/*', { schema: { hide: true } }, serve);
  };
}

const toPrivate = (cache: string) => cache.replace(/^public\b/, 'private');
