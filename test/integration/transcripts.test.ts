// The transcript endpoints (api-admin.md §5.8), caption upload (.vtt/.srt → captions.vtt) and the public
// transcript (api-public.md §4.2), on both databases.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CAPTIONS_VTT } from '../../src/storage/storage-layout.js';
import { adminInject, adminMultipart, sessionInject } from '../helpers/admin-inject.js';
import { loginSession, multipart, type TestApp } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

const SRT =
  '\uFEFF1\r\n00:00:01,000 --> 00:00:02,500\r\n<font color="red">Hello</font> there\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\ngeneral kenobi\r\n';
const VTT = 'WEBVTT\n\n00:00:00.500 --> 00:00:01.500\nFirst cue\n';

let counter = 0;
async function addVideo(
  t: TestApp,
  values: { status?: string; deleted?: boolean; published?: boolean } = {},
) {
  const slug = `transcript-video-${++counter}`;
  return t.container.db
    .insertInto('videos')
    .values({
      title: slug,
      slug,
      status: values.status ?? 'ready',
      published_at: values.published === false ? null : new Date(),
      deleted_at: values.deleted ? new Date() : null,
    })
    .returning(['id', 'slug'])
    .executeTakeFirstOrThrow();
}

const row = (t: TestApp, videoId: number) =>
  t.container.db.selectFrom('transcriptions').selectAll().where('video_id', '=', videoId).executeTakeFirst();

const uploadCaptions = (t: TestApp, id: number, name: string, content: string | Buffer, fields = {}) =>
  adminMultipart(
    t,
    `/api/videos/${id}/captions`,
    fields,
    { name, content: Buffer.from(content) },
    { method: 'PUT' },
  );

describe.each(DRIVERS)('transcript endpoints (%s)', (driver) => {
  const t = useTestApp(driver);
  let video: { id: number; slug: string };
  beforeEach(async () => {
    video = await addVideo(t);
  });

  describe('refuses', () => {
    it.each([
      ['GET', 'transcript'],
      ['POST', 'transcribe'],
      ['PUT', 'transcript'],
      ['DELETE', 'transcript'],
      ['PUT', 'captions'],
    ] as const)(
      '%s …/%s: 401 without credentials, 403 for a cookie session without CSRF',
      async (method, tail) => {
        const url = `/api/videos/${video.id}/${tail}`;
        const anonymous = await t.adminApp.inject({ method, url });
        expect(anonymous.statusCode).toBe(401);
        if (method === 'GET') return;
        const { cookie } = await loginSession(t.adminApp);
        const noCsrf = await t.adminApp.inject({ method, url, headers: { cookie }, payload: {} });
        expect(noCsrf.statusCode).toBe(403);
        expect(noCsrf.json()).toEqual({ detail: 'CSRF token invalid or missing' });
      },
    );

    it.each([
      ['GET', '/api/videos/999999/transcript', undefined, 404, 'Video not found'],
      ['POST', '/api/videos/999999/transcribe', {}, 404, 'Video not found'],
      ['PUT', '/api/videos/999999/transcript', { text: 'x' }, 404, 'Video not found'],
      ['DELETE', '/api/videos/999999/transcript', undefined, 404, 'Video not found'],
      ['PUT', '/api/videos/{id}/transcript', { text: 'x' }, 404, 'Transcription not found'],
      ['DELETE', '/api/videos/{id}/transcript', undefined, 404, 'Transcription not found'],
      ['POST', '/api/videos/{id}/transcribe', { language: 'xx' }, 400, /^Unsupported language "xx"/],
      ['POST', '/api/videos/{id}/transcribe', { language: 'haw' }, 400, /^Unsupported language "haw"/],
      ['PUT', '/api/videos/{id}/transcript', { text: '' }, 400, /text/],
      [
        'PUT',
        '/api/videos/{id}/transcript',
        { text: 'x'.repeat(500_001) },
        400,
        /^Invalid body field 'text': must NOT have more than 500000/,
      ],
      ['PUT', '/api/videos/{id}/transcript', {}, 400, /text/],
    ] as const)('%s %s (%#) → %s', async (method, url, payload, status, detail) => {
      const res = await adminInject(t, method, url.replace('{id}', String(video.id)), payload);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json<{ detail: string }>().detail).toMatch(detail);
    });

    it.each([
      ['processing', {}, 'Video must be ready before transcription'],
      ['ready', { deleted: true }, 'Cannot transcribe a deleted video'],
    ])('transcribing a %s video %j: 400', async (status, extra, detail) => {
      const other = await addVideo(t, { status, ...extra });
      const res = await adminInject(t, 'POST', `/api/videos/${other.id}/transcribe`, {});
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ detail });
    });
  });

  it('GET answers {"status":"none"} (all fields null) before any transcription', async () => {
    const res = await adminInject(t, 'GET', `/api/videos/${video.id}/transcript`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'none',
      language: null,
      text: null,
      vtt_url: null,
      word_count: null,
      duration_seconds: null,
      started_at: null,
      completed_at: null,
      error_message: null,
    });
  });

  it('queues, re-queues (clearing the result, keeping one row), and refuses while processing', async () => {
    const url = `/api/videos/${video.id}/transcribe`;
    const first = await adminInject(t, 'POST', url, { language: 'DE' });
    expect(first.json()).toEqual({ status: 'ok', message: 'Transcription queued' });
    expect(await row(t, video.id)).toMatchObject({ status: 'pending', language: 'de' });

    await t.container.db
      .updateTable('transcriptions')
      .set({ status: 'failed', error_message: 'boom', transcript_text: 'old', word_count: 1 })
      .where('video_id', '=', video.id)
      .execute();
    const again = await adminInject(t, 'POST', url);
    expect(again.json()).toEqual({ status: 'ok', message: 'Transcription queued for retry' });
    expect(await row(t, video.id)).toMatchObject({
      status: 'pending',
      language: null,
      error_message: null,
      transcript_text: null,
      word_count: null,
    });
    const rows = await t.container.db.selectFrom('transcriptions').where('video_id', '=', video.id).execute();
    expect(rows).toHaveLength(1);

    await t.container.db
      .updateTable('transcriptions')
      .set({ status: 'processing' })
      .where('video_id', '=', video.id)
      .execute();
    const busy = await adminInject(t, 'POST', url, { language: 'en' });
    expect(busy.statusCode).toBe(400);
    expect(busy.json()).toEqual({ detail: 'Transcription already in progress' });
  });

  it('wakes waiting workers when it queues', async () => {
    const cursor = t.container.events.cursor();
    await adminInject(t, 'POST', `/api/videos/${video.id}/transcribe`, {});
    expect(t.container.events.cursor()).not.toBe(cursor);
  });

  it('works through a cookie session with its CSRF token', async () => {
    const session = await loginSession(t.adminApp);
    const res = await sessionInject(t, session, 'POST', `/api/videos/${video.id}/transcribe`, {
      language: 'fr',
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('edits the text and word count without touching the captions file, then deletes both', async () => {
    const up = await uploadCaptions(t, video.id, 'subs.vtt', VTT);
    expect(up.statusCode, up.body).toBe(200);
    const file = path.join(t.container.layout.videoDir(video.slug), CAPTIONS_VTT);
    const put = await adminInject(t, 'PUT', `/api/videos/${video.id}/transcript`, {
      text: ' Three  new\nwords ',
    });
    expect(put.json()).toEqual({ status: 'ok', message: 'Transcript updated', word_count: 3 });
    expect(await row(t, video.id)).toMatchObject({ transcript_text: ' Three  new\nwords ', word_count: 3 });
    expect(await readFile(file, 'utf8')).toBe(VTT);

    const del = await adminInject(t, 'DELETE', `/api/videos/${video.id}/transcript`);
    expect(del.json()).toEqual({ status: 'ok', message: 'Transcription deleted' });
    expect(await row(t, video.id)).toBeUndefined();
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
    const after = await adminInject(t, 'GET', `/api/videos/${video.id}/transcript`);
    expect(after.json()).toMatchObject({ status: 'none' });
  });

  describe('caption upload', () => {
    it('converts SRT to WebVTT, stores captions.vtt and completes the transcription', async () => {
      const res = await uploadCaptions(t, video.id, 'Movie.SRT', SRT, { language: 'ES' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'completed',
        language: 'es',
        text: 'Hello there general kenobi',
        word_count: 4,
        vtt_url: `/videos/${video.slug}/captions.vtt`,
        error_message: null,
      });
      const file = path.join(t.container.layout.videoDir(video.slug), CAPTIONS_VTT);
      expect(await readFile(file, 'utf8')).toBe(
        'WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500\nHello there\n\n2\n00:00:03.000 --> 00:00:04.000\ngeneral kenobi\n\n',
      );
      expect(await row(t, video.id)).toMatchObject({ status: 'completed', vtt_path: file });
      const served = await t.publicApp.inject({ method: 'GET', url: `/videos/${video.slug}/captions.vtt` });
      expect(served.statusCode).toBe(200);
      expect(served.body).toContain('general kenobi');
      const detail = await t.publicApp.inject({ method: 'GET', url: `/api/videos/${video.slug}` });
      expect(detail.json()).toMatchObject({
        captions_url: `/videos/${video.slug}/captions.vtt`,
        captions_language: 'es',
        transcription_status: 'completed',
      });
    });

    it('stores a WebVTT file as sent (line ends normalised), language en by default, replacing a failed row', async () => {
      await adminInject(t, 'POST', `/api/videos/${video.id}/transcribe`, {});
      await t.container.db
        .updateTable('transcriptions')
        .set({ status: 'failed', error_message: 'x' })
        .execute();
      const res = await uploadCaptions(t, video.id, 'a.vtt', VTT.replace(/\n/g, '\r\n'));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'completed',
        language: 'en',
        text: 'First cue',
        word_count: 2,
      });
      const file = path.join(t.container.layout.videoDir(video.slug), CAPTIONS_VTT);
      expect(await readFile(file, 'utf8')).toBe(VTT);
    });

    it.each([
      ['a.txt', 'hello', 400, 'Unsupported caption format. Allowed: .srt, .vtt'],
      ['a.vtt', 'not webvtt', 400, 'Not a WebVTT file: the first line must be "WEBVTT"'],
      ['a.vtt', 'WEBVTT\n\nNOTE only\n', 400, /^No well-formed cue found/],
      ['a.srt', 'just text', 400, /^No well-formed subtitle found/],
      ['a.srt', Buffer.from([0xff, 0xfe, 0x00, 0x41]), 400, 'The caption file is not UTF-8 text'],
      [
        'a.vtt',
        `WEBVTT\n\n00:00.000 --> 00:01.000\n${'x'.repeat(2 * 1024 * 1024)}\n`,
        413,
        'File too large. Maximum size: 2MB',
      ],
    ] as const)('%s (%#) → %s', async (name, content, status, detail) => {
      const res = await uploadCaptions(t, video.id, name, content);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json<{ detail: string }>().detail).toMatch(detail);
      expect(await row(t, video.id)).toBeUndefined();
    });

    it('refuses an unknown language, a missing file, a missing or archived video, and a running transcription', async () => {
      const lang = await uploadCaptions(t, video.id, 'a.vtt', VTT, { language: 'klingon' });
      expect(lang.statusCode).toBe(400);
      const body = multipart({ language: 'en' });
      const noFile = await t.adminApp.inject({
        method: 'PUT',
        url: `/api/videos/${video.id}/captions`,
        payload: body.payload,
        headers: { ...body.headers, 'x-admin-secret': 'test-admin-secret-0123456789abcdef' },
      });
      expect(noFile.json()).toEqual({ detail: 'A caption file is required (multipart field "file")' });
      expect((await uploadCaptions(t, 999999, 'a.vtt', VTT)).statusCode).toBe(404);
      const archived = await addVideo(t, { deleted: true });
      expect((await uploadCaptions(t, archived.id, 'a.vtt', VTT)).json()).toEqual({
        detail: 'Cannot add captions to a deleted video',
      });
      await adminInject(t, 'POST', `/api/videos/${video.id}/transcribe`, {});
      await t.container.db
        .updateTable('transcriptions')
        .set({ status: 'processing' })
        .where('video_id', '=', video.id)
        .execute();
      const busy = await uploadCaptions(t, video.id, 'a.vtt', VTT);
      expect(busy.json()).toEqual({ detail: 'Transcription already in progress' });
      expect(await row(t, video.id)).toMatchObject({ status: 'processing' });
    });
  });

  describe('public GET /api/videos/{slug}/transcript', () => {
    const get = (slug: string) =>
      t.publicApp.inject({ method: 'GET', url: `/api/videos/${slug}/transcript` });

    it('answers for an unpublished video, vtt_url only when completed, 404 when archived or unknown', async () => {
      const draft = await addVideo(t, { published: false });
      expect((await get(draft.slug)).json()).toMatchObject({ status: 'none', vtt_url: null, text: null });
      await adminInject(t, 'POST', `/api/videos/${draft.id}/transcribe`, { language: 'en' });
      expect((await get(draft.slug)).json()).toMatchObject({
        status: 'pending',
        language: 'en',
        vtt_url: null,
      });
      await uploadCaptions(t, video.id, 'a.vtt', VTT);
      const done = await get(video.slug);
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({
        status: 'completed',
        text: 'First cue',
        vtt_url: `/videos/${video.slug}/captions.vtt`,
        word_count: 2,
      });
      expect(done.json<{ completed_at: string }>().completed_at).toMatch(/^\d{4}-\d\d-\d\dT/);
      const archived = await addVideo(t, { deleted: true });
      for (const slug of [archived.slug, 'no-such-video']) {
        const res = await get(slug);
        expect(res.statusCode).toBe(404);
        expect(res.json()).toEqual({ detail: 'Video not found' });
      }
    });

    it('hides internals of a failure message (as the video detail does)', async () => {
      await adminInject(t, 'POST', `/api/videos/${video.id}/transcribe`, {});
      await t.container.db
        .updateTable('transcriptions')
        .set({ status: 'failed', error_message: 'ffmpeg failed on /data/storage/uploads/1.mp4' })
        .where('video_id', '=', video.id)
        .execute();
      expect((await get(video.slug)).json<{ error_message: string }>().error_message).not.toContain('/data');
      const admin = await adminInject(t, 'GET', `/api/videos/${video.id}/transcript`);
      expect(admin.json<{ error_message: string }>().error_message).toContain('/data');
    });
  });
});
