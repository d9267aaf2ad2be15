// Thumbnails (api-admin.md §5.7): frame picker, select, custom upload (valid, invalid, oversize), revert,
// frame sources (upload, CMAF or MPEG-TS rendition), on real ffmpeg with a 2 s clip (PGlite).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminInject, adminMultipart } from '../helpers/admin-inject.js';
import { getClip } from '../helpers/media-clips.js';
import { startApiWorker } from '../helpers/api-worker.js';
import { probeImage } from '../helpers/ffprobe.js';
import { createTestApp, uploadClip, type TestApp } from '../helpers/test-app.js';
import { waitVideoSettled } from '../helpers/wait.js';

const run = promisify(execFile);
const MAX_THUMB = 200_000;

interface Thumb {
  thumbnail_url: string | null;
  thumbnail_source: string;
  thumbnail_timestamp: number | null;
}

describe('thumbnails (PGlite, real ffmpeg)', () => {
  let t: TestApp;
  let tmp: string;
  let png: Buffer;
  let tinyMovie: Buffer;
  let video: { video_id: number; slug: string; duration: number };
  let initialUrl: string;

  const api = (
    method: 'GET' | 'POST',
    url: string,
    payload?: object | string,
    headers: Record<string, string> = {},
  ) => adminInject(t, method, url, payload, headers);
  const uploadImage = (
    id: number,
    file?: { name: string; content: Buffer },
    headers: Record<string, string> = {},
  ) => adminMultipart(t, `/api/videos/${id}/thumbnail/upload`, {}, file, { headers });
  const thumbPath = () => path.join(t.container.layout.videoDir(video.slug), 'thumbnail.jpg');
  const current = async () => (await api('GET', `/api/videos/${video.video_id}/thumbnail`)).json<Thumb>();
  /** A ready video row without files (for the source and validation cases). */
  async function seedReady(title: string, duration = 2) {
    const row = await t.container.db
      .insertInto('videos')
      .values({ title, slug: title.toLowerCase().replace(/\W+/g, '-'), status: 'ready', duration })
      .returning(['id', 'slug'])
      .executeTakeFirstOrThrow();
    await mkdir(t.container.layout.videoDir(row.slug), { recursive: true });
    return row;
  }

  beforeAll(async () => {
    t = await createTestApp('pglite', {
      VLOG_THUMBNAIL_WIDTH: '320',
      VLOG_MAX_THUMBNAIL_SIZE: String(MAX_THUMB),
    });
    tmp = await mkdtemp(path.join(os.tmpdir(), 'vlog-thumbs-'));
    await run('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi'],
      ...['-i', 'testsrc2=size=400x300', '-frames:v', '1', path.join(tmp, 'custom.png')],
    ]);
    png = await readFile(path.join(tmp, 'custom.png'));
    // prettier-ignore
    await run('ffmpeg', [
      '-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=64x48:duration=0.5',
      '-c:v', 'libx264', '-preset', 'ultrafast', path.join(tmp, 'tiny.mp4'),
    ]);
    tinyMovie = await readFile(path.join(tmp, 'tiny.mp4'));

    const { video_id, slug } = await uploadClip(t, 'Thumb Clip', 'webm', 'webm');
    const worker = await startApiWorker(t);
    try {
      const row = await waitVideoSettled(t, video_id, { timeoutMs: 60_000 });
      expect(row.status).toBe('ready');
      video = { video_id, slug, duration: row.duration ?? 0 };
    } finally {
      await worker.stop();
    }
  });
  afterAll(async () => {
    await t?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('GET returns the automatic thumbnail with a versioned URL', async () => {
    const res = await api('GET', `/api/videos/${video.video_id}/thumbnail`);
    expect(res.statusCode).toBe(200);
    const body = res.json<Thumb & { video_id: number }>();
    expect(body).toMatchObject({
      video_id: video.video_id,
      thumbnail_source: 'auto',
      thumbnail_timestamp: null,
    });
    expect(body.thumbnail_url).toMatch(new RegExp(`^/videos/${video.slug}/thumbnail\\.jpg\\?v=\\d+$`));
    initialUrl = body.thumbnail_url ?? '';
  });

  it('frames: five 640 px JPEGs at 10/25/50/75/90 % of the duration', async () => {
    const res = await api('POST', `/api/videos/${video.video_id}/thumbnail/frames`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      video_id: number;
      frames: Array<{ index: number; timestamp: number; url: string }>;
    }>();
    const expected = [0.1, 0.25, 0.5, 0.75, 0.9].map((p) => Math.round(video.duration * p * 100) / 100);
    expect(body.frames.map((f) => f.timestamp)).toEqual(expected);
    expect(body.frames.map((f) => f.url)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `/videos/${video.slug}/frames/frame_${i}.jpg`),
    );
    const dir = path.join(t.container.layout.videoDir(video.slug), 'frames');
    expect((await readdir(dir)).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `frame_${i}.jpg`));
    for (let i = 0; i < 5; i++) {
      expect(await probeImage(path.join(dir, `frame_${i}.jpg`))).toEqual({
        codec: 'mjpeg',
        width: 640,
        height: 360,
      });
    }
    // The admin app serves a video's files to the admin only (media-visibility.test.ts).
    const url = body.frames[2]?.url ?? '';
    expect((await t.adminApp.inject({ method: 'GET', url })).statusCode).toBe(401);
    const served = await api('GET', url);
    expect(served.statusCode).toBe(200);
  });

  it('select: JSON or form timestamp, re-encoded at VLOG_THUMBNAIL_WIDTH; the URL version changes', async () => {
    const res = await api('POST', `/api/videos/${video.video_id}/thumbnail/select`, { timestamp: 1 });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Thumb & { status: string }>();
    expect(body).toMatchObject({ status: 'ok', thumbnail_source: 'selected', thumbnail_timestamp: 1 });
    expect(body.thumbnail_url).not.toBe(initialUrl);
    expect(await probeImage(thumbPath())).toEqual({ codec: 'mjpeg', width: 320, height: 180 });
    expect(existsSync(path.join(t.container.layout.videoDir(video.slug), 'frames'))).toBe(false);
    expect(await current()).toMatchObject({
      thumbnail_source: 'selected',
      thumbnail_url: body.thumbnail_url,
    });

    const form = await api('POST', `/api/videos/${video.video_id}/thumbnail/select`, 'timestamp=0.5', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json<Thumb>().thumbnail_timestamp).toBe(0.5);
    expect(form.json<Thumb>().thumbnail_url).not.toBe(body.thumbnail_url);
    // The end of the video is a valid choice too (the frame just before it is used).
    const end = await api('POST', `/api/videos/${video.video_id}/thumbnail/select`, {
      timestamp: video.duration,
    });
    expect(end.statusCode, end.body).toBe(200);
  });

  it.each([
    [{ timestamp: 99 }, /^Timestamp must be between 0 and [\d.]+ seconds$/],
    [{ timestamp: -1 }, /^Invalid body/],
    [{ timestamp: 'soon' }, /^Invalid body/],
    [{}, /^Invalid body/],
  ])('select refuses %j (400)', async (payload, detail) => {
    const res = await api('POST', `/api/videos/${video.video_id}/thumbnail/select`, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ detail: string }>().detail).toMatch(detail);
  });

  it('upload: a PNG becomes a custom JPEG of the configured width', async () => {
    const before = await current();
    const res = await uploadImage(video.video_id, { name: 'My Cover.PNG', content: png });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Thumb & { status: string }>();
    expect(body).toMatchObject({ status: 'ok', thumbnail_source: 'custom', thumbnail_timestamp: null });
    expect(body.thumbnail_url).toMatch(/\?v=\d+$/);
    expect(body.thumbnail_url).not.toBe(before.thumbnail_url);
    expect(await probeImage(thumbPath())).toEqual({ codec: 'mjpeg', width: 320, height: 240 });
    const temps = (await readdir(t.container.layout.dirs.uploadsDir)).filter((n) =>
      n.startsWith('thumb_temp_'),
    );
    expect(temps).toEqual([]);
  });

  it('upload refuses bad types, undecodable or non-image files and oversize files; the thumbnail stays', async () => {
    const kept = await readFile(thumbPath());
    const id = video.video_id;
    const gif = await uploadImage(id, { name: 'anim.gif', content: png });
    expect(gif.statusCode).toBe(400);
    expect(gif.json()).toEqual({ detail: 'Unsupported image format. Allowed: .jpeg, .jpg, .png, .webp' });
    const text = await uploadImage(id, { name: 'fake.png', content: Buffer.from('not an image at all\n') });
    expect(text.statusCode).toBe(400);
    expect(text.json<{ detail: string }>().detail).toMatch(/^Invalid image file: fake\.png/);
    const movie = await uploadImage(id, {
      name: 'movie.jpg',
      content: tinyMovie,
    });
    expect(movie.statusCode).toBe(400);
    expect(movie.json<{ detail: string }>().detail).toMatch(/^Invalid image file: .*not a JPEG, PNG or WebP/);
    expect(movie.body).not.toContain(t.dataDir);
    // Over the limit by the stream (below the Content-Length pre-check) and by Content-Length.
    for (const size of [MAX_THUMB + 10_000, MAX_THUMB * 2]) {
      const big = await uploadImage(id, { name: 'big.png', content: Buffer.alloc(size, 7) });
      expect(big.statusCode, String(size)).toBe(413);
      expect(big.json()).toEqual({ detail: 'File too large. Maximum size: 0.2MB' });
    }
    const none = await uploadImage(id);
    expect(none.statusCode).toBe(400);
    expect(none.json()).toEqual({ detail: 'An image file is required (multipart field "file")' });
    const notMultipart = await api('POST', `/api/videos/${id}/thumbnail/upload`, { file: 'x' });
    expect(notMultipart.statusCode).toBe(400);
    expect(await readFile(thumbPath())).toEqual(kept);
    expect((await current()).thumbnail_source).toBe('custom');
    const temps = (await readdir(t.container.layout.dirs.uploadsDir)).filter((n) =>
      n.startsWith('thumb_temp_'),
    );
    expect(temps).toEqual([]);
  });

  it('revert: back to the automatic frame (640 px) and the original URL', async () => {
    const res = await api('POST', `/api/videos/${video.video_id}/thumbnail/revert`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      thumbnail_url: initialUrl,
      thumbnail_source: 'auto',
      thumbnail_timestamp: null,
    });
    expect(await probeImage(thumbPath())).toEqual({ codec: 'mjpeg', width: 640, height: 360 });
  });

  it('without the upload, frames come from the highest CMAF rendition', async () => {
    const upload = t.container.layout.uploadFile(video.video_id, '.webm');
    const aside = path.join(tmp, 'source.webm');
    await rename(upload, aside);
    try {
      const res = await api('POST', `/api/videos/${video.video_id}/thumbnail/frames`);
      expect(res.statusCode, res.body).toBe(200);
      const frame = path.join(t.container.layout.videoDir(video.slug), 'frames', 'frame_4.jpg');
      expect(await probeImage(frame)).toEqual({ codec: 'mjpeg', width: 640, height: 360 });
    } finally {
      await rename(aside, upload);
    }
  });

  it('an MPEG-TS rendition works as a source too', async () => {
    const row = await seedReady('Ts Source');
    const dir = t.container.layout.videoDir(row.slug);
    // prettier-ignore
    await run('ffmpeg', [
      '-hide_banner', '-loglevel', 'error', '-y', '-i', await getClip('webm'),
      '-vf', 'scale=-2:360', '-c:v', 'libx264', '-preset', 'ultrafast', '-an',
      '-f', 'hls', '-hls_time', '1', '-hls_playlist_type', 'vod',
      '-hls_segment_filename', path.join(dir, '360p_%04d.ts'), path.join(dir, '360p.m3u8'),
    ]);
    const res = await api('POST', `/api/videos/${row.id}/thumbnail/select`, { timestamp: 1.2 });
    expect(res.statusCode, res.body).toBe(200);
    expect(await probeImage(path.join(dir, 'thumbnail.jpg'))).toEqual({
      codec: 'mjpeg',
      width: 320,
      height: 180,
    });
  });

  it('refuses videos without a source or without a duration (400)', async () => {
    const bare = await seedReady('No Source');
    for (const action of ['frames', 'revert']) {
      const res = await api('POST', `/api/videos/${bare.id}/thumbnail/${action}`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        detail: 'No source video available for frame extraction. Original upload may have been deleted.',
      });
    }
    const still = await seedReady('No Duration', 0);
    const res = await api('POST', `/api/videos/${still.id}/thumbnail/frames`);
    expect(res.json()).toEqual({ detail: 'Video has no duration information' });
    const info = await api('GET', `/api/videos/${still.id}/thumbnail`);
    expect(info.json()).toMatchObject({ thumbnail_url: null, thumbnail_source: 'auto' });
  });

  it('404 for unknown videos, 400 for malformed ids and deleted videos, on every route', async () => {
    const calls: Array<['GET' | 'POST', string]> = [
      ['GET', 'thumbnail'],
      ['POST', 'thumbnail/frames'],
      ['POST', 'thumbnail/select'],
      ['POST', 'thumbnail/upload'],
      ['POST', 'thumbnail/revert'],
    ];
    const deleted = await seedReady('Deleted Thumb');
    await t.container.db
      .updateTable('videos')
      .set({ deleted_at: new Date() })
      .where('id', '=', deleted.id)
      .execute();
    for (const [method, suffix] of calls) {
      const send = (id: number | string) =>
        suffix === 'thumbnail/upload'
          ? uploadImage(id as number, { name: 'a.png', content: png })
          : api(
              method,
              `/api/videos/${id}/${suffix}`,
              suffix.endsWith('select') ? { timestamp: 1 } : undefined,
            );
      const missing = await send(999999);
      expect(missing.statusCode, suffix).toBe(404);
      expect(missing.json()).toEqual({ detail: 'Video not found' });
      expect((await api(method, `/api/videos/abc/${suffix}`)).statusCode, suffix).toBe(400);
      if (method === 'POST') {
        const gone = await send(deleted.id);
        expect(gone.statusCode, suffix).toBe(400);
        expect(gone.json()).toEqual({ detail: 'Cannot change the thumbnail of a deleted video' });
      }
    }
  });
});
