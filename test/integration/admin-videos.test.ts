// Admin video and category routes (api-admin.md §4, §5.1–5.3): list, detail, progress, soft/permanent delete, restore, categories (uploads: admin-upload.test.ts).
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminInject, FAKE_VIDEO, uploadFake } from '../helpers/admin-inject.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

describe.each(DRIVERS)('admin videos and categories (%s)', (driver) => {
  const t = useTestApp(driver);
  const uploadOk = (title: string, extra: Record<string, string> = {}) => uploadFake(t, title, extra);
  const admin = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    adminInject(t, method, url, payload);
  const videoRow = (id: number) =>
    t.container.db.selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirst();
  const videoCount = async () => (await t.container.db.selectFrom('videos').select('id').execute()).length;

  describe('GET /api/videos and /api/videos/{id}', () => {
    it('lists non-deleted videos newest first, with total_count on request', async () => {
      const first = await uploadOk('List One');
      const second = await uploadOk('List Two');
      const res = await admin('GET', '/api/videos?include_total=true&limit=500');
      expect(res.statusCode).toBe(200);
      const body = res.json<{
        videos: Array<{ id: number; status: string; thumbnail_url: string | null }>;
        total_count: number;
        has_more: boolean;
      }>();
      expect(body.total_count).toBe(await videoCount());
      expect(body.videos).toHaveLength(body.total_count);
      expect(body.has_more).toBe(false);
      expect(body.videos.slice(0, 2).map((v) => v.id)).toEqual([second.video_id, first.video_id]);
      const ids = body.videos.map((v) => v.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(body.videos[0]).toMatchObject({
        status: 'pending',
        thumbnail_url: null,
        streaming_format: 'cmaf',
        primary_codec: 'h264',
      });

      const paged = await admin('GET', '/api/videos?limit=1');
      expect(paged.json()).toMatchObject({
        has_more: true,
        total_count: null,
        videos: [{ id: second.video_id }],
      });
    });

    it('filters by status', async () => {
      const v = await uploadOk('Ready One');
      await t.container.db
        .updateTable('videos')
        .set({ status: 'ready' })
        .where('id', '=', v.video_id)
        .execute();
      const ready = await admin('GET', '/api/videos?status=ready');
      expect(ready.json<{ videos: Array<{ id: number }> }>().videos.map((x) => x.id)).toEqual([v.video_id]);
      const pending = await admin('GET', '/api/videos?status=pending&limit=500');
      const pendingIds = pending.json<{ videos: Array<{ id: number; status: string }> }>().videos;
      expect(pendingIds.length).toBeGreaterThan(0);
      expect(pendingIds.every((x) => x.status === 'pending')).toBe(true);
      const readyItem = ready.json<{ videos: Array<{ thumbnail_url: string }> }>().videos[0];
      expect(readyItem?.thumbnail_url).toBe('/videos/ready-one/thumbnail.jpg');
    });

    it.each([['limit=0'], ['limit=501'], ['offset=-1'], ['include_total=maybe']])(
      'refuses bad query %s (400)',
      async (q) => {
        const res = await admin('GET', `/api/videos?${q}`);
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual({ detail: expect.stringMatching(/^Invalid querystring/) });
      },
    );

    it('returns a video by id, 404 for an unknown id, 400 for a malformed id', async () => {
      const v = await uploadOk('Detail Me', { description: 'about it' });
      const res = await admin('GET', `/api/videos/${v.video_id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        id: v.video_id,
        slug: 'detail-me',
        description: 'about it',
        status: 'pending',
        stream_url: null,
        dash_url: null,
        qualities: [],
        deleted_at: null,
      });
      const missing = await admin('GET', '/api/videos/999999');
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual({ detail: 'Video not found' });
      for (const bad of ['abc', '0', '-1', '1.5', '99999999999']) {
        const r = await admin('GET', `/api/videos/${bad}`);
        expect(r.statusCode, bad).toBe(400);
        expect(r.json<{ detail: string }>().detail, bad).toMatch(/^Invalid params/);
      }
    });

    it('reports progress by id', async () => {
      const v = await uploadOk('Progress Me');
      const res = await admin('GET', `/api/videos/${v.video_id}/progress`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'pending',
        progress_percent: 0,
        qualities: [],
        attempt: 1,
        max_attempts: t.config.maxRetryAttempts,
        last_error: null,
      });
      const missing = await admin('GET', '/api/videos/999999/progress');
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual({ detail: 'Video not found' });
      expect((await admin('GET', '/api/videos/abc/progress')).statusCode).toBe(400);
    });
  });

  describe('DELETE /api/videos/{id} and restore', () => {
    it('archives files, hides the video, refuses a second delete, and restores it', async () => {
      const v = await uploadOk('Archive Me');
      const liveDir = path.join(t.config.videosDir, v.slug);
      const liveUpload = path.join(t.config.uploadsDir, `${v.video_id}.mp4`);
      const archivedDir = path.join(t.config.archiveDir, v.slug);
      const archivedUpload = path.join(t.config.archiveDir, 'uploads', `${v.video_id}.mp4`);
      await writeFile(path.join(liveDir, 'master.m3u8'), '#EXTM3U\n');
      await t.container.db
        .updateTable('videos')
        .set({ status: 'ready', published_at: new Date() })
        .where('id', '=', v.video_id)
        .execute();
      expect((await t.publicApp.inject({ url: `/api/videos/${v.slug}` })).statusCode).toBe(200);

      const del = await admin('DELETE', `/api/videos/${v.video_id}`);
      expect(del.statusCode).toBe(200);
      expect(del.json()).toEqual({ status: 'ok', message: 'Video moved to archive' });
      expect(existsSync(liveDir)).toBe(false);
      expect(existsSync(liveUpload)).toBe(false);
      expect(await readFile(path.join(archivedDir, 'master.m3u8'), 'utf8')).toBe('#EXTM3U\n');
      expect(await readFile(archivedUpload)).toEqual(FAKE_VIDEO);
      expect((await videoRow(v.video_id))?.deleted_at).not.toBeNull();

      const archived = await admin('GET', '/api/videos/archived');
      expect(archived.statusCode).toBe(200);
      const list = archived.json<{
        videos: Array<{ id: number; slug: string; deleted_at: string }>;
        total: number;
      }>();
      expect(list.videos).toContainEqual(
        expect.objectContaining({ id: v.video_id, slug: v.slug, deleted_at: expect.any(String) }),
      );
      expect(list.total).toBe(list.videos.length);
      const live = await admin('GET', '/api/videos?limit=500');
      expect(live.json<{ videos: Array<{ id: number }> }>().videos.map((x) => x.id)).not.toContain(
        v.video_id,
      );
      const pub = await t.publicApp.inject({ url: `/api/videos/${v.slug}` });
      expect(pub.statusCode).toBe(404);
      expect(pub.json()).toEqual({ detail: 'Video not found' });
      expect((await admin('GET', `/api/videos/${v.video_id}`)).json()).toMatchObject({
        id: v.video_id,
        deleted_at: expect.any(String),
      });

      const again = await admin('DELETE', `/api/videos/${v.video_id}`);
      expect(again.statusCode).toBe(400);
      expect(again.json()).toEqual({ detail: 'Video is already deleted' });

      const restore = await admin('POST', `/api/videos/${v.video_id}/restore`);
      expect(restore.statusCode).toBe(200);
      expect(restore.json()).toEqual({ status: 'ok', message: 'Video restored from archive' });
      expect(await readFile(path.join(liveDir, 'master.m3u8'), 'utf8')).toBe('#EXTM3U\n');
      expect(await readFile(liveUpload)).toEqual(FAKE_VIDEO);
      expect(existsSync(archivedDir)).toBe(false);
      expect(existsSync(archivedUpload)).toBe(false);
      expect((await videoRow(v.video_id))?.deleted_at).toBeNull();
      expect((await t.publicApp.inject({ url: `/api/videos/${v.slug}` })).statusCode).toBe(200);
      const archivedAfter = await admin('GET', '/api/videos/archived');
      expect(archivedAfter.json<{ videos: Array<{ id: number }> }>().videos.map((x) => x.id)).not.toContain(
        v.video_id,
      );

      const restoreAgain = await admin('POST', `/api/videos/${v.video_id}/restore`);
      expect(restoreAgain.statusCode).toBe(400);
      expect(restoreAgain.json()).toEqual({ detail: 'Video is not deleted' });
    });

    it('permanently deletes a live video: row, job and every file', async () => {
      const v = await uploadOk('Gone Forever');
      await writeFile(path.join(t.config.videosDir, v.slug, 'thumbnail.jpg'), 'jpg');
      const res = await admin('DELETE', `/api/videos/${v.video_id}?permanent=true`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', message: 'Video permanently deleted' });
      expect(await videoRow(v.video_id)).toBeUndefined();
      expect(
        await t.container.db
          .selectFrom('transcoding_jobs')
          .select('id')
          .where('video_id', '=', v.video_id)
          .execute(),
      ).toEqual([]);
      expect(existsSync(path.join(t.config.videosDir, v.slug))).toBe(false);
      expect(existsSync(path.join(t.config.uploadsDir, `${v.video_id}.mp4`))).toBe(false);
      expect((await admin('GET', `/api/videos/${v.video_id}`)).statusCode).toBe(404);
    });

    it('permanently deletes an archived video including its archived files', async () => {
      const v = await uploadOk('Archived Then Gone');
      expect((await admin('DELETE', `/api/videos/${v.video_id}`)).statusCode).toBe(200);
      expect(existsSync(path.join(t.config.archiveDir, 'uploads', `${v.video_id}.mp4`))).toBe(true);
      const res = await admin('DELETE', `/api/videos/${v.video_id}?permanent=true`);
      expect(res.statusCode).toBe(200);
      expect(await videoRow(v.video_id)).toBeUndefined();
      expect(existsSync(path.join(t.config.archiveDir, v.slug))).toBe(false);
      expect(existsSync(path.join(t.config.archiveDir, 'uploads', `${v.video_id}.mp4`))).toBe(false);
    });

    it('404 for unknown ids, 400 for malformed ids or flags', async () => {
      for (const [method, url] of [
        ['DELETE', '/api/videos/999999'],
        ['DELETE', '/api/videos/999999?permanent=true'],
        ['POST', '/api/videos/999999/restore'],
      ] as const) {
        const res = await admin(method, url);
        expect(res.statusCode, url).toBe(404);
        expect(res.json(), url).toEqual({ detail: 'Video not found' });
      }
      expect((await admin('DELETE', '/api/videos/abc')).statusCode).toBe(400);
      expect((await admin('POST', '/api/videos/abc/restore')).statusCode).toBe(400);
      const flag = await admin('DELETE', '/api/videos/1?permanent=maybe');
      expect(flag.statusCode).toBe(400);
      expect(flag.json<{ detail: string }>().detail).toMatch(/^Invalid querystring/);
      expect((await admin('GET', '/api/videos/archived?limit=0')).statusCode).toBe(400);
    });
  });

  describe('categories', () => {
    it('creates a category with a slug and lists it', async () => {
      const res = await admin('POST', '/api/categories', { name: '  Home Movies ', description: 'family' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        id: expect.any(Number),
        name: 'Home Movies',
        slug: 'home-movies',
        description: 'family',
        created_at: expect.any(String),
        video_count: 0,
      });
      const list = await admin('GET', '/api/categories');
      expect(list.json<Array<{ slug: string }>>().map((c) => c.slug)).toContain('home-movies');
    });

    it('refuses a duplicate name, also when it only differs in case or punctuation', async () => {
      expect((await admin('POST', '/api/categories', { name: 'Travel' })).statusCode).toBe(200);
      for (const name of ['Travel', 'travel!']) {
        const res = await admin('POST', '/api/categories', { name });
        expect(res.statusCode, name).toBe(400);
        expect(res.json(), name).toEqual({ detail: 'Category with this name already exists' });
      }
      const rows = await t.container.db
        .selectFrom('categories')
        .select('id')
        .where('slug', '=', 'travel')
        .execute();
      expect(rows).toHaveLength(1);
    });

    it.each([
      ['a name over 100 characters', { name: 'n'.repeat(101) }, /^Invalid body/],
      ['an empty name', { name: '' }, /^Invalid body/],
      ['a missing name', { description: 'x' }, /^Invalid body field 'name'/],
      ['a blank name', { name: '   ' }, /^Category name is required$/],
      ['a name without letters or digits', { name: '!!!' }, /^Category name must contain letters or digits$/],
      [
        'a description over 1000 characters',
        { name: 'Long Desc', description: 'd'.repeat(1001) },
        /^Invalid body/,
      ],
    ])('refuses %s (400)', async (_name, payload, detail) => {
      const before = (await t.container.db.selectFrom('categories').select('id').execute()).length;
      const res = await admin('POST', '/api/categories', payload);
      expect(res.statusCode).toBe(400);
      expect(res.json<{ detail: string }>().detail).toMatch(detail);
      expect((await t.container.db.selectFrom('categories').select('id').execute()).length).toBe(before);
    });

    it('counts videos of any status, and deleting uncategorises them', async () => {
      const cat = (await admin('POST', '/api/categories', { name: 'Doomed' })).json<{ id: number }>();
      const v = await uploadOk('In Doomed', { category_id: String(cat.id) });
      expect((await videoRow(v.video_id))?.category_id).toBe(cat.id);
      const listed = (await admin('GET', '/api/categories')).json<
        Array<{ id: number; video_count: number }>
      >();
      expect(listed.find((c) => c.id === cat.id)?.video_count).toBe(1);

      const del = await admin('DELETE', `/api/categories/${cat.id}`);
      expect(del.statusCode).toBe(200);
      expect(del.json()).toEqual({ status: 'ok' });
      expect((await videoRow(v.video_id))?.category_id).toBeNull();
      const after = (await admin('GET', '/api/categories')).json<Array<{ id: number }>>();
      expect(after.map((c) => c.id)).not.toContain(cat.id);
      const again = await admin('DELETE', `/api/categories/${cat.id}`);
      expect(again.statusCode).toBe(404);
      expect(again.json()).toEqual({ detail: 'Category not found' });
    });

    it('404 for an unknown category, 400 for a malformed id', async () => {
      const res = await admin('DELETE', '/api/categories/999999');
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ detail: 'Category not found' });
      const bad = await admin('DELETE', '/api/categories/abc');
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ detail: string }>().detail).toMatch(/^Invalid params/);
    });
  });
});
