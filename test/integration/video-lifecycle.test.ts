// Video lifecycle (api-admin.md §5.1, §5.4, §5.5, §19.7): retry resets the job, re-upload, qualities,
// retranscode with cleanup deferred to the claim, publish/unpublish, PUT. DB parts on both drivers;
// the real-worker round trips (retry → ready, retranscode → rebuilt) on PGlite with a 2 s clip.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getClip } from '../helpers/media-clips.js';
import { startApiWorker } from '../helpers/api-worker.js';
import type { Updateable } from 'kysely';
import type { VideosTable } from '../../src/db/database.types.js';
import { adminInject, adminMultipart, FAKE_VIDEO } from '../helpers/admin-inject.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';
import { waitFor, waitVideoSettled } from '../helpers/wait.js';
import type { WorkerLoop } from '../../src/worker/local-worker.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface Uploaded {
  video_id: number;
  slug: string;
}

function harness(get: () => TestApp) {
  const api = (
    method: Method,
    url: string,
    payload?: object | string,
    headers: Record<string, string> = {},
  ) => adminInject(get(), method, url, payload, headers);
  const sendMultipart = (
    url: string,
    fields: Record<string, string>,
    file?: { name: string; content: Buffer },
  ) =>
    adminMultipart(get(), url.replace(/^PUT /, ''), fields, file, {
      method: url.startsWith('PUT ') ? 'PUT' : 'POST',
    });
  const db = () => get().container.db;
  let seeded = 0;
  return {
    api,
    sendMultipart,
    /** A pending video with its job and a source file, written directly (no HTTP, no ffprobe). */
    async seed(title: string): Promise<Uploaded> {
      const { layout } = get().container;
      const slug = `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${++seeded}`;
      const row = await db()
        .insertInto('videos')
        .values({ title, slug, status: 'pending' })
        .returning(['id', 'slug'])
        .executeTakeFirstOrThrow();
      await db()
        .insertInto('transcoding_jobs')
        .values({ video_id: row.id, current_step: 'pending', attempt_number: 1, max_attempts: 3 })
        .execute();
      await writeFile(layout.uploadFile(row.id, '.mp4'), FAKE_VIDEO);
      await mkdir(layout.videoDir(row.slug), { recursive: true });
      return { video_id: row.id, slug: row.slug };
    },
    async upload(title: string, content = FAKE_VIDEO, name = 'clip.mp4'): Promise<Uploaded> {
      const res = await sendMultipart('/api/videos', { title }, { name, content });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Uploaded>();
    },
    video: (id: number) =>
      db().selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    /** Sets columns of a video row directly (a state the API would take a worker to reach). */
    setVideo: (id: number, values: Updateable<VideosTable>) =>
      db().updateTable('videos').set(values).where('id', '=', id).execute(),
    job: (id: number) =>
      db().selectFrom('transcoding_jobs').selectAll().where('video_id', '=', id).executeTakeFirstOrThrow(),
    transcriptionIds: async (id: number) =>
      (await db().selectFrom('transcriptions').select('id').where('video_id', '=', id).execute()).map(
        (r) => r.id,
      ),
    qualityNames: async (id: number) =>
      (await db().selectFrom('video_qualities').select('quality').where('video_id', '=', id).execute())
        .map((r) => r.quality)
        .sort(),
    /** Claims exactly this video's job (other unfinished jobs are parked as completed first). */
    async claimOnly(videoId: number) {
      await db()
        .updateTable('transcoding_jobs')
        .set({ completed_at: new Date() })
        .where('video_id', '!=', videoId)
        .where('completed_at', 'is', null)
        .execute();
      const claimed = await get().container.services.jobs.claim({
        workerId: 'test-worker',
        workerName: 'test',
      });
      expect(claimed?.videoId).toBe(videoId);
      return claimed as NonNullable<typeof claimed>;
    },
  };
}

/** Files of a finished video: CMAF 480p/360p, a TS `original`, master, DASH, thumbnail, captions. */
const READY_FILES = [
  'master.m3u8',
  'manifest.mpd',
  'thumbnail.jpg',
  'captions.vtt',
  '480p/stream.m3u8',
  '480p/init.mp4',
  '480p/seg_0000.m4s',
  '360p/stream.m3u8',
  '360p/init.mp4',
  '360p/seg_0000.m4s',
  'original.m3u8',
  'original_0000.ts',
  'original_0001.ts',
];

describe.each(DRIVERS)('video lifecycle (%s)', (driver) => {
  const t = useTestApp(driver);
  const h = harness(() => t);

  const dirOf = (slug: string) => t.container.layout.videoDir(slug);
  // Shared by the table-driven refusals (a refused request changes nothing).
  let badBodyVideo: Uploaded | undefined;
  let editVideo: Uploaded | undefined;

  /** Turns an upload into a finished 854x480 video with files, quality rows and a transcript. */
  async function makeReady(v: Uploaded, files = READY_FILES, qualities = ['480p', '360p', 'original']) {
    for (const f of files) {
      await mkdir(path.dirname(path.join(dirOf(v.slug), f)), { recursive: true });
      await writeFile(path.join(dirOf(v.slug), f), `#${f}\n`);
    }
    const db = t.container.db;
    await db
      .updateTable('videos')
      .set({ status: 'ready', duration: 2, source_width: 854, source_height: 480, published_at: new Date() })
      .where('id', '=', v.video_id)
      .execute();
    await db
      .insertInto('video_qualities')
      .values(
        qualities.map((q) => ({ video_id: v.video_id, quality: q, width: 854, height: 480, bitrate: 1000 })),
      )
      .execute();
    await db.insertInto('transcriptions').values({ video_id: v.video_id, status: 'completed' }).execute();
    await db
      .updateTable('transcoding_jobs')
      .set({ completed_at: new Date(), progress_percent: 100, current_step: 'finalize' })
      .where('video_id', '=', v.video_id)
      .execute();
  }

  describe('POST /api/videos/{id}/retry', () => {
    it('resets a permanently failed job so a worker claims it again', async () => {
      const v = await h.seed('Retry Me');
      const db = t.container.db;
      const before = await h.job(v.video_id);
      await db
        .updateTable('transcoding_jobs')
        .set({
          completed_at: new Date(),
          last_error: 'boom',
          attempt_number: 3,
          worker_id: 'w',
          current_step: 'transcode',
          progress_percent: 40,
        })
        .where('id', '=', before.id)
        .execute();
      await db
        .insertInto('quality_progress')
        .values({ job_id: before.id, quality: '360p', status: 'failed', progress_percent: 40 })
        .execute();
      await db
        .updateTable('videos')
        .set({ status: 'failed', error_message: 'boom' })
        .where('id', '=', v.video_id)
        .execute();

      const res = await h.api('POST', `/api/videos/${v.video_id}/retry`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', message: 'Video queued for retry' });
      expect(await h.video(v.video_id)).toMatchObject({ status: 'pending', error_message: null });
      const job = await h.job(v.video_id);
      expect(job).toMatchObject({
        id: before.id,
        attempt_number: 1,
        completed_at: null,
        claimed_at: null,
        claim_expires_at: null,
        worker_id: null,
        last_error: null,
        current_step: 'pending',
        progress_percent: 0,
      });
      const progress = await db
        .selectFrom('quality_progress')
        .select('id')
        .where('job_id', '=', job.id)
        .execute();
      expect(progress).toEqual([]);
      const claimed = await h.claimOnly(v.video_id);
      expect(claimed.attemptNumber).toBe(1);
      await t.container.services.jobs.release({ jobId: claimed.jobId, workerId: 'test-worker' });
    });

    it('creates the job when the failed video has none', async () => {
      const v = await h.seed('Retry Without Job');
      await t.container.db.deleteFrom('transcoding_jobs').where('video_id', '=', v.video_id).execute();
      await h.setVideo(v.video_id, { status: 'failed' });
      expect((await h.api('POST', `/api/videos/${v.video_id}/retry`)).statusCode).toBe(200);
      expect(await h.job(v.video_id)).toMatchObject({ attempt_number: 1, completed_at: null });
    });

    it('refuses videos that are not failed, without a source, unknown or malformed ids', async () => {
      const v = await h.seed('Not Failed');
      const pending = await h.api('POST', `/api/videos/${v.video_id}/retry`);
      expect(pending.statusCode).toBe(400);
      expect(pending.json()).toEqual({ detail: 'Video is not in failed state' });
      await h.setVideo(v.video_id, { status: 'failed' });
      await rm(t.container.layout.uploadFile(v.video_id, '.mp4'));
      const gone = await h.api('POST', `/api/videos/${v.video_id}/retry`);
      expect(gone.statusCode).toBe(400);
      expect(gone.json()).toEqual({ detail: 'Source file no longer exists' });
      const missing = await h.api('POST', '/api/videos/999999/retry');
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual({ detail: 'Video not found' });
      expect((await h.api('POST', '/api/videos/abc/retry')).statusCode).toBe(400);
    });
  });

  describe('POST /api/videos/{id}/re-upload', () => {
    it('replaces the source and outputs, resets rows and job, keeps title, slug and dates', async () => {
      const v = await h.seed('Reupload Me');
      await makeReady(v);
      const old = await h.video(v.video_id);
      const oldJob = await h.job(v.video_id);
      // A real video: a file that is not one is refused before anything is replaced (reupload-probe.test.ts).
      const content = await readFile(await getClip('landscape480x5s'));
      const res = await h.sendMultipart(
        `/api/videos/${v.video_id}/re-upload`,
        {},
        { name: 'new.webm', content },
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        status: 'ok',
        video_id: v.video_id,
        slug: v.slug,
        message: 'Video queued for reprocessing',
      });
      const video = await h.video(v.video_id);
      expect(video).toMatchObject({
        status: 'pending',
        title: 'Reupload Me',
        slug: v.slug,
        source_width: 854,
        source_height: 480,
      });
      expect(video.duration).toBeCloseTo(5, 0);
      expect(video.published_at).toEqual(old.published_at);
      expect(video.created_at).toEqual(old.created_at);
      const job = await h.job(v.video_id);
      expect(job.id).not.toBe(oldJob.id);
      expect(job).toMatchObject({ attempt_number: 1, completed_at: null, retranscode_metadata: null });
      expect(await h.qualityNames(v.video_id)).toEqual([]);
      expect(await h.transcriptionIds(v.video_id)).toEqual([]);
      expect(existsSync(t.container.layout.uploadFile(v.video_id, '.mp4'))).toBe(false);
      expect(await readFile(t.container.layout.uploadFile(v.video_id, '.webm'))).toEqual(content);
      expect(existsSync(dirOf(v.slug))).toBe(true);
      expect(existsSync(path.join(dirOf(v.slug), 'master.m3u8'))).toBe(false);
      expect(existsSync(path.join(dirOf(v.slug), '480p'))).toBe(false);
      // Nothing of the old files is left lying around under another name.
      expect((await readdir(t.container.layout.dirs.videosDir)).filter((n) => n.includes(v.slug))).toEqual([
        v.slug,
      ]);
      expect(
        (await readdir(t.container.layout.dirs.uploadsDir)).filter((n) => n.includes('replaced')),
      ).toEqual([]);
    });

    it('refuses processing and deleted videos, bad files, unknown ids', async () => {
      const v = await h.seed('Reupload Refused');
      const file = { name: 'x.mp4', content: FAKE_VIDEO };
      await h.setVideo(v.video_id, { status: 'processing' });
      const busy = await h.sendMultipart(`/api/videos/${v.video_id}/re-upload`, {}, file);
      expect(busy.statusCode).toBe(400);
      expect(busy.json()).toEqual({ detail: 'Cannot re-upload while video is processing' });
      await h.setVideo(v.video_id, { status: 'ready' });

      const badExt = await h.sendMultipart(
        `/api/videos/${v.video_id}/re-upload`,
        {},
        { ...file, name: 'x.exe' },
      );
      expect(badExt.statusCode).toBe(400);
      expect(badExt.json<{ detail: string }>().detail).toMatch(/^Invalid file type '\.exe'/);
      const noFile = await h.sendMultipart(`/api/videos/${v.video_id}/re-upload`, { title: 'x' });
      expect(noFile.statusCode).toBe(400);
      expect(noFile.json()).toEqual({ detail: 'A video file is required (multipart field "file")' });
      const notMultipart = await h.api('POST', `/api/videos/${v.video_id}/re-upload`, { file: 'x' });
      expect(notMultipart.statusCode).toBe(400);
      expect(await readFile(t.container.layout.uploadFile(v.video_id, '.mp4'))).toEqual(FAKE_VIDEO);

      expect((await h.api('DELETE', `/api/videos/${v.video_id}`)).statusCode).toBe(200);
      const deleted = await h.sendMultipart(`/api/videos/${v.video_id}/re-upload`, {}, file);
      expect(deleted.statusCode).toBe(400);
      expect(deleted.json()).toEqual({ detail: 'Cannot re-upload a deleted video' });
      const missing = await h.sendMultipart('/api/videos/999999/re-upload', {}, file);
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual({ detail: 'Video not found' });
    });
  });

  describe('GET /api/videos/{id}/qualities', () => {
    it('lists the ladder the source allows and the existing renditions', async () => {
      const v = await h.seed('Quality List');
      await makeReady(v, [], ['480p', '360p']);
      const res = await h.api('GET', `/api/videos/${v.video_id}/qualities`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        video_id: v.video_id,
        source_width: 854,
        source_height: 480,
        available_qualities: ['original', '480p', '360p'],
        existing_qualities: [
          { name: '480p', width: 854, height: 480, bitrate: 1000, status: 'completed' },
          { name: '360p', width: 854, height: 480, bitrate: 1000, status: 'completed' },
        ],
      });
      expect((await h.api('GET', '/api/videos/999999/qualities')).json()).toEqual({
        detail: 'Video not found',
      });
    });
  });

  describe('POST /api/videos/{id}/retranscode (deferred cleanup)', () => {
    it('"all": nothing is deleted until a worker claims the job, then every output goes', async () => {
      const v = await h.seed('Retranscode All');
      await makeReady(v);
      const res = await h.api('POST', `/api/videos/${v.video_id}/retranscode`, { qualities: ['all'] });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        status: 'ok',
        video_id: v.video_id,
        message: 'Video queued for re-transcoding',
        qualities_queued: ['original', '480p', '360p'],
      });
      // Still ready and served.
      expect((await h.video(v.video_id)).status).toBe('ready');
      for (const f of READY_FILES) expect(existsSync(path.join(dirOf(v.slug), f)), f).toBe(true);
      const served = await t.publicApp.inject({ method: 'GET', url: `/videos/${v.slug}/480p/stream.m3u8` });
      expect(served.statusCode).toBe(200);
      expect(await h.qualityNames(v.video_id)).toEqual(['360p', '480p', 'original']);
      const job = await h.job(v.video_id);
      expect(job).toMatchObject({ attempt_number: 1, completed_at: null });
      expect(JSON.parse(job.retranscode_metadata ?? 'null')).toEqual({
        retranscode_all: true,
        qualities_to_delete: ['original', '480p', '360p'],
        delete_transcription: true,
        video_dir: dirOf(v.slug),
      });

      const claimed = await h.claimOnly(v.video_id);
      for (const f of READY_FILES) expect(existsSync(path.join(dirOf(v.slug), f)), f).toBe(false);
      expect(existsSync(dirOf(v.slug))).toBe(true);
      expect(await h.qualityNames(v.video_id)).toEqual([]);
      expect(await h.transcriptionIds(v.video_id)).toEqual([]);
      expect((await h.job(v.video_id)).retranscode_metadata).toBeNull();
      expect((await h.video(v.video_id)).status).toBe('processing');
      await t.container.services.jobs.release({ jobId: claimed.jobId, workerId: 'test-worker' });
    });

    it('a subset removes only the listed qualities (MPEG-TS layout), at claim time', async () => {
      const v = await h.seed('Retranscode Subset');
      const files = [
        'master.m3u8',
        'thumbnail.jpg',
        '720p.m3u8',
        '720p_0000.ts',
        '720p_0001.ts',
        '480p.m3u8',
        '480p_0000.ts',
      ];
      await makeReady(v, files, ['720p', '480p']);
      const res = await h.api('POST', `/api/videos/${v.video_id}/retranscode`, {
        qualities: ['720p', '720p'],
        priority: 'high',
      });
      expect(res.json()).toMatchObject({ qualities_queued: ['720p'] });
      for (const f of files) expect(existsSync(path.join(dirOf(v.slug), f)), f).toBe(true);
      const claimed = await h.claimOnly(v.video_id);
      const left = files.filter((f) => existsSync(path.join(dirOf(v.slug), f)));
      expect(left).toEqual(['master.m3u8', 'thumbnail.jpg', '480p.m3u8', '480p_0000.ts']);
      expect(await h.qualityNames(v.video_id)).toEqual(['480p']);
      // The transcript is kept for a partial retranscode.
      const transcripts = await t.container.db
        .selectFrom('transcriptions')
        .select('id')
        .where('video_id', '=', v.video_id)
        .execute();
      expect(transcripts).toHaveLength(1);
      await t.container.services.jobs.release({ jobId: claimed.jobId, workerId: 'test-worker' });
    });

    it.each([
      [{}],
      [{ qualities: [] }],
      [{ qualities: ['4k'] }],
      [{ qualities: 'all' }],
      [{ qualities: ['all'], priority: 'urgent' }],
    ])('refuses body %j (400)', async (body) => {
      badBodyVideo ??= await h.seed('Retranscode Bad Body');
      const v = badBodyVideo;
      const res = await h.api('POST', `/api/videos/${v.video_id}/retranscode`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ detail: expect.stringMatching(/^Invalid body/) });
    });

    it('refuses unknown, deleted, processing and source-less videos', async () => {
      const body = { qualities: ['all'] };
      const missing = await h.api('POST', '/api/videos/999999/retranscode', body);
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual({ detail: 'Video not found' });
      const v = await h.seed('Retranscode Refused');
      await h.setVideo(v.video_id, { status: 'processing' });
      const busy = await h.api('POST', `/api/videos/${v.video_id}/retranscode`, body);
      expect(busy.json()).toEqual({ detail: 'Cannot re-transcode while video is processing' });
      await h.setVideo(v.video_id, { status: 'ready' });
      await rm(t.container.layout.uploadFile(v.video_id, '.mp4'));
      const noSource = await h.api('POST', `/api/videos/${v.video_id}/retranscode`, body);
      expect(noSource.statusCode).toBe(400);
      expect(noSource.json()).toEqual({
        detail: 'Source file not found. Cannot re-transcode without original video file.',
      });
      await h.api('DELETE', `/api/videos/${v.video_id}`);
      const deleted = await h.api('POST', `/api/videos/${v.video_id}/retranscode`, body);
      expect(deleted.json()).toEqual({ detail: 'Cannot re-transcode a deleted video' });
    });
  });

  describe('publish, unpublish', () => {
    it('publish sets published_at once (idempotent), unpublish clears it', async () => {
      const v = await h.seed('Publish Me');
      const res = await h.api('POST', `/api/videos/${v.video_id}/publish`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', published: true });
      const first = (await h.video(v.video_id)).published_at;
      expect(first).not.toBeNull();
      await h.api('POST', `/api/videos/${v.video_id}/publish`);
      expect((await h.video(v.video_id)).published_at).toEqual(first);
      const un = await h.api('POST', `/api/videos/${v.video_id}/unpublish`);
      expect(un.json()).toEqual({ status: 'ok', published: false });
      expect((await h.video(v.video_id)).published_at).toBeNull();
    });

    it('refuses deleted videos (400) and unknown ids (404)', async () => {
      const v = await h.seed('Publish Deleted');
      await h.api('DELETE', `/api/videos/${v.video_id}`);
      const pub = await h.api('POST', `/api/videos/${v.video_id}/publish`);
      expect(pub.statusCode).toBe(400);
      expect(pub.json()).toEqual({ detail: 'Cannot publish a deleted video' });
      const unpub = await h.api('POST', `/api/videos/${v.video_id}/unpublish`);
      expect(unpub.json()).toEqual({ detail: 'Cannot unpublish a deleted video' });
      for (const action of ['publish', 'unpublish']) {
        const res = await h.api('POST', `/api/videos/999999/${action}`);
        expect(res.statusCode).toBe(404);
        expect(res.json()).toEqual({ detail: 'Video not found' });
      }
    });
  });

  describe('PUT /api/videos/{id}', () => {
    it('updates fields from JSON, a urlencoded form or multipart', async () => {
      const v = await h.seed('Edit Me');
      const cat = await h.api('POST', '/api/categories', { name: 'Edit Category' });
      const categoryId = cat.json<{ id: number }>().id;
      const res = await h.api('PUT', `/api/videos/${v.video_id}`, {
        title: '  New Title  ',
        description: 'new words',
        category_id: categoryId,
        published_at: '2024-01-15T10:30Z',
        is_featured: true,
        slug: 'ignored-unknown-field',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'ok' });
      const video = await h.video(v.video_id);
      expect(video).toMatchObject({
        title: 'New Title',
        description: 'new words',
        category_id: categoryId,
        slug: v.slug,
        is_featured: true,
      });
      expect(video.published_at?.toISOString()).toBe('2024-01-15T10:30:00.000Z');
      expect(video.featured_at).not.toBeNull();

      const form = await h.api(
        'PUT',
        `/api/videos/${v.video_id}`,
        'category_id=0&published_at=&is_featured=false&description=',
        { 'content-type': 'application/x-www-form-urlencoded' },
      );
      expect(form.statusCode, form.body).toBe(200);
      expect(await h.video(v.video_id)).toMatchObject({
        category_id: null,
        published_at: null,
        is_featured: false,
        featured_at: null,
        description: '',
        title: 'New Title',
      });

      const multi = await h.sendMultipart(`PUT /api/videos/${v.video_id}`, {
        title: 'Multipart Title',
        published_at: '2024-02-29T08:00:00+02:00',
      });
      expect(multi.statusCode, multi.body).toBe(200);
      const after = await h.video(v.video_id);
      expect(after.title).toBe('Multipart Title');
      expect(after.published_at?.toISOString()).toBe('2024-02-29T06:00:00.000Z');
    });

    it.each([
      [{ title: '   ' }, 'Title is required'],
      [{ title: 'x'.repeat(256) }, 'Title must be at most 255 characters'],
      [{ description: 'x'.repeat(5001) }, 'Description must be at most 5000 characters'],
      [{ category_id: 999999 }, 'Category with ID 999999 does not exist'],
      [{ published_at: 'yesterday' }, 'Invalid date format. Use ISO format (YYYY-MM-DDTHH:MM)'],
      [{ published_at: '2023-02-30T10:00' }, 'Invalid date format. Use ISO format (YYYY-MM-DDTHH:MM)'],
    ])('refuses %j (400)', async (body, detail) => {
      editVideo ??= await h.seed('Edit Refused');
      const v = editVideo;
      const res = await h.api('PUT', `/api/videos/${v.video_id}`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ detail });
      expect((await h.video(v.video_id)).title).toBe('Edit Refused');
    });

    it('refuses badly typed fields (400) and unknown videos (404)', async () => {
      const v = await h.seed('Edit Types');
      for (const body of [{ category_id: 'abc' }, { is_featured: 'maybe' }]) {
        const res = await h.api('PUT', `/api/videos/${v.video_id}`, body);
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual({ detail: expect.stringMatching(/^Invalid body/) });
      }
      const missing = await h.api('PUT', '/api/videos/999999', { title: 'x' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual({ detail: 'Video not found' });
    });
  });
});

describe('retry and retranscode with the real worker (PGlite, 2 s clip)', () => {
  let t: TestApp;
  let worker: WorkerLoop | null = null;
  const h = harness(() => t);
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
  });

  const startWorker = async () => {
    worker = await startApiWorker(t);
  };
  const stopWorker = async () => {
    await worker?.stop();
    worker = null;
  };
  const settled = (id: number) => waitVideoSettled(t, id, { timeoutMs: 60_000 });

  it('a permanently failed video is retried after its source is fixed, and ends ready', async () => {
    const broken = await readFile(await getClip('notAVideo'));
    const v = await h.upload('Worker Retry', broken);
    await startWorker();
    const failed = await settled(v.video_id);
    expect(failed.status).toBe('failed');
    expect((await h.job(v.video_id)).completed_at).not.toBeNull();

    // The admin replaces the file on disk (e.g. restored from a backup) and retries.
    await writeFile(t.container.layout.uploadFile(v.video_id, '.mp4'), await readFile(await getClip('webm')));
    const res = await h.api('POST', `/api/videos/${v.video_id}/retry`);
    expect(res.statusCode, res.body).toBe(200);
    const ready = await waitFor(
      async () => {
        const row = await h.video(v.video_id);
        return row.status === 'ready' ? row : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100, what: 'the retried video to be ready' },
    );
    expect(ready.error_message).toBeNull();
    expect(await h.qualityNames(v.video_id)).toEqual(['360p', '480p']);
    expect(await h.job(v.video_id)).toMatchObject({
      attempt_number: 1,
      last_error: null,
      progress_percent: 100,
    });
    expect(existsSync(path.join(t.container.layout.videoDir(v.slug), '480p', 'stream.m3u8'))).toBe(true);
  });

  it('retranscode keeps serving the old files until the claim, deletes them then, and the worker rebuilds', async () => {
    await stopWorker();
    const [v] = (
      await t.container.db.selectFrom('videos').select(['id', 'slug']).where('status', '=', 'ready').execute()
    ).map((r) => ({ video_id: r.id, slug: r.slug }));
    if (!v) throw new Error('the previous test leaves a ready video');
    const dir = t.container.layout.videoDir(v.slug);
    const playlist = path.join(dir, '480p', 'stream.m3u8');

    const res = await h.api('POST', `/api/videos/${v.video_id}/retranscode`, { qualities: ['480p'] });
    expect(res.statusCode, res.body).toBe(200);
    const page = await t.publicApp.inject({ method: 'GET', url: `/api/videos/${v.slug}` });
    expect(page.json()).toMatchObject({ status: 'ready', stream_url: `/videos/${v.slug}/master.m3u8` });
    const served = await t.publicApp.inject({ method: 'GET', url: `/videos/${v.slug}/480p/stream.m3u8` });
    expect(served.statusCode).toBe(200);

    const claimed = await h.claimOnly(v.video_id);
    expect(existsSync(playlist)).toBe(false);
    expect(existsSync(path.join(dir, '360p', 'stream.m3u8'))).toBe(true);
    expect(await h.qualityNames(v.video_id)).toEqual(['360p']);
    await t.container.services.jobs.release({ jobId: claimed.jobId, workerId: 'test-worker' });

    await startWorker();
    const ready = await waitFor(
      async () => {
        const row = await h.video(v.video_id);
        return row.status === 'ready' && existsSync(playlist) ? row : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100, what: 'the retranscoded video to be ready' },
    );
    expect(ready.error_message).toBeNull();
    expect(await h.qualityNames(v.video_id)).toEqual(['360p', '480p']);
    expect((await h.job(v.video_id)).retranscode_metadata).toBeNull();
    const rebuilt = await t.publicApp.inject({ method: 'GET', url: `/videos/${v.slug}/480p/stream.m3u8` });
    expect(rebuilt.statusCode).toBe(200);
  });
});
