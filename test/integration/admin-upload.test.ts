// Admin upload route POST /api/videos (api-admin.md §5.2): stored file + row + job, slugs, 400/413 refusals that leave nothing behind.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  adminInject,
  FAKE_VIDEO,
  uploadFake,
  uploadVideo,
  type UploadBody,
} from '../helpers/admin-inject.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

describe.each(DRIVERS)('admin upload (%s)', (driver) => {
  const t = useTestApp(driver);
  const upload = uploadVideo;
  const uploadOk = (title: string, extra: Record<string, string> = {}) => uploadFake(t, title, extra);
  const videoRow = (id: number) =>
    t.container.db.selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirst();
  const uploadsDirEntries = async () => (await readdir(t.config.uploadsDir)).sort();

  /** Runs `fn` and asserts it left no video row and no file (final or `.incoming-*`) behind. */
  async function leavesNothing(app: TestApp, fn: () => Promise<void>) {
    const rows = (await app.container.db.selectFrom('videos').select('id').execute()).length;
    const files = (await readdir(app.config.uploadsDir)).sort();
    await fn();
    expect((await app.container.db.selectFrom('videos').select('id').execute()).length).toBe(rows);
    const after = (await readdir(app.config.uploadsDir)).sort();
    expect(after).toEqual(files);
    expect(after.filter((f) => f.startsWith('.incoming-'))).toEqual([]);
  }

  describe('POST /api/videos (upload)', () => {
    it('stores the file, creates the video row and its transcoding job', async () => {
      const res = await upload(
        t,
        { title: '  My First Clip ', description: 'hello' },
        { name: 'Clip.MP4', content: FAKE_VIDEO },
      );
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<UploadBody>();
      expect(body).toEqual({
        status: 'ok',
        video_id: expect.any(Number),
        slug: 'my-first-clip',
        message: 'Video queued for processing',
      });
      const row = await videoRow(body.video_id);
      expect(row).toMatchObject({
        title: 'My First Clip',
        slug: 'my-first-clip',
        description: 'hello',
        status: 'pending',
        streaming_format: 'cmaf',
        primary_codec: 'h264',
        published_at: null,
        deleted_at: null,
        category_id: null,
      });
      const jobs = await t.container.db
        .selectFrom('transcoding_jobs')
        .selectAll()
        .where('video_id', '=', body.video_id)
        .execute();
      expect(jobs).toHaveLength(1);
      expect(jobs[0]?.completed_at).toBeNull();
      const stored = path.join(t.config.uploadsDir, `${body.video_id}.mp4`);
      expect(await readFile(stored)).toEqual(FAKE_VIDEO);
      expect(existsSync(path.join(t.config.videosDir, 'my-first-clip'))).toBe(true);
      expect((await uploadsDirEntries()).filter((f) => f.startsWith('.incoming-'))).toEqual([]);
    });

    it('keeps the allowed extension of the upload', async () => {
      const res = await upload(t, { title: 'Matroska' }, { name: 'movie.mkv', content: FAKE_VIDEO });
      expect(res.statusCode).toBe(200);
      expect(existsSync(path.join(t.config.uploadsDir, `${res.json<UploadBody>().video_id}.mkv`))).toBe(true);
    });

    it('de-duplicates slugs', async () => {
      const a = await uploadOk('Same Title');
      const b = await uploadOk('Same Title');
      const c = await uploadOk('same title!');
      expect([a.slug, b.slug, c.slug]).toEqual(['same-title', 'same-title-1', 'same-title-2']);
      expect(new Set([a.video_id, b.video_id, c.video_id]).size).toBe(3);
    });

    it('gives a title without letters or digits a valid slug', async () => {
      const body = await uploadOk('!!!');
      expect(body.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect((await videoRow(body.video_id))?.title).toBe('!!!');
    });

    it('refuses a missing title (400) and leaves nothing behind', async () => {
      await leavesNothing(t, async () => {
        const res = await upload(t, {}, { name: 'clip.mp4', content: FAKE_VIDEO });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual({ detail: 'Title is required' });
        const blank = await upload(t, { title: '   ' }, { name: 'clip.mp4', content: FAKE_VIDEO });
        expect(blank.json()).toEqual({ detail: 'Title is required' });
      });
    });

    it('refuses a title over 255 characters', async () => {
      await leavesNothing(t, async () => {
        const res = await upload(t, { title: 'x'.repeat(256) }, { name: 'clip.mp4', content: FAKE_VIDEO });
        expect(res.statusCode).toBe(400);
        expect(res.json<{ detail: string }>().detail).toContain('255');
      });
    });

    it('refuses a bad extension (400 listing allowed types) and leaves nothing behind', async () => {
      await leavesNothing(t, async () => {
        const res = await upload(t, { title: 'Malware' }, { name: 'evil.exe', content: FAKE_VIDEO });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual({
          detail: "Invalid file type '.exe'. Allowed: .avi, .mkv, .mov, .mp4, .webm",
        });
      });
    });

    it('refuses a request without a file (400)', async () => {
      await leavesNothing(t, async () => {
        const res = await upload(t, { title: 'No File' });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual({ detail: 'A video file is required (multipart field "file")' });
        const wrongField = await upload(
          t,
          { title: 'No File' },
          { name: 'clip.mp4', content: FAKE_VIDEO, field: 'video' },
        );
        expect(wrongField.statusCode).toBe(400);
      });
    });

    it('refuses an empty file (400)', async () => {
      await leavesNothing(t, async () => {
        const res = await upload(t, { title: 'Empty' }, { name: 'clip.mp4', content: Buffer.alloc(0) });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual({ detail: 'The uploaded file is empty' });
      });
    });

    it('refuses an unknown or malformed category_id (400)', async () => {
      await leavesNothing(t, async () => {
        const res = await upload(
          t,
          { title: 'Orphan', category_id: '999999' },
          { name: 'clip.mp4', content: FAKE_VIDEO },
        );
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual({ detail: 'Category with ID 999999 does not exist' });
        const bad = await upload(
          t,
          { title: 'Orphan', category_id: 'abc' },
          { name: 'clip.mp4', content: FAKE_VIDEO },
        );
        expect(bad.statusCode).toBe(400);
        expect(bad.json()).toEqual({ detail: 'category_id must be an integer' });
      });
    });

    it('refuses a body that is not multipart (400)', async () => {
      await leavesNothing(t, async () => {
        const res = await adminInject(t, 'POST', '/api/videos', { title: 'json' });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual({ detail: 'Expected multipart/form-data with a file field' });
      });
    });

    it('refuses an oversize file (413) and leaves nothing behind', async () => {
      const small = await createTestApp(driver, { VLOG_MAX_UPLOAD_SIZE: '1000' });
      try {
        await leavesNothing(small, async () => {
          const streamed = await upload(
            small,
            { title: 'Too Big' },
            { name: 'big.mp4', content: Buffer.alloc(5000, 1) },
          );
          expect(streamed.statusCode).toBe(413);
          expect(streamed.json<{ detail: string }>().detail).toMatch(/^File too large/);
          const declared = await upload(
            small,
            { title: 'Too Big' },
            { name: 'big.mp4', content: Buffer.alloc(2 * 1024 * 1024, 1) },
          );
          expect(declared.statusCode).toBe(413);
          expect(declared.json<{ detail: string }>().detail).toMatch(/^File too large/);
        });
        const fits = await upload(
          small,
          { title: 'Fits' },
          { name: 'ok.mp4', content: Buffer.alloc(900, 1) },
        );
        expect(fits.statusCode).toBe(200);
      } finally {
        await small.close();
      }
    });
  });
});
