// Tags (api-admin.md §4), a video's tags (§5.6) and the public tag endpoints (api-public.md §4.3), on both
// databases. Public counts include public videos only (the reference counted every video_tags row).
import { describe, expect, it } from 'vitest';
import type { Tag, TagRef } from '../../src/contracts/api/tag.contract.js';
import { adminInject } from '../helpers/admin-inject.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

describe.each(DRIVERS)('tags (%s)', (driver) => {
  const t = useTestApp(driver);
  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    adminInject(t, method, url, payload);
  const publicGet = (url: string) => t.publicApp.inject({ method: 'GET', url });

  let seeded = 0;
  /** A video row in a given state: public (ready + published), pending, or archived. */
  async function video(state: 'public' | 'pending' | 'archived'): Promise<number> {
    const row = await t.container.db
      .insertInto('videos')
      .values({
        title: `Video ${++seeded}`,
        slug: `tagged-video-${seeded}`,
        status: state === 'pending' ? 'pending' : 'ready',
        published_at: state === 'pending' ? null : new Date(),
        deleted_at: state === 'archived' ? new Date() : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  const createTag = async (name: string): Promise<Tag> => {
    const res = await api('POST', '/api/tags', { name });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Tag>();
  };

  it('creates tags with a slug, refuses duplicates and blank names, lists them by name', async () => {
    const zebra = await createTag('  Zebra Crossing ');
    expect(zebra).toMatchObject({ name: 'Zebra Crossing', slug: 'zebra-crossing', video_count: 0 });
    expect(zebra.created_at).not.toBeNull();
    await createTag('Alpine');
    const dup = await api('POST', '/api/tags', { name: 'Zebra Crossing' });
    expect(dup.statusCode).toBe(400);
    expect(dup.json()).toEqual({ detail: 'Tag with this name already exists' });
    const sameSlug = await api('POST', '/api/tags', { name: 'zebra   crossing!' });
    expect(sameSlug.json()).toEqual({ detail: 'Tag with this name already exists' });
    for (const [payload, status] of [
      [{ name: '   ' }, 400],
      [{ name: '' }, 400],
      [{ name: 'x'.repeat(51) }, 400],
      [{}, 400],
    ] as const) {
      const res = await api('POST', '/api/tags', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json()).toHaveProperty('detail');
    }
    const names = (await api('GET', '/api/tags')).json<Tag[]>().map((tag) => tag.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['Alpine', 'Zebra Crossing']));
  });

  it("replaces a video's tags (deduplicated), refuses unknown ids without changing anything, removes one", async () => {
    const id = await video('public');
    const [a, b] = [await createTag('Set A'), await createTag('Set B')];
    const put = await api('PUT', `/api/videos/${id}/tags`, { tag_ids: [b.id, a.id, b.id] });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<TagRef[]>().map((tag) => tag.name)).toEqual(['Set A', 'Set B']);

    const unknown = await api('PUT', `/api/videos/${id}/tags`, { tag_ids: [a.id, 999999, 999998] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toEqual({ detail: 'Tag IDs not found: [999999, 999998]' });
    expect((await api('GET', `/api/videos/${id}/tags`)).json<TagRef[]>()).toHaveLength(2);

    const tooMany = await api('PUT', `/api/videos/${id}/tags`, {
      tag_ids: Array.from({ length: 21 }, (_, i) => i + 1),
    });
    expect(tooMany.statusCode).toBe(400);

    const del = await api('DELETE', `/api/videos/${id}/tags/${a.id}`);
    expect(del.json()).toEqual({ status: 'ok' });
    expect((await api('GET', `/api/videos/${id}/tags`)).json<TagRef[]>()).toEqual([
      { id: b.id, name: 'Set B', slug: 'set-b' },
    ]);
    // The public detail carries the tags.
    const slug = `tagged-video-${seeded}`;
    const detail = await publicGet(`/api/videos/${slug}`);
    expect(detail.json<{ tags: TagRef[] }>().tags).toEqual([{ id: b.id, name: 'Set B', slug: 'set-b' }]);

    expect((await api('PUT', `/api/videos/${id}/tags`, { tag_ids: [] })).json()).toEqual([]);
  });

  it('404s: unknown video or tag, with the spec texts', async () => {
    const tag = await createTag('Lonely');
    const id = await video('pending');
    const cases: Array<[string, string, object | undefined, string]> = [
      ['GET', '/api/videos/999999/tags', undefined, 'Video not found'],
      ['PUT', '/api/videos/999999/tags', { tag_ids: [tag.id] }, 'Video not found'],
      ['DELETE', `/api/videos/999999/tags/${tag.id}`, undefined, 'Video not found'],
      ['DELETE', `/api/videos/${id}/tags/999999`, undefined, 'Tag not found'],
      ['PUT', '/api/tags/999999', { name: 'Nope' }, 'Tag not found'],
      ['DELETE', '/api/tags/999999', undefined, 'Tag not found'],
    ];
    for (const [method, url, payload, detail] of cases) {
      const res = await api(method as 'GET', url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json()).toEqual({ detail });
    }
  });

  it('renames (slug follows, duplicates refused) and deletes (its links go too)', async () => {
    const tag = await createTag('Old Name');
    await createTag('Taken Name');
    const id = await video('public');
    await api('PUT', `/api/videos/${id}/tags`, { tag_ids: [tag.id] });
    const renamed = await api('PUT', `/api/tags/${tag.id}`, { name: 'New Name' });
    expect(renamed.json()).toMatchObject({ id: tag.id, name: 'New Name', slug: 'new-name', video_count: 1 });
    const clash = await api('PUT', `/api/tags/${tag.id}`, { name: 'Taken Name' });
    expect(clash.statusCode).toBe(400);
    expect(clash.json()).toEqual({ detail: 'Tag with this name already exists' });
    // Its own name again is no clash.
    expect((await api('PUT', `/api/tags/${tag.id}`, { name: 'New Name' })).statusCode).toBe(200);

    expect((await api('DELETE', `/api/tags/${tag.id}`)).json()).toEqual({ status: 'ok' });
    expect((await api('GET', `/api/videos/${id}/tags`)).json()).toEqual([]);
    expect((await api('DELETE', `/api/tags/${tag.id}`)).statusCode).toBe(404);
  });

  it('public endpoints count public videos only; admin counts every non-deleted video', async () => {
    const tag = await createTag('Counted');
    for (const state of ['public', 'public', 'pending', 'archived'] as const) {
      const id = await video(state);
      await api('PUT', `/api/videos/${id}/tags`, { tag_ids: [tag.id] });
    }
    const pub = await publicGet('/api/tags/counted');
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ name: 'Counted', slug: 'counted', video_count: 2 });
    const inList = (await publicGet('/api/tags')).json<Tag[]>().find((x) => x.id === tag.id);
    expect(inList?.video_count).toBe(2);
    const admin = (await api('GET', '/api/tags')).json<Tag[]>().find((x) => x.id === tag.id);
    expect(admin?.video_count).toBe(3);

    const missing = await publicGet('/api/tags/no-such-tag');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ detail: 'Tag not found' });
    expect((await publicGet('/api/tags/Not_A_Slug')).statusCode).toBe(400);
  });
});
