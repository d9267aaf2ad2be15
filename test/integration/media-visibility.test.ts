// Issue 10, point 7 (publication is enforced on media) and point 5's symlinks: /videos/* on the public app
// serves a video's files only while it is published and not deleted; the admin app serves every video's
// files behind its auth; a symlink anywhere below the videos dir is never followed (api-public.md §5).
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiWorker, type ApiWorker } from '../helpers/api-worker.js';
import {
  createTestApp,
  loginSession,
  TEST_ADMIN_SECRET,
  uploadClip,
  type TestApp,
} from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';
import { waitVideoSettled } from '../helpers/wait.js';

const SECRET = { 'x-admin-secret': TEST_ADMIN_SECRET };
const uris = (playlist: string) => playlist.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));

describe.each(DRIVERS)('media visibility (%s)', (driver) => {
  let t: TestApp;
  let worker: ApiWorker;
  let video: { video_id: number; slug: string };
  /** master.m3u8, a variant playlist, its first segment and the thumbnail, relative to the video dir. */
  let files: { master: string; playlist: string; segment: string; thumbnail: string };
  let outside: string;

  const get = (app: FastifyInstance, url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers });
  const pub = (slug: string, file: string, headers: Record<string, string> = {}) =>
    get(t.publicApp, `/videos/${slug}/${file}`, headers);
  const adm = (slug: string, file: string, headers: Record<string, string> = SECRET) =>
    get(t.adminApp, `/videos/${slug}/${file}`, headers);
  const admin = (method: 'POST' | 'DELETE', url: string) =>
    t.adminApp.inject({ method, url, headers: SECRET });
  const all = () => Object.values(files);

  async function expectRefused(res: Awaited<ReturnType<typeof get>>, what: string) {
    expect(res.statusCode, what).toBe(404);
    expect(res.json(), what).toEqual({ detail: 'Not Found' });
    expect(res.headers['cache-control'], what).toBeUndefined();
  }

  beforeAll(async () => {
    t = await createTestApp(driver);
    worker = await startApiWorker(t);
    video = await uploadClip(t, 'Visible Clip');
    const settled = await waitVideoSettled(t, video.video_id, { what: 'the clip to be transcoded' });
    if (settled.status === 'failed') throw new Error('the clip failed to transcode');
    const dir = t.container.layout.videoDir(video.slug);
    const playlist = uris(await readFile(path.join(dir, 'master.m3u8'), 'utf8'))[0] ?? '';
    const segment = uris(await readFile(path.join(dir, playlist), 'utf8'))[0] ?? '';
    files = {
      master: 'master.m3u8',
      playlist,
      segment: path.posix.join(path.posix.dirname(playlist), segment),
      thumbnail: 'thumbnail.jpg',
    };
    outside = await mkdtemp(path.join(os.tmpdir(), 'vlog-outside-'));
    await writeFile(path.join(outside, 'secret.ts'), 'OUTSIDE-SECRET');
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
    if (outside) await rm(outside, { recursive: true, force: true });
  });

  it('serves master, a playlist, a segment and the thumbnail publicly while published', async () => {
    const expected: Record<string, [RegExp, string]> = {
      [files.master]: [/^application\/vnd\.apple\.mpegurl/, 'no-cache'],
      [files.playlist]: [/^application\/vnd\.apple\.mpegurl/, 'no-cache'],
      [files.segment]: [/^video\/(iso\.segment|mp2t)/, 'public, max-age=31536000'],
      [files.thumbnail]: [/^image\/jpeg/, 'public, max-age=60, must-revalidate'],
    };
    for (const [file, [type, cache]] of Object.entries(expected)) {
      const res = await pub(video.slug, file);
      expect(res.statusCode, file).toBe(200);
      expect(res.headers['content-type'], file).toMatch(type);
      expect(res.headers['cache-control'], file).toBe(cache);
      expect(res.headers['access-control-allow-origin'], file).toBe('*');
      expect(res.headers['access-control-expose-headers'], file).toBe('Content-Length,Content-Range');
      expect(res.headers.etag, file).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
      expect(res.headers['last-modified'], file).toBeTruthy();
      expect(res.rawPayload.length, file).toBeGreaterThan(0);
    }
    const progress = await get(t.publicApp, `/api/videos/${video.slug}/progress`);
    expect(progress.statusCode).toBe(200);
    expect(progress.json()).toMatchObject({ status: 'ready', progress_percent: 100 });
  });

  it('keeps Range, HEAD and revalidation (ETag → 304) on segments', async () => {
    const whole = await pub(video.slug, files.segment);
    const size = whole.rawPayload.length;
    const part = await pub(video.slug, files.segment, { range: 'bytes=0-99' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-99/${size}`);
    expect(part.headers['accept-ranges']).toBe('bytes');
    expect(part.rawPayload.equals(whole.rawPayload.subarray(0, 100))).toBe(true);
    const head = await t.publicApp.inject({ method: 'HEAD', url: `/videos/${video.slug}/${files.segment}` });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(size));
    expect(head.headers['cache-control']).toBe('public, max-age=31536000');
    expect(head.rawPayload.length).toBe(0);
    const again = await pub(video.slug, files.master, { 'if-none-match': String(whole.headers.etag) });
    expect(again.statusCode).toBe(200); // another file's ETag
    const master = await pub(video.slug, files.master);
    const revalidated = await pub(video.slug, files.master, { 'if-none-match': String(master.headers.etag) });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.rawPayload.length).toBe(0);
  });

  it('the admin app serves them with the secret or a session, and refuses without', async () => {
    const session = await loginSession(t.adminApp);
    for (const file of all()) {
      const denied = await adm(video.slug, file, {});
      expect(denied.statusCode, file).toBe(401);
      expect(denied.json()).toEqual({ detail: 'Authentication required' });
      expect((await adm(video.slug, file, { 'x-admin-secret': 'wrong' })).statusCode, file).toBe(403);
      expect((await adm(video.slug, file)).statusCode, file).toBe(200);
      expect((await adm(video.slug, file, { cookie: session.cookie })).statusCode, file).toBe(200);
    }
    // Answers that depend on credentials are not for shared caches.
    expect((await adm(video.slug, files.segment)).headers['cache-control']).toBe('private, max-age=31536000');
    const part = await adm(video.slug, files.segment, { ...SECRET, range: 'bytes=0-9' });
    expect(part.statusCode).toBe(206);
  });

  it('a never-published video: 404 publicly (files and progress), served on the admin app', async () => {
    const slug = 'never-published';
    await cp(t.container.layout.videoDir(video.slug), t.container.layout.videoDir(slug), { recursive: true });
    await t.container.db
      .insertInto('videos')
      .values({ title: 'Never Published', slug, status: 'ready', published_at: null })
      .execute();
    for (const file of all()) {
      await expectRefused(await pub(slug, file), file);
      expect((await adm(slug, file)).statusCode, file).toBe(200);
    }
    const progress = await get(t.publicApp, `/api/videos/${slug}/progress`);
    expect(progress.statusCode).toBe(404);
    expect(progress.json()).toEqual({ detail: 'Video not found' });
  });

  it('a deleted video whose files are still under videos/ is 404 publicly', async () => {
    const slug = 'deleted-in-place';
    await cp(t.container.layout.videoDir(video.slug), t.container.layout.videoDir(slug), { recursive: true });
    await t.container.db
      .insertInto('videos')
      .values({ title: 'Deleted', slug, status: 'ready', published_at: new Date(), deleted_at: new Date() })
      .execute();
    for (const file of all()) await expectRefused(await pub(slug, file), file);
    expect((await get(t.publicApp, `/api/videos/${slug}/progress`)).statusCode).toBe(404);
  });

  it('unpublish hides the files at once (cached visibility is invalidated); publish shows them again', async () => {
    expect((await pub(video.slug, files.segment)).statusCode).toBe(200); // cached as public
    expect((await admin('POST', `/api/videos/${video.video_id}/unpublish`)).statusCode).toBe(200);
    for (const file of all()) await expectRefused(await pub(video.slug, file), file);
    expect((await get(t.publicApp, `/api/videos/${video.slug}/progress`)).statusCode).toBe(404);
    for (const file of all()) expect((await adm(video.slug, file)).statusCode, file).toBe(200);
    expect((await admin('POST', `/api/videos/${video.video_id}/publish`)).statusCode).toBe(200);
    for (const file of all()) expect((await pub(video.slug, file)).statusCode, file).toBe(200);
  });

  it('unpublishing through the edit form (published_at="") hides them at once too', async () => {
    expect((await pub(video.slug, files.master)).statusCode).toBe(200);
    const res = await t.adminApp.inject({
      method: 'PUT',
      url: `/api/videos/${video.video_id}`,
      headers: { ...SECRET, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'published_at=',
    });
    expect(res.statusCode, res.body).toBe(200);
    await expectRefused(await pub(video.slug, files.master), 'master');
    expect((await admin('POST', `/api/videos/${video.video_id}/publish`)).statusCode).toBe(200);
    expect((await pub(video.slug, files.master)).statusCode).toBe(200);
  });

  it('archive (DELETE) makes them 404 publicly; restore serves them again at once', async () => {
    expect((await pub(video.slug, files.segment)).statusCode).toBe(200);
    expect((await admin('DELETE', `/api/videos/${video.video_id}`)).statusCode).toBe(200);
    for (const file of all()) await expectRefused(await pub(video.slug, file), file);
    expect((await get(t.publicApp, `/api/videos/${video.slug}/progress`)).statusCode).toBe(404);
    expect((await admin('POST', `/api/videos/${video.video_id}/restore`)).statusCode).toBe(200);
    for (const file of all()) expect((await pub(video.slug, file)).statusCode, file).toBe(200);
  });

  it('never follows a symlink below the videos dir (file or directory), on either app', async () => {
    const dir = t.container.layout.videoDir(video.slug);
    const hostname = (await readFile('/etc/hostname', 'utf8').catch(() => '')).trim();
    await symlink('/etc/hostname', path.join(dir, 'hostname.txt'));
    await symlink(path.join(outside, 'secret.ts'), path.join(dir, 'leak_0000.ts'));
    await symlink(path.join(dir, files.segment), path.join(dir, 'inside_0000.ts')); // even to a served file
    await symlink(outside, path.join(dir, 'linked-dir'));
    await mkdir(path.join(dir, 'real-dir'));
    await symlink(path.join(dir, files.segment), path.join(dir, 'real-dir', 'seg.ts'));
    // A whole video dir that is a link to a published video's dir.
    await symlink(dir, t.container.layout.videoDir('linked-video'));
    await t.container.db
      .insertInto('videos')
      .values({ title: 'Linked Video', slug: 'linked-video', status: 'ready', published_at: new Date() })
      .execute();
    const cases: Array<[string, string]> = [
      [video.slug, 'hostname.txt'],
      [video.slug, 'leak_0000.ts'],
      [video.slug, 'inside_0000.ts'],
      [video.slug, 'linked-dir/secret.ts'],
      [video.slug, 'real-dir/seg.ts'],
      ['linked-video', files.master],
      ['linked-video', files.segment],
    ];
    for (const [slug, file] of cases) {
      for (const [name, res] of [
        ['public', await pub(slug, file)],
        ['admin', await adm(slug, file)],
      ] as const) {
        await expectRefused(res, `${name} ${slug}/${file}`);
        expect(res.body).not.toContain('OUTSIDE-SECRET');
        if (hostname) expect(res.body).not.toContain(hostname);
      }
    }
    // The real files beside the links are still served.
    expect((await pub(video.slug, files.segment)).statusCode).toBe(200);
  });

  it('dotfiles and unsafe paths stay refused on both apps', async () => {
    await writeFile(path.join(t.container.layout.videoDir(video.slug), '.secret'), 'DOTFILE');
    for (const url of [`/videos/${video.slug}/.secret`, `/videos/${video.slug}/..%2f..%2fuploads`]) {
      for (const app of [t.publicApp, t.adminApp]) {
        const res = await get(app, url, SECRET);
        expect(res.statusCode, url).toBe(404);
        expect(res.body).not.toContain('DOTFILE');
      }
    }
  });
});
