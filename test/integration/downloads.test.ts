// Original downloads (api-public.md §4.6) on both databases over real HTTP: every check in the spec's
// order, the headers, the per-IP concurrent slots freed when a download ends or is aborted, the rate limit.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { rm, symlink, writeFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { settingsClient } from '../helpers/settings.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';
import { waitFor } from '../helpers/wait.js';
import type { TestApp } from '../helpers/test-app.js';

const BIG = 48 * 1024 * 1024; // far more than the socket buffers: an unread download stays open

async function insertVideo(
  t: TestApp,
  values: { slug: string; title: string; published?: boolean; status?: string },
) {
  const { rows } = await sql<{ id: number }>`
    INSERT INTO videos (title, slug, status, duration, published_at)
    VALUES (${values.title}, ${values.slug}, ${values.status ?? 'ready'}, 5,
            ${values.published === false ? null : new Date().toISOString()})
    RETURNING id`.execute(t.container.db);
  return rows[0]?.id ?? 0;
}

/** A GET over a real socket: resolves with the response (its body left unread) and the request. */
function get(base: string, url: string): Promise<{ res: http.IncomingMessage; req: http.ClientRequest }> {
  return new Promise((resolve, reject) => {
    const req = http.get(base + url, { agent: false }, (res) => resolve({ res, req }));
    req.on('error', reject);
  });
}

async function readAll(res: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe.each(DRIVERS)('original downloads (%s)', (driver) => {
  const t = useTestApp(driver);
  const api = settingsClient(t);
  const set = async (values: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(values)) {
      const r = await api('PUT', `/api/settings/key/${key}`, { value });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
  };
  let base = '';
  let small = 0;
  let big = 0;
  const inUse = () => t.container.services.originalDownloads.slotsInUse('127.0.0.1');
  const slotsInUse = (n: number) =>
    waitFor(async () => (inUse() === n ? true : undefined), { timeoutMs: 5000, what: `${n} slots in use` });

  beforeAll(async () => {
    await t.publicApp.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.publicApp.server.address() as AddressInfo).port}`;
    small = await insertVideo(t, { slug: 'small-one', title: 'Ünïcode "quoted" title: part/2' });
    big = await insertVideo(t, { slug: 'big-one', title: 'Big' });
    await insertVideo(t, { slug: 'draft-one', title: 'Draft', published: false });
    await insertVideo(t, { slug: 'no-source', title: 'No source' });
    await writeFile(t.container.layout.uploadFile(small, '.mkv'), 'matroska bytes');
    await writeFile(t.container.layout.uploadFile(big, '.mp4'), Buffer.alloc(BIG, 1));
  });

  afterEach(async () => {
    await t.container.db.deleteFrom('settings').execute();
    await t.container.services.settings.refresh();
  });

  const detail = async (url: string) => {
    const { res } = await get(base, url);
    return {
      status: res.statusCode,
      body: JSON.parse((await readAll(res)).toString()) as { detail: string },
    };
  };

  it('refuses in the spec order: slug, downloads off, originals off, not public, no source', async () => {
    expect(await detail('/api/videos/BAD%20SLUG!/download/original')).toEqual({
      status: 400,
      body: { detail: 'Invalid video slug' },
    });
    expect(await detail('/api/videos/small-one/download/original')).toEqual({
      status: 403,
      body: { detail: 'Downloads are disabled' },
    });
    await set({ 'downloads.enabled': true });
    expect(await detail('/api/videos/small-one/download/original')).toEqual({
      status: 403,
      body: { detail: 'Original file downloads are disabled' },
    });
    await set({ 'downloads.allow_original': true });
    for (const slug of ['draft-one', 'nope']) {
      expect(await detail(`/api/videos/${slug}/download/original`)).toEqual({
        status: 404,
        body: { detail: 'Video not found' },
      });
    }
    expect(await detail('/api/videos/no-source/download/original')).toEqual({
      status: 404,
      body: { detail: 'Original file not available. It may have been deleted after transcoding.' },
    });
    expect(inUse()).toBe(0); // refusals after the slot was taken gave it back
  });

  it('an empty or symlinked source is not available', async () => {
    await set({ 'downloads.enabled': true, 'downloads.allow_original': true });
    const id = await insertVideo(t, { slug: 'odd-source', title: 'Odd' });
    await writeFile(t.container.layout.uploadFile(id, '.mp4'), '');
    expect((await detail('/api/videos/odd-source/download/original')).status).toBe(404);
    await rm(t.container.layout.uploadFile(id, '.mp4'));
    await symlink(t.container.layout.uploadFile(small, '.mkv'), t.container.layout.uploadFile(id, '.mov'));
    expect((await detail('/api/videos/odd-source/download/original')).status).toBe(404);
  });

  it('streams the file with its type, disposition and cache headers, then frees the slot', async () => {
    await set({ 'downloads.enabled': true, 'downloads.allow_original': true });
    const { res } = await get(base, '/api/videos/small-one/download/original');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('video/x-matroska');
    expect(res.headers['cache-control']).toBe('private, max-age=3600');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="ncode_quoted_title_part2.mkv"; filename*=UTF-8''${encodeURIComponent('Ünïcode_quoted_title_part2.mkv')}`,
    );
    expect((await readAll(res)).toString()).toBe('matroska bytes');
    await slotsInUse(0);
  });

  it('two open downloads hold both slots (a third gets 429); an aborted one frees its slot', async () => {
    await set({ 'downloads.enabled': true, 'downloads.allow_original': true });
    const first = await get(base, '/api/videos/big-one/download/original');
    const second = await get(base, '/api/videos/big-one/download/original');
    expect([first.res.statusCode, second.res.statusCode]).toEqual([200, 200]);
    expect(first.res.headers['content-length']).toBe(String(BIG));
    expect(inUse()).toBe(2);
    expect(await detail('/api/videos/small-one/download/original')).toEqual({
      status: 429,
      body: { detail: 'Too many concurrent downloads. Maximum 2 allowed per IP.' },
    });
    // The client goes away mid-stream: its slot comes back.
    first.req.destroy();
    await slotsInUse(1);
    const third = await get(base, '/api/videos/small-one/download/original');
    expect(third.res.statusCode).toBe(200);
    await readAll(third.res);
    // The other one read to the end: its slot comes back too.
    expect((await readAll(second.res)).length).toBe(BIG);
    await slotsInUse(0);
    // The limit is the setting's, read at each request.
    await set({ 'downloads.max_concurrent': 1 });
    const one = await get(base, '/api/videos/big-one/download/original');
    expect(await detail('/api/videos/small-one/download/original')).toEqual({
      status: 429,
      body: { detail: 'Too many concurrent downloads. Maximum 1 allowed per IP.' },
    });
    one.req.destroy();
    await slotsInUse(0);
  });

  it('503 with Retry-After when the storage is unavailable', async () => {
    const dir = t.container.layout.dirs.uploadsDir;
    await rm(dir, { recursive: true, force: true });
    await new Promise((r) => setTimeout(r, 5100)); // past the cached probe
    const { res } = await get(base, '/api/videos/small-one/download/original');
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('30');
    await readAll(res);
  }, 15_000);
});

describe.each(DRIVERS)('original downloads rate limit (%s)', (driver) => {
  const t = useTestApp(driver, {
    VLOG_RATE_LIMIT_ENABLED: 'true',
    VLOG_DOWNLOADS_RATE_LIMIT_PER_HOUR: '2',
  });

  it('counts downloads per IP per hour at the configured rate (refusals count too)', async () => {
    const url = '/api/videos/any-video/download/original';
    for (let i = 0; i < 2; i++)
      expect((await t.publicApp.inject({ method: 'GET', url })).statusCode).toBe(403);
    const over = await t.publicApp.inject({ method: 'GET', url });
    expect(over.statusCode).toBe(429);
    expect(over.json()).toEqual({ detail: 'Rate limit exceeded', error: '2 per 1 hour' });
    // Other public routes keep their own limit.
    expect((await t.publicApp.inject({ method: 'GET', url: '/api/config/downloads' })).statusCode).toBe(200);
  });
});
