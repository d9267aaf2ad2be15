import { createHash } from 'node:crypto';
import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanUpAfterCrash } from '../../src/server/serve.js';
import { DRIVERS } from '../helpers/test-db.js';
import { createTestApp, TEST_ADMIN_SECRET, type TestApp } from '../helpers/test-app.js';
import { waitFor } from '../helpers/wait.js';
import { workerFixtures } from '../helpers/worker-fixtures.js';

const HOUR_AGO = new Date(Date.now() - 3600_000);

/** A request written by hand on a raw socket, so the test decides when (and whether) body bytes arrive. */
interface RawExchange {
  socket: Socket;
  /** Everything the server sent, once it closed the connection. */
  response: Promise<string>;
}

async function listenOn(app: FastifyInstance): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  return address.port;
}

function rawRequest(port: number, head: string[], firstBytes: Buffer): RawExchange {
  const socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  const response = new Promise<string>((resolve) => {
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString()));
  });
  socket.write(`${head.join('\r\n')}\r\nConnection: close\r\n\r\n`);
  socket.write(firstBytes);
  return { socket, response };
}

/** POST /api/videos of `upload` with the admin secret over a raw socket; `firstBytes` go out at once. */
function rawUpload(
  port: number,
  upload: ReturnType<typeof multipartUpload>,
  firstBytes: Buffer,
): RawExchange {
  return rawRequest(
    port,
    [
      'POST /api/videos HTTP/1.1',
      'Host: 127.0.0.1',
      `X-Admin-Secret: ${TEST_ADMIN_SECRET}`,
      `Content-Type: ${upload.contentType}`,
      `Content-Length: ${upload.length}`,
    ],
    firstBytes,
  );
}

function statusAndBody(response: string): { status: number; body: unknown } {
  const [head = '', body = ''] = response.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), body: body ? JSON.parse(body) : null };
}

/** A multipart upload as three pieces: everything before the file bytes, the file, the closing boundary. */
function multipartUpload(fileBytes: number) {
  const boundary = 'vlogstall0123456789';
  const before = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nStalled or slow\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="clip.mp4"\r\n` +
      `Content-Type: application/octet-stream\r\n\r\n`,
  );
  const after = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    before,
    file: Buffer.alloc(fileBytes, 7),
    after,
    length: before.length + fileBytes + after.length,
  };
}

const incoming = async (t: TestApp) =>
  (await readdir(t.config.uploadsDir)).filter((f) => f.startsWith('.incoming-'));

describe.each(DRIVERS)('clean restarts (%s)', (driver) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('start-up removes partial uploads left by a crash and settles interrupted re-uploads', async () => {
    t = await createTestApp(driver);
    const { uploadsDir, videosDir } = t.config;
    const file = (name: string) => path.join(uploadsDir, name);
    const leftovers = [
      '.incoming-0123456789abcdef.mp4',
      '.health_check_0123456789ab',
      // Re-upload of video 7 interrupted after its swap: the new source is in place, the old one goes.
      '.7.replaced-aaaa1111.mkv',
      // Re-upload of video 8 interrupted before its swap: its source is the only copy and comes back.
      '.8.replaced-bbbb2222.mp4',
    ];
    for (const name of leftovers) await writeFile(file(name), 'partial');
    await writeFile(file('7.mp4'), 'the new source');
    await mkdir(path.join(videosDir, '.clip-7.replaced-aaaa1111'), { recursive: true });
    await mkdir(path.join(videosDir, 'clip-7'), { recursive: true });
    await mkdir(path.join(videosDir, '.clip-8.replaced-bbbb2222'), { recursive: true });
    await writeFile(path.join(videosDir, '.clip-8.replaced-bbbb2222', 'master.m3u8'), '#EXTM3U');
    await mkdir(path.join(videosDir, 'clip-8'), { recursive: true });
    for (const name of leftovers) await utimes(file(name), HOUR_AGO, HOUR_AGO);
    for (const dir of ['.clip-7.replaced-aaaa1111', '.clip-8.replaced-bbbb2222'])
      await utimes(path.join(videosDir, dir), HOUR_AGO, HOUR_AGO);
    // Written just now: on PostgreSQL another server sharing the storage may be receiving it.
    await writeFile(file('.incoming-fresh.mp4'), 'still arriving');

    const printed: string[] = [];
    await cleanUpAfterCrash(t.container, (line) => printed.push(line));

    const left = (await readdir(uploadsDir)).sort();
    const fresh = driver === 'postgres' ? ['.incoming-fresh.mp4'] : [];
    expect(left).toEqual([...fresh, '7.mp4', '8.mp4'].sort());
    expect(existsSync(path.join(videosDir, '.clip-7.replaced-aaaa1111'))).toBe(false);
    expect(existsSync(path.join(videosDir, '.clip-8.replaced-bbbb2222'))).toBe(false);
    expect(existsSync(path.join(videosDir, 'clip-8', 'master.m3u8'))).toBe(true);
    expect(printed.join('\n')).toMatch(driver === 'postgres' ? /Removed 4 file/ : /Removed 5 file/);
  });

  it('cuts a stalled upload after the idle timeout: 408, socket closed, temp file gone', async () => {
    t = await createTestApp(driver, { VLOG_UPLOAD_IDLE_TIMEOUT: '1' });
    const port = await listenOn(t.adminApp);
    const upload = multipartUpload(4 * 1024 * 1024);
    const started = Date.now();
    const exchange = rawUpload(
      port,
      upload,
      Buffer.concat([upload.before, upload.file.subarray(0, 256 * 1024)]),
    );
    // The upload is being staged, then the client stops sending.
    await waitFor(async () => ((await incoming(t!)).length > 0 ? true : undefined), {
      timeoutMs: 3000,
      what: 'the staged upload',
    });
    const response = await Promise.race([
      exchange.response,
      new Promise<string>((resolve) => setTimeout(() => resolve('still open'), 6000)),
    ]);
    exchange.socket.destroy();
    expect(response).not.toBe('still open');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(statusAndBody(response)).toEqual({
      status: 408,
      body: { detail: 'Request body timed out: no data received for 1 seconds' },
    });
    await waitFor(async () => ((await incoming(t!)).length === 0 ? true : undefined), {
      timeoutMs: 3000,
      what: 'the partial upload to be removed',
    });
    expect(await t.db.db.selectFrom('videos').select('id').execute()).toEqual([]);
  });

  it('lets a slow upload through as long as bytes keep arriving', async () => {
    t = await createTestApp(driver, { VLOG_UPLOAD_IDLE_TIMEOUT: '1' });
    const port = await listenOn(t.adminApp);
    const upload = multipartUpload(8 * 64 * 1024);
    const exchange = rawUpload(port, upload, upload.before);
    // Eight pieces 400 ms apart: 3.2 s in all, three times the idle timeout, never idle for 1 s.
    for (let i = 0; i < 8; i++) {
      await new Promise((r) => setTimeout(r, 400));
      exchange.socket.write(upload.file.subarray(i * 64 * 1024, (i + 1) * 64 * 1024));
    }
    exchange.socket.write(upload.after);
    const { status, body } = statusAndBody(await exchange.response);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ status: 'ok', message: 'Video queued for processing' });
  });

  it("cuts a worker's stalled file upload the same way", async () => {
    t = await createTestApp(driver, { VLOG_UPLOAD_IDLE_TIMEOUT: '1' });
    const fx = workerFixtures(() => t!);
    const worker = await fx.register('stall-worker');
    const { jobId } = await fx.claimedJob(worker.id, 'stalled-segment');
    const port = await listenOn(t.workerApp);
    const body = Buffer.alloc(1024 * 1024, 3);
    const exchange = rawRequest(
      port,
      [
        `PUT /api/worker/${jobId}/files/720p/seg_0000.m4s HTTP/1.1`,
        'Host: 127.0.0.1',
        `X-Worker-API-Key: ${worker.key}`,
        `X-Content-SHA256: ${createHash('sha256').update(body).digest('hex')}`,
        'Content-Type: application/octet-stream',
        `Content-Length: ${body.length}`,
      ],
      body.subarray(0, 200 * 1024),
    );
    const { status, body: detail } = statusAndBody(await exchange.response);
    expect(status).toBe(408);
    expect(detail).toMatchObject({ detail: expect.stringContaining('no data received') });
    const staging = path.join(t.config.videosDir, '.publishing', worker.id);
    await waitFor(async () => ((await readdir(staging).catch(() => [])).length === 0 ? true : undefined), {
      timeoutMs: 3000,
      what: 'the staged segment to be removed',
    });
    expect(existsSync(path.join(t.config.videosDir, 'stalled-segment', '720p', 'seg_0000.m4s'))).toBe(false);
  });
});
