// Sprite sheets (issue 3), end to end: real generation by a worker from an upload and from a CMAF
// rendition, with sheets, WebVTT track, video columns and the public detail, and the admin endpoints
// (api-admin.md §10). The queue itself: sprite-queue.test.ts.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiWorker } from '../helpers/api-worker.js';
import { insertSpriteVideo, makeSpriteClip, sheetSize } from '../helpers/sprite-fixtures.js';
import { createTestApp, TEST_ADMIN_SECRET, type TestApp } from '../helpers/test-app.js';
import { waitFor } from '../helpers/wait.js';
import { videoRow } from '../helpers/rows.js';

const run = promisify(execFile);
const auth = { 'x-admin-secret': TEST_ADMIN_SECRET };
const FF = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y'];

describe('sprite sheets end to end (PGlite, local worker)', () => {
  let t: TestApp;
  let clipDir: string;
  let clip: string;
  beforeAll(async () => {
    clipDir = await mkdtemp(path.join(os.tmpdir(), 'vlog-sprites-'));
    [t, clip] = await Promise.all([
      createTestApp('pglite', {
        VLOG_SPRITE_SHEET_FRAME_INTERVAL: '1',
        VLOG_SPRITE_SHEET_TILE_SIZE: '5',
        VLOG_SPRITE_SHEET_AUTO_GENERATE: 'true',
      }),
      makeSpriteClip(clipDir),
    ]);
  });
  afterAll(async () => {
    await t?.close();
    await rm(clipDir, { recursive: true, force: true });
  });

  const api = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.adminApp.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });

  async function readyVideoWithUpload() {
    const v = await insertSpriteVideo(t.container.db);
    await copyFile(clip, t.container.layout.uploadFile(v.id, '.mp4'));
    await mkdir(t.container.layout.videoDir(v.slug), { recursive: true });
    return v;
  }

  async function untilJobDone(jobId: number) {
    return waitFor(
      async () => {
        const job = await t.container.db
          .selectFrom('sprite_queue')
          .selectAll()
          .where('id', '=', jobId)
          .executeTakeFirstOrThrow();
        return job.status === 'completed' || job.status === 'failed' ? job : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: `sprite job ${jobId}` },
    );
  }

  it('generates sheets, a WebVTT track and the video columns from the upload; the public detail shows them', async () => {
    const v = await readyVideoWithUpload();
    const res = await api('POST', `/api/videos/${v.id}/sprites/generate`, { priority: 'high' });
    expect(res.statusCode, res.body).toBe(200);
    const { job_id, status } = res.json<{ job_id: number; status: string }>();
    expect(status).toBe('queued');

    const worker = await startApiWorker(t);
    try {
      expect((await untilJobDone(job_id)).error_message).toBeNull();
    } finally {
      await worker.stop();
    }

    const dir = t.container.layout.videoDir(v.slug);
    const sheets = (await readdir(path.join(dir, 'sprites'))).sort();
    expect(sheets).toEqual(['sprite_01.jpg', 'sprite_02.jpg']);
    for (const s of sheets) expect(await sheetSize(path.join(dir, 'sprites', s))).toEqual([800, 450]);
    expect((await readdir(dir)).filter((f) => f.startsWith('.'))).toEqual([]); // no staging left

    const vtt = await readFile(path.join(dir, 'sprites.vtt'), 'utf8');
    expect(vtt.startsWith('WEBVTT\n')).toBe(true);
    const cues = [
      ...vtt.matchAll(/^(\S+) --> (\S+)\n(sprites\/sprite_(\d+)\.jpg)#xywh=(\d+),(\d+),(\d+),(\d+)$/gm),
    ];
    expect(cues).toHaveLength(Math.ceil(27 / 1));
    for (const [, , , , sheet, x, y, w, h] of cues) {
      expect(Number(sheet)).toBeLessThanOrEqual(2);
      expect([Number(w), Number(h)]).toEqual([160, 90]);
      expect(Number(x) + Number(w)).toBeLessThanOrEqual(800);
      expect(Number(y) + Number(h)).toBeLessThanOrEqual(450);
    }
    expect(cues[0]!.slice(1, 4)).toEqual(['00:00:00.000', '00:00:01.000', 'sprites/sprite_01.jpg']);
    expect(cues[25]!.slice(3, 9)).toEqual(['sprites/sprite_02.jpg', '02', '0', '0', '160', '90']);

    const row = await videoRow(t, v.id);
    expect(row).toMatchObject({
      sprite_sheet_status: 'ready',
      sprite_sheet_error: null,
      sprite_sheet_count: 2,
      sprite_sheet_interval: 1,
      sprite_sheet_tile_size: 5,
      sprite_sheet_frame_width: 160,
      sprite_sheet_frame_height: 90,
    });

    const detail = await t.publicApp.inject({ method: 'GET', url: `/api/videos/${v.slug}` });
    expect(detail.json<{ sprite_sheet_info: unknown }>().sprite_sheet_info).toEqual({
      base_url: `/videos/${v.slug}/sprites/sprite_`,
      count: 2,
      interval: 1,
      tile_size: 5,
      frame_width: 160,
      frame_height: 90,
      vtt_url: `/videos/${v.slug}/sprites.vtt`,
    });
    const served = await t.publicApp.inject({ method: 'GET', url: `/videos/${v.slug}/sprites.vtt` });
    expect(served.headers['content-type']).toMatch(/^text\/vtt/);
    expect((await api('GET', `/api/videos/${v.id}/sprites`)).json()).toEqual({
      video_id: v.id,
      status: 'ready',
      error: null,
      count: 2,
      interval: 1,
      tile_size: 5,
      frame_width: 160,
      frame_height: 90,
    });
  });

  it('falls back to the best rendition when the upload is gone (CMAF layout)', async () => {
    const v = await insertSpriteVideo(t.container.db);
    const dir = path.join(t.container.layout.videoDir(v.slug), '360p');
    await mkdir(dir, { recursive: true });
    // prettier-ignore
    await run('ffmpeg', [...FF, '-i', clip, '-t', '6', '-c', 'copy', '-f', 'hls', '-hls_time', '2',
      '-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', 'init.mp4',
      '-hls_segment_filename', path.join(dir, 'seg_%04d.m4s'), path.join(dir, 'stream.m3u8')]);
    const { job_id } = (await api('POST', `/api/videos/${v.id}/sprites/generate`)).json<{ job_id: number }>();
    const worker = await startApiWorker(t);
    try {
      expect((await untilJobDone(job_id)).error_message).toBeNull();
    } finally {
      await worker.stop();
    }
    expect(await readdir(path.join(t.container.layout.videoDir(v.slug), 'sprites'))).toEqual([
      'sprite_01.jpg',
    ]);
    const vtt = await readFile(path.join(t.container.layout.videoDir(v.slug), 'sprites.vtt'), 'utf8');
    expect(vtt.match(/-->/g)).toHaveLength(6);
  });

  it('a video without any source fails with a readable error', async () => {
    const v = await insertSpriteVideo(t.container.db);
    const { job_id } = (await api('POST', `/api/videos/${v.id}/sprites/generate`)).json<{ job_id: number }>();
    const worker = await startApiWorker(t);
    try {
      expect((await untilJobDone(job_id)).error_message).toMatch(/No source found/);
    } finally {
      await worker.stop();
    }
    expect((await api('GET', `/api/videos/${v.id}/sprites`)).json()).toMatchObject({ status: 'failed' });
  });

  it('generate: 404 for missing or deleted videos, 400 when not ready or on a bad priority, already_queued', async () => {
    expect((await api('POST', '/api/videos/999999/sprites/generate')).statusCode).toBe(404);
    const deleted = await insertSpriteVideo(t.container.db, { deleted: true });
    expect((await api('POST', `/api/videos/${deleted.id}/sprites/generate`)).json()).toEqual({
      detail: 'Video not found',
    });
    const pending = await insertSpriteVideo(t.container.db, { status: 'pending' });
    const notReady = await api('POST', `/api/videos/${pending.id}/sprites/generate`);
    expect(notReady.statusCode).toBe(400);
    expect(notReady.json<{ detail: string }>().detail).toMatch(/must be ready/);
    const v = await insertSpriteVideo(t.container.db);
    expect(
      (await api('POST', `/api/videos/${v.id}/sprites/generate`, { priority: 'urgent' })).statusCode,
    ).toBe(400);
    const first = (await api('POST', `/api/videos/${v.id}/sprites/generate`, {})).json<{ job_id: number }>();
    const again = await api('POST', `/api/videos/${v.id}/sprites/generate`);
    expect(again.json()).toMatchObject({ status: 'already_queued', job_id: first.job_id });
    expect((await api('GET', '/api/videos/999999/sprites')).statusCode).toBe(404);
    expect((await api('GET', '/api/videos/abc/sprites')).statusCode).toBe(400);
  });

  it('cancel: only pending jobs; the video sprite status is reset; 404 for unknown jobs', async () => {
    const v = await insertSpriteVideo(t.container.db);
    const { job_id } = (await api('POST', `/api/videos/${v.id}/sprites/generate`)).json<{ job_id: number }>();
    expect((await api('GET', `/api/videos/${v.id}/sprites`)).json()).toMatchObject({ status: 'pending' });
    const cancelled = await api('DELETE', `/api/sprites/jobs/${job_id}`);
    expect(cancelled.statusCode).toBe(200);
    expect((await api('GET', `/api/videos/${v.id}/sprites`)).json()).toMatchObject({ status: null });
    const twice = await api('DELETE', `/api/sprites/jobs/${job_id}`);
    expect(twice.statusCode).toBe(400);
    expect(twice.json()).toEqual({ detail: "Cannot cancel job with status 'cancelled'" });
    expect((await api('DELETE', '/api/sprites/jobs/999999')).statusCode).toBe(404);
    expect((await api('DELETE', '/api/sprites/jobs/0')).statusCode).toBe(400);
  });

  it('queue-all queues ready videos without sprites once; status and jobs list report the queue', async () => {
    await t.container.db.deleteFrom('videos').execute();
    const ready = [await insertSpriteVideo(t.container.db), await insertSpriteVideo(t.container.db)];
    await insertSpriteVideo(t.container.db, { status: 'failed' });
    await insertSpriteVideo(t.container.db, { deleted: true });
    const first = await api('POST', '/api/sprites/queue-all');
    expect(first.json()).toMatchObject({ status: 'ok', queued: 2 });
    expect((await api('POST', '/api/sprites/queue-all?priority=high')).json()).toMatchObject({ queued: 0 });
    expect((await api('POST', '/api/sprites/queue-all?priority=soon')).statusCode).toBe(400);
    expect((await api('GET', '/api/sprites/status')).json()).toEqual({
      pending: 2,
      processing: 0,
      completed: 0,
      failed: 0,
      total: 2,
    });
    const list = await api('GET', '/api/sprites/jobs?status=pending&limit=1');
    expect(list.json()).toMatchObject({ count: 1, total: 2 });
    const [job] = list.json<{ jobs: Array<Record<string, unknown>> }>().jobs;
    expect(job).toMatchObject({ video_id: ready[1]!.id, priority: 'low', status: 'pending' }); // newest first
    expect(job!.video_slug).toBe(ready[1]!.slug);
    expect((await api('GET', '/api/sprites/jobs?status=nope')).statusCode).toBe(400);
    expect((await api('GET', '/api/sprites/jobs?limit=501')).statusCode).toBe(400);
  });

  it('auto-generate queues sprites when a transcode completes', async () => {
    const v = await insertSpriteVideo(t.container.db, { status: 'pending' });
    await t.container.db
      .insertInto('transcoding_jobs')
      .values({ video_id: v.id, current_step: 'pending' })
      .execute();
    const claimed = await t.container.services.jobs.claim({ workerId: 'w-auto', workerName: 'auto' });
    expect(claimed?.videoId).toBe(v.id);
    await t.container.services.jobs.complete({
      jobId: claimed!.jobId,
      workerId: 'w-auto',
      qualities: [{ name: '360p', width: 640, height: 360, bitrateKbps: 600 }],
    });
    const job = await t.container.db
      .selectFrom('sprite_queue')
      .select(['status', 'priority'])
      .where('video_id', '=', v.id)
      .executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'pending', priority: 'normal' });
    expect((await api('GET', `/api/videos/${v.id}/sprites`)).json()).toMatchObject({ status: 'pending' });
  });
});
