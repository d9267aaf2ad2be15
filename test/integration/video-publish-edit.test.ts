// Publish / unpublish and PUT /api/videos/{id} (api-admin.md §5.4). Both drivers.
import { describe, expect, it } from 'vitest';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';
import { videoHarness, type Uploaded } from '../helpers/video-harness.js';

describe.each(DRIVERS)('publish and edit (%s)', (driver) => {
  const t = useTestApp(driver);
  const h = videoHarness(() => t);
  let editVideo: Uploaded | undefined;

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
