// Bulk delete, update, retranscode and restore (api-admin.md §5.9), on both databases: each item is the
// single-video operation (same refusals, same effects), one result per distinct id, refusals up front.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BulkItemResult } from '../../src/contracts/api/video-bulk.contract.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';
import { videoHarness } from '../helpers/video-harness.js';

interface BulkAnswer {
  status: 'ok' | 'partial';
  failed: number;
  results: BulkItemResult[];
  [count: string]: unknown;
}

describe.each(DRIVERS)('bulk video operations (%s)', (driver) => {
  const t = useTestApp(driver);
  const h = videoHarness(() => t);
  const bulk = async (op: string, body: object, status = 200) => {
    const res = await h.api('POST', `/api/videos/bulk/${op}`, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json<BulkAnswer>();
  };
  const category = async (name: string) =>
    (await h.api('POST', '/api/categories', { name })).json<{ id: number }>().id;

  it('archives, then restores, each distinct id once; unknown and repeated-state ids fail alone', async () => {
    const [a, b] = [await h.seed('Bulk Delete A'), await h.seed('Bulk Delete B')];
    const del = await bulk('delete', { video_ids: [a.video_id, b.video_id, a.video_id, 999999] });
    expect(del).toEqual({
      status: 'partial',
      deleted: 2,
      failed: 1,
      results: [
        { video_id: a.video_id, success: true, error: null },
        { video_id: b.video_id, success: true, error: null },
        { video_id: 999999, success: false, error: 'Video not found' },
      ],
    });
    for (const v of [a, b]) {
      expect((await h.video(v.video_id)).deleted_at).not.toBeNull();
      expect(existsSync(t.container.layout.archivedVideoDir(v.slug))).toBe(true);
    }
    const again = await bulk('delete', { video_ids: [a.video_id] });
    expect(again.results[0]).toEqual({
      video_id: a.video_id,
      success: false,
      error: 'Video is already deleted',
    });

    const restored = await bulk('restore', { video_ids: [a.video_id, b.video_id] });
    expect(restored).toMatchObject({ status: 'ok', restored: 2, failed: 0 });
    expect((await h.video(a.video_id)).deleted_at).toBeNull();
    expect(existsSync(t.container.layout.videoDir(a.slug))).toBe(true);
    const notDeleted = await bulk('restore', { video_ids: [a.video_id] });
    expect(notDeleted.results[0]?.error).toBe('Video is not deleted');
  });

  it('deletes permanently: rows and files go', async () => {
    const v = await h.seed('Bulk Purge');
    expect(await bulk('delete', { video_ids: [v.video_id], permanent: true })).toMatchObject({
      status: 'ok',
      deleted: 1,
    });
    const row = await t.container.db
      .selectFrom('videos')
      .select('id')
      .where('id', '=', v.video_id)
      .executeTakeFirst();
    expect(row).toBeUndefined();
    expect(existsSync(t.container.layout.videoDir(v.slug))).toBe(false);
  });

  it('updates category and publication date; 0 uncategorises; unpublish wins over a date', async () => {
    const [a, b] = [await h.seed('Bulk Update A'), await h.seed('Bulk Update B')];
    const cat = await category('Bulk Target');
    const set = await bulk('update', {
      video_ids: [a.video_id, b.video_id],
      category_id: cat,
      published_at: '2024-03-01T12:00:00Z',
    });
    expect(set).toMatchObject({ status: 'ok', updated: 2, failed: 0 });
    for (const v of [a, b]) {
      const row = await h.video(v.video_id);
      expect(row.category_id).toBe(cat);
      expect(row.published_at?.toISOString()).toBe('2024-03-01T12:00:00.000Z');
    }
    await bulk('update', {
      video_ids: [a.video_id],
      category_id: 0,
      published_at: '2025-01-01T00:00',
      unpublish: true,
    });
    expect(await h.video(a.video_id)).toMatchObject({ category_id: null, published_at: null });
    // Only the named fields change.
    expect((await h.video(b.video_id)).category_id).toBe(cat);
  });

  it('queues retranscodes as the single operation does; a video without source fails alone', async () => {
    const ready = await h.seed('Bulk Retranscode');
    await h.makeReady(ready);
    const noSource = await h.seed('Bulk No Source');
    await h.makeReady(noSource);
    const { rm } = await import('node:fs/promises');
    await rm(t.container.layout.uploadFile(noSource.video_id, '.mp4'));
    const res = await bulk('retranscode', { video_ids: [ready.video_id, noSource.video_id] });
    expect(res).toMatchObject({ status: 'partial', queued: 1, failed: 1 });
    expect(res.results[1]?.error).toBe(
      'Source file not found. Cannot re-transcode without original video file.',
    );
    const job = await h.job(ready.video_id);
    expect(job.completed_at).toBeNull();
    expect(JSON.parse(job.retranscode_metadata ?? '{}')).toMatchObject({ retranscode_all: true });
    expect((await h.video(ready.video_id)).status).toBe('ready');
  });

  it.each([
    ['update', { video_ids: [1] }, 'No update values provided'],
    ['update', { video_ids: [1], category_id: null, published_at: null }, 'No update values provided'],
    ['update', { video_ids: [1], category_id: 999999 }, 'Category with ID 999999 does not exist'],
    [
      'update',
      { video_ids: [1], published_at: 'soon' },
      'Invalid date format. Use ISO format (YYYY-MM-DDTHH:MM)',
    ],
    ['delete', { video_ids: [] }, /^Invalid body field 'video_ids'/],
    [
      'delete',
      { video_ids: Array.from({ length: 101 }, (_, i) => i + 1) },
      /^Invalid body field 'video_ids'/,
    ],
    ['delete', {}, /^Invalid body field 'video_ids'/],
    ['restore', { video_ids: [0] }, /^Invalid body field 'video_ids.0'/],
    ['restore', { video_ids: ['x'] }, /^Invalid body/],
    ['retranscode', { video_ids: [1], qualities: [] }, /^Invalid body field 'qualities'/],
    ['retranscode', { video_ids: [1], qualities: ['999p'] }, /^Invalid body/],
    ['retranscode', { video_ids: [1], priority: 'urgent' }, /^Invalid body/],
  ] as const)('refuses %s %j up front (400) and changes nothing', async (op, body, detail) => {
    const v = await h.seed('Bulk Refused');
    // [1] stands for the seeded video; other lists are the bad input itself.
    const ids =
      'video_ids' in body && body.video_ids[0] === 1 && body.video_ids.length === 1
        ? { video_ids: [v.video_id] }
        : {};
    const res = await h.api('POST', `/api/videos/bulk/${op}`, { ...body, ...ids });
    expect(res.statusCode, res.body).toBe(400);
    const answer = res.json<{ detail: string }>();
    if (typeof detail === 'string') expect(answer).toEqual({ detail });
    else expect(answer.detail).toMatch(detail);
    expect(await h.video(v.video_id)).toMatchObject({
      title: 'Bulk Refused',
      deleted_at: null,
      category_id: null,
    });
  });

  it('answers every unknown id with the 404 text of the single operation', async () => {
    for (const op of ['delete', 'restore', 'retranscode'] as const) {
      const res = await bulk(op, { video_ids: [999998, 999999] });
      expect(res).toMatchObject({ status: 'partial', failed: 2 });
      expect(res.results.map((r) => r.error)).toEqual(['Video not found', 'Video not found']);
    }
    const upd = await bulk('update', { video_ids: [999999], unpublish: true });
    expect(upd).toEqual({
      status: 'partial',
      updated: 0,
      failed: 1,
      results: [{ video_id: 999999, success: false, error: 'Video not found' }],
    });
  });
});
