import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandler } from './plugins/error-handler.js';
import { parseRange, sendFile } from './send-file.js';

describe('parseRange', () => {
  it.each([
    ['bytes=0-9', { start: 0, end: 9 }],
    ['bytes=10-', { start: 10, end: 99 }],
    ['bytes=-10', { start: 90, end: 99 }],
    ['bytes=-500', { start: 0, end: 99 }],
    ['bytes=90-500', { start: 90, end: 99 }],
  ])('%s of 100 bytes', (header, range) => expect(parseRange(header, 100)).toEqual(range));

  it.each(['bytes=100-', 'bytes=100-200', 'bytes=20-10', 'bytes=-0'])(
    '%s of 100 bytes is unsatisfiable',
    (h) => expect(parseRange(h, 100)).toBe('unsatisfiable'),
  );

  it.each([undefined, '', 'bytes=0-1,5-6', 'items=0-1', 'bytes=-', 'bytes=a-b'])(
    '%s means the whole file',
    (h) => expect(parseRange(h, 100)).toBeNull(),
  );
});

describe('sendFile', () => {
  let dir: string;
  let app: FastifyInstance;
  const data = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251));
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vlog-send-file-'));
    await writeFile(path.join(dir, 'f.bin'), data);
    app = Fastify();
    registerErrorHandler(app);
    app.get('/f', (req, reply) => sendFile(req, reply, path.join(dir, 'f.bin')));
    app.get('/missing', (req, reply) => sendFile(req, reply, path.join(dir, 'none.bin')));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends the whole file with its validators', async () => {
    const res = await app.inject({ url: '/f' });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(data)).toBe(true);
    expect(res.headers['content-length']).toBe('3000');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers.etag).toMatch(/^W\/"bb8-[0-9a-f]+"$/);
    expect(res.headers['last-modified']).toBeTruthy();
  });

  it('sends one range as 206 and refuses an unsatisfiable one with 416', async () => {
    const part = await app.inject({ url: '/f', headers: { range: 'bytes=1000-1999' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 1000-1999/3000');
    expect(part.rawPayload.equals(data.subarray(1000, 2000))).toBe(true);
    const past = await app.inject({ url: '/f', headers: { range: 'bytes=3000-' } });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe('bytes */3000');
  });

  it('ignores the range when If-Range names another version of the file', async () => {
    const { headers } = await app.inject({ url: '/f' });
    const same = await app.inject({
      url: '/f',
      headers: { range: 'bytes=0-9', 'if-range': String(headers.etag) },
    });
    expect(same.statusCode).toBe(206);
    const changed = await app.inject({ url: '/f', headers: { range: 'bytes=0-9', 'if-range': 'W/"other"' } });
    expect(changed.statusCode).toBe(200);
    expect(changed.rawPayload.length).toBe(3000);
  });

  it('answers 304 while If-None-Match or If-Modified-Since still match', async () => {
    const { headers } = await app.inject({ url: '/f' });
    const etag = String(headers.etag);
    for (const h of [{ 'if-none-match': etag }, { 'if-none-match': `"x", ${etag.slice(2)}` }]) {
      const res = await app.inject({ url: '/f', headers: h });
      expect(res.statusCode).toBe(304);
      expect(res.rawPayload.length).toBe(0);
    }
    const since = await app.inject({
      url: '/f',
      headers: { 'if-modified-since': String(headers['last-modified']) },
    });
    expect(since.statusCode).toBe(304);
    const other = await app.inject({ url: '/f', headers: { 'if-none-match': 'W/"other"' } });
    expect(other.statusCode).toBe(200);
    const older = await app.inject({
      url: '/f',
      headers: { 'if-modified-since': new Date(0).toUTCString() },
    });
    expect(older.statusCode).toBe(200);
  });

  it('answers HEAD without a body and a missing file with 404', async () => {
    const head = await app.inject({ method: 'HEAD', url: '/f' });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe('3000');
    expect(head.rawPayload.length).toBe(0);
    const missing = await app.inject({ url: '/missing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ detail: 'File not found' });
  });
});
