// No 500 on bad input (issue 10 point 3) and category names without ASCII letters (point 8).
// A table-driven pass over every route of the three OpenAPI documents sends NUL bytes, numbers and
// dates out of range and poisoned cursors in each path, query and body field with valid
// authentication; then each reproduction of the issue on its own; then the answers Node's HTTP server
// gives before Fastify routes anything (414, 431) on a real socket.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzz, unboundedNumbers } from '../helpers/openapi-fuzz.js';
import { createTestApp, multipart, TEST_ADMIN_SECRET, type TestApp } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';

const WORKER_SECRET = 'test-worker-admin-secret-0123456789';
const ADMIN = { 'x-admin-secret': TEST_ADMIN_SECRET };
const NO_ID = 2147483000;
const FAKE_VIDEO = Buffer.from('not a video; nothing here reads it\n'.repeat(20));
const b64 = (s: string) => Buffer.from(s).toString('base64url');

describe.each(DRIVERS)('bad input (%s)', (driver) => {
  let t: TestApp;
  let video: { video_id: number; slug: string };
  let workerKey: string;

  beforeAll(async () => {
    t = await createTestApp(driver, {
      VLOG_RATE_LIMIT_ENABLED: 'false',
      VLOG_WORKER_ADMIN_SECRET: WORKER_SECRET,
    });
    const up = await upload({ title: 'Fuzz target' });
    expect(up.statusCode, up.body).toBe(200);
    video = up.json();
    const reg = await t.workerApp.inject({
      method: 'POST',
      url: '/api/worker/register',
      headers: { 'x-admin-secret': WORKER_SECRET },
      payload: { worker_name: 'fuzz' },
    });
    expect(reg.statusCode, reg.body).toBe(200);
    workerKey = reg.json<{ api_key: string }>().api_key;
  });
  afterAll(async () => {
    await t?.close();
  });

  function upload(fields: Record<string, string>, file: Buffer | null = FAKE_VIDEO) {
    const body = multipart(fields, file ? { name: 'clip.mp4', content: file } : undefined);
    return t.adminApp.inject({
      method: 'POST',
      url: '/api/videos',
      headers: { ...body.headers, ...ADMIN },
      payload: body.payload,
    });
  }
  const admin = (opts: { method?: 'GET' | 'POST' | 'PUT'; url: string; payload?: unknown }) =>
    t.adminApp.inject({
      method: opts.method ?? 'GET',
      url: opts.url,
      headers: ADMIN,
      payload: opts.payload as object,
    });
  const expect400 = (res: { statusCode: number; json(): unknown }, detail: RegExp) => {
    expect(res.statusCode).toBe(400);
    expect((res.json() as { detail: string }).detail).toMatch(detail);
  };
  const countVideos = async () => (await t.db.db.selectFrom('videos').select('id').execute()).length;

  describe('every route of the OpenAPI documents', () => {
    /** Path values that reach the handlers: the real video, unknown jobs and workers. */
    const baseline = (op: { method: string }) => ({
      // Deleting the one video would leave later cases nothing to reach: DELETE gets an unknown id.
      id: String(op.method === 'DELETE' ? NO_ID : video.video_id),
      slug: video.slug,
      job_id: String(NO_ID),
      video_id: String(NO_ID),
      worker_id: '00000000-0000-4000-8000-000000000000',
      '*': '720p/seg_0000.m4s',
      name: 'sprite_01.jpg',
    });
    it('every numeric request field has both bounds (so "Infinity" is refused)', async () => {
      for (const app of [t.publicApp, t.adminApp, t.workerApp]) {
        await app.ready();
        expect(unboundedNumbers((app as unknown as { swagger(): unknown }).swagger())).toEqual([]);
      }
    });

    it.each(['public', 'admin', 'worker'] as const)(
      '%s API: no 5xx, every refusal is {detail}, NUL text always refused',
      async (which) => {
        const app = { public: t.publicApp, admin: t.adminApp, worker: t.workerApp }[which];
        const headers: Record<string, string> = {
          public: {},
          admin: ADMIN,
          worker: { 'x-admin-secret': WORKER_SECRET, 'x-worker-api-key': workerKey },
        }[which];
        const { failures, sent } = await fuzz(app, headers, baseline);
        expect(sent).toBeGreaterThan(100);
        expect(failures.length, `\n${failures.join('\n')}\n`).toBe(0);
      },
      180_000,
    );
  });

  describe('NUL bytes (PostgreSQL refuses them: 22021)', () => {
    it('in a category name or description: 400, nothing created', async () => {
      const categories = () => t.db.db.selectFrom('categories').select('id').execute();
      const before = await categories();
      for (const payload of [{ name: 'a\u0000b' }, { name: 'ok', description: 'x\u0000' }]) {
        const res = await admin({ method: 'POST', url: '/api/categories', payload });
        expect400(res, /NUL/);
      }
      expect(await categories()).toEqual(before);
    });

    it('in an upload title or description: 400, no row and no file left', async () => {
      const before = await countVideos();
      expect400(await upload({ title: 'a\u0000b' }), /title.*NUL/);
      expect400(await upload({ title: 'ok', description: '\u0000' }), /description.*NUL/);
      expect(await countVideos()).toBe(before);
      expect((await readdir(t.config.uploadsDir)).filter((f) => f.startsWith('.incoming-'))).toEqual([]);
    });

    it('in an edit as JSON, urlencoded or multipart form: 400, the video unchanged', async () => {
      const url = `/api/videos/${video.video_id}`;
      const headers = ADMIN;
      const row = () =>
        t.db.db
          .selectFrom('videos')
          .select(['title', 'description', 'published_at'])
          .where('id', '=', video.video_id)
          .executeTakeFirstOrThrow();
      const before = await row();
      for (const field of ['title', 'description', 'published_at']) {
        const fields = { [field]: 'a\u0000b' };
        const form = multipart(fields);
        const requests = [
          { payload: fields, headers },
          {
            payload: new URLSearchParams(fields).toString(),
            headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
          },
          { payload: form.payload, headers: { ...headers, ...form.headers } },
        ];
        for (const r of requests)
          expect400(await t.adminApp.inject({ method: 'PUT', url, ...r }), new RegExp(`${field}.*NUL`));
      }
      expect(await row()).toEqual(before);
    });

    it('in search, category and cursor, a slug or a worker id: 400', async () => {
      for (const q of ['search', 'category', 'cursor'])
        expect400(await t.publicApp.inject({ url: `/api/videos?${q}=a%00b` }), new RegExp(`${q}.*NUL`));
      expect400(await t.publicApp.inject({ url: '/api/videos/a%00b' }), /NUL/);
      expect400(await t.publicApp.inject({ url: '/api/categories/a%00b' }), /NUL/);
      expect400(await admin({ url: '/api/workers/a%00b' }), /NUL/);
      expect400(await admin({ url: '/api/admin/deployments?event_type=%00' }), /NUL/);
    });
  });

  describe('numbers and dates out of range', () => {
    it('limit=Infinity, offset=1e20 and friends: 400', async () => {
      for (const q of ['limit=Infinity', 'limit=-Infinity', 'offset=1e20', 'offset=Infinity'])
        for (const app of [t.publicApp, t.adminApp]) {
          const res = await app.inject({ url: `/api/videos?${q}`, headers: ADMIN });
          expect400(res, new RegExp(`Invalid querystring field '${q.split('=')[0]}'`));
        }
      expect400(await admin({ url: '/api/videos/Infinity' }), /Invalid params field 'id'/);
    });

    it('category_id 2147483648 or 99999999999999 in an upload or an edit: 400', async () => {
      const before = await countVideos();
      for (const id of ['2147483648', '99999999999999', '1e20', 'Infinity']) {
        expect400(await upload({ title: 'x', category_id: id }), /category_id/);
        const url = `/api/videos/${video.video_id}`;
        expect400(await admin({ method: 'PUT', url, payload: { category_id: id } }), /category_id/);
      }
      expect(await countVideos()).toBe(before);
    });

    it('cursors holding a year-275760 date or an id past int4 are ignored like any invalid cursor', async () => {
      const first = await t.publicApp.inject({ url: '/api/videos' });
      expect(first.statusCode).toBe(200);
      for (const raw of [
        '1|+275760-09-13T00:00:00.000Z|1',
        '1|2024-01-01T00:00:00.000Z|2147483648',
        '1|2024-01-01T00:00:00.000Z|99999999999999',
      ]) {
        const res = await t.publicApp.inject({ url: `/api/videos?cursor=${b64(raw)}` });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toEqual(first.json());
      }
    });
  });

  describe('malformed multipart', () => {
    const raw = (url: string, contentType: string, payload: string | Buffer) =>
      t.adminApp.inject({ method: 'POST', url, headers: { ...ADMIN, 'content-type': contentType }, payload });
    const part = (boundary: string, name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    /** The routes reading multipart parts themselves, with a file name each accepts. */
    const routes = () => [
      { url: '/api/videos', name: 'a.mp4' },
      { url: `/api/videos/${video.video_id}/re-upload`, name: 'a.mp4' },
      { url: `/api/videos/${video.video_id}/thumbnail/upload`, name: 'a.png' },
    ];

    it('no boundary, a wrong or oversized boundary, a truncated body: 400', async () => {
      const good = part('b0und', 'title', 'x');
      for (const { url, name } of routes()) {
        expect400(await raw(url, 'multipart/form-data', good), /multipart/i);
        expect400(await raw(url, 'multipart/form-data; boundary=', good), /multipart/i);
        expect400(await raw(url, `multipart/form-data; boundary=${'x'.repeat(300)}`, good), /multipart/i);
        expect400(
          await raw(url, 'multipart/form-data; boundary=other', `${good}--b0und--\r\n`),
          /multipart|file/i,
        );
        const truncated = `${part('b0und', 'title', 'x')}--b0und\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\nabc`;
        expect400(await raw(url, 'multipart/form-data; boundary=b0und', truncated), /multipart/i);
      }
      const form = `${part('b0und', 'title', 'x')}--b0und`;
      const edit = await t.adminApp.inject({
        method: 'PUT',
        url: `/api/videos/${video.video_id}`,
        headers: { ...ADMIN, 'content-type': 'multipart/form-data; boundary=b0und' },
        payload: form,
      });
      expect400(edit, /multipart/i);
    });

    it('two file parts or too many fields: a 400 that says so, not "File too large"', async () => {
      const before = await countVideos();
      const file = (field: string, name: string) =>
        `--b0und\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\n\r\n${FAKE_VIDEO.toString()}\r\n`;
      const type = 'multipart/form-data; boundary=b0und';
      const fields = (n: number) => Array.from({ length: n }, (_, i) => part('b0und', `f${i}`, 'x')).join('');
      // Not the thumbnail route: it converts its file as it arrives, before the parser reports a limit.
      for (const { url, name } of routes().filter((r) => r.name !== 'a.png')) {
        const manyFields = `${fields(11)}${file('file', name)}--b0und--\r\n`;
        expect400(await raw(url, type, manyFields), /too many form fields/i);
        for (const second of ['file', 'other']) {
          const twoFiles = `${part('b0und', 'title', 'x')}${file('file', name)}${file(second, name)}--b0und--\r\n`;
          expect400(await raw(url, type, twoFiles), /only one file/i);
        }
      }
      expect(await countVideos()).toBe(before);
      expect((await readdir(t.config.uploadsDir)).filter((f) => f.startsWith('.incoming-'))).toEqual([]);
    });
  });

  describe('category names without ASCII letters (issue 10 point 8)', () => {
    it('Arabic and CJK names get a slug; a second category of the same name is a duplicate', async () => {
      const made: Array<{ name: string; slug: string }> = [];
      for (const name of ['فيديو', '音楽', '日本語の動画', 'Ελληνικά']) {
        const res = await admin({ method: 'POST', url: '/api/categories', payload: { name } });
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json<{ name: string; slug: string }>();
        expect(body.name).toBe(name);
        expect(body.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
        made.push(body);
        const page = await t.publicApp.inject({ url: `/api/categories/${body.slug}` });
        expect(page.statusCode, page.body).toBe(200);
      }
      expect(new Set(made.map((c) => c.slug)).size).toBe(made.length);
      const again = await admin({ method: 'POST', url: '/api/categories', payload: { name: '音楽' } });
      expect400(again, /already exists/);
    });
  });
});

describe.each(DRIVERS)('answers before routing keep {detail} on a real socket (%s)', (driver) => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp(driver, { VLOG_RATE_LIMIT_ENABLED: 'false' });
    await t.publicApp.listen({ port: 0, host: '127.0.0.1' });
    port = (t.publicApp.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type']),
            body: Buffer.concat(chunks).toString(),
          }),
        );
      });
      req.on('error', reject);
    });
  const expectDetail = (res: { status: number; type: string; body: string }, status: number) => {
    expect(res.status, res.body).toBe(status);
    expect(res.type).toMatch(/application\/json/);
    expect(JSON.parse(res.body)).toEqual({ detail: expect.any(String) });
  };

  it('414 for a path parameter past the router limit', async () => {
    expectDetail(await get(`/api/videos/${'a'.repeat(5000)}`), 414);
  });

  it('a slug of the spec maximum (255) still reaches the route', async () => {
    expectDetail(await get(`/api/videos/${'a'.repeat(255)}`), 404);
  });

  it('431 for headers (or a URL) past Node’s header limit', async () => {
    expectDetail(await get('/api/videos', { 'x-big': 'y'.repeat(20_000) }), 431);
    expectDetail(await get(`/api/videos?search=${'a'.repeat(20_000)}`), 431);
  });

  it('400 for a URL that does not decode', async () => {
    expectDetail(await get('/api/videos/%E0%A4%A'), 400);
  });
});
