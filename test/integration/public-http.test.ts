// Public app HTTP surface (api-public.md §1, §4.1, §5): health, 404 shape, /videos/* file serving and traversal, security headers, request ids, OpenAPI.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

describe.each(DRIVERS)('public app HTTP (%s)', (driver) => {
  const t = useTestApp(driver);

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.publicApp.inject({ method: 'GET', url, headers });

  describe('health and 404', () => {
    it('GET /health is healthy', async () => {
      const res = await get('/health');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'healthy',
        checks: { database: true, storage: true },
        storage: { healthy: true, error: null },
      });
    });

    it('unknown API paths give the 404 shape; the public app has no write routes', async () => {
      const res = await get('/api/nothing-here');
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ detail: 'Not Found' });
      const post = await t.publicApp.inject({ method: 'POST', url: '/api/videos', payload: {} });
      expect(post.statusCode).toBe(404);
      expect(
        (await t.publicApp.inject({ method: 'POST', url: '/api/auth/login', payload: { secret: 'x' } }))
          .statusCode,
      ).toBe(404);
    });
  });

  describe('/videos/* file serving', () => {
    const dir = () => path.join(t.config.videosDir, 'alpha-song');
    const SEGMENT = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz');

    beforeAll(async () => {
      // Files are served publicly only for a published, not deleted video (media-visibility.test.ts).
      await t.container.db
        .insertInto('videos')
        .values({ title: 'Alpha Song', slug: 'alpha-song', status: 'ready', published_at: new Date() })
        .execute();
      await mkdir(path.join(dir(), '1080p'), { recursive: true });
      await writeFile(path.join(dir(), 'master.m3u8'), '#EXTM3U\n');
      await writeFile(path.join(dir(), '1080p', 'init.mp4'), 'init');
      await writeFile(path.join(dir(), '1080p', 'seg_0000.m4s'), SEGMENT);
      await writeFile(path.join(dir(), '720p_0000.ts'), 'ts-seg');
      await writeFile(path.join(dir(), 'thumbnail.jpg'), 'jpeg');
      await writeFile(path.join(dir(), 'captions.vtt'), 'WEBVTT\n');
      await writeFile(path.join(dir(), '.hidden'), 'DOTFILE-CONTENT');
      await writeFile(path.join(t.config.uploadsDir, '1.mp4'), 'SECRET-UPLOAD');
      await writeFile(path.join(t.config.uploadsDir, 'x'), 'SECRET-UPLOAD');
      await writeFile(path.join(t.config.storageRoot, 'secret'), 'SECRET-ROOT');
    });

    it.each([
      ['master.m3u8', 'application/vnd.apple.mpegurl', 'no-cache', '#EXTM3U\n'],
      ['1080p/seg_0000.m4s', 'video/iso.segment', 'public, max-age=31536000', SEGMENT.toString()],
      ['1080p/init.mp4', 'video/mp4', 'public, max-age=31536000', 'init'],
      ['720p_0000.ts', 'video/mp2t', 'public, max-age=31536000', 'ts-seg'],
      ['thumbnail.jpg', 'image/jpeg', 'public, max-age=60, must-revalidate', 'jpeg'],
      ['captions.vtt', 'text/vtt', undefined, 'WEBVTT\n'],
    ])('%s → %s, Cache-Control %s', async (file, type, cache, body) => {
      const res = await get(`/videos/alpha-song/${file}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(new RegExp(`^${type.replace(/[.+]/g, '\\$&')}`));
      expect(res.headers['cache-control']).toBe(cache);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-expose-headers']).toBe('Content-Length,Content-Range');
      expect(res.body).toBe(body);
    });

    it('serves byte ranges (206) and HEAD', async () => {
      const res = await get('/videos/alpha-song/1080p/seg_0000.m4s', { range: 'bytes=0-9' });
      expect(res.statusCode).toBe(206);
      expect(res.headers['content-range']).toBe(`bytes 0-9/${SEGMENT.length}`);
      expect(res.headers['content-length']).toBe('10');
      expect(res.body).toBe('0123456789');
      expect(res.headers['accept-ranges']).toBe('bytes');
      const head = await t.publicApp.inject({ method: 'HEAD', url: '/videos/alpha-song/master.m3u8' });
      expect(head.statusCode).toBe(200);
      expect(head.headers['content-length']).toBe('8');
      expect(head.headers['content-type']).toMatch(/^application\/vnd\.apple\.mpegurl/);
      expect(head.body).toBe('');
    });

    it('404 for a missing file', async () => {
      for (const url of ['/videos/alpha-song/missing.m3u8', '/videos/no-such-video/master.m3u8']) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(404);
        expect(res.json()).toEqual({ detail: 'Not Found' });
      }
    });

    it.each([
      ['/videos/../uploads/1.mp4'],
      ['/videos/%2e%2e/uploads/x'],
      ['/videos/%2e%2e/uploads/1.mp4'],
      ['/videos/..%2fuploads%2f1.mp4'],
      ['/videos/a/..%2f..%2fsecret'],
      ['/videos/alpha-song/..%2f..%2f..%2fstorage%2fsecret'],
      ['/videos/%2e%2e%2f%2e%2e%2fsecret'],
    ])('refuses path traversal %s', async (url) => {
      const res = await get(url);
      expect([403, 404]).toContain(res.statusCode);
      expect(res.json()).toEqual({ detail: expect.any(String) });
      expect(res.body).not.toContain('SECRET');
    });

    it('refuses dotfiles', async () => {
      const res = await get('/videos/alpha-song/.hidden');
      expect([403, 404]).toContain(res.statusCode);
      expect(res.body).not.toContain('DOTFILE-CONTENT');
    });
  });

  describe('security headers, request ids, OpenAPI', () => {
    it('sets security headers and a generated request id on every response', async () => {
      for (const url of ['/api/videos', '/api/videos/no-such-video', '/health']) {
        const res = await get(url);
        expect(res.headers['x-content-type-options'], url).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
        expect(res.headers['permissions-policy']).toBe('geolocation=(), microphone=(), camera=()');
        expect(res.headers['content-security-policy']).toBe("default-src 'self'; frame-ancestors 'none'");
        expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      }
    });

    it('echoes a valid X-Request-ID and replaces an invalid one', async () => {
      expect((await get('/api/videos', { 'x-request-id': 'trace-42.abc_DEF' })).headers['x-request-id']).toBe(
        'trace-42.abc_DEF',
      );
      for (const bad of ['bad id\n', 'bad id', '<script>', '']) {
        const res = await get('/api/videos', { 'x-request-id': bad });
        expect(res.statusCode).toBe(200);
        expect(res.headers['x-request-id'], JSON.stringify(bad)).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
        );
      }
      const long = 'a'.repeat(200);
      expect((await get('/health', { 'x-request-id': long })).headers['x-request-id']).toBe('a'.repeat(128));
    });

    it('publishes an OpenAPI 3 document on the public and the admin app', async () => {
      const pub = await get('/docs/json');
      expect(pub.statusCode).toBe(200);
      const pubDoc = pub.json<{ openapi: string; paths: Record<string, unknown> }>();
      expect(pubDoc.openapi).toMatch(/^3\./);
      expect(Object.keys(pubDoc.paths)).toEqual(
        expect.arrayContaining(['/api/videos', '/api/videos/{slug}', '/api/categories', '/health']),
      );
      expect(pubDoc.paths).not.toHaveProperty(['/api/auth/login']);

      const adm = await t.adminApp.inject({ method: 'GET', url: '/docs/json' });
      expect(adm.statusCode).toBe(200);
      const admDoc = adm.json<{
        openapi: string;
        paths: Record<string, unknown>;
        components: { securitySchemes: Record<string, unknown> };
      }>();
      expect(admDoc.openapi).toMatch(/^3\./);
      expect(Object.keys(admDoc.paths)).toEqual(
        expect.arrayContaining(['/api/videos', '/api/videos/{id}', '/api/auth/login', '/api/categories']),
      );
      expect(Object.keys(admDoc.components.securitySchemes)).toEqual(
        expect.arrayContaining(['adminSecret', 'adminSession']),
      );
    });
  });
});
