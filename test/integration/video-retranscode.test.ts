// Retranscode (api-admin.md §19.7) with cleanup deferred to the claim, on both drivers; the real-worker round
// trips (retry → ready, retranscode → rebuilt) on PGlite with a 2 s clip.
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerLoop } from '../../src/worker/local-worker.js';
import { startApiWorker } from '../helpers/api-worker.js';
import { getClip } from '../helpers/media-clips.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';
import { READY_FILES, videoHarness, type Uploaded } from '../helpers/video-harness.js';
import { waitFor, waitVideoSettled } from '../helpers/wait.js';

describe.each(DRIVERS)('retranscode (%s)', (driver) => {
  const t = useTestApp(driver);
  const h = videoHarness(() => t);
  const dirOf = (slug: string) => t.container.layout.videoDir(slug);
  // Shared by the table-driven refusals (a refused request changes nothing).
  let badBodyVideo: Uploaded | undefined;

  describe('POST /api/videos/{id}/retranscode (deferred cleanup)', () => {
    it('"all": nothing is deleted until a worker claims the job, then every output goes', async () => {
      const v = await h.seed('Retranscode All');
      await h.makeReady(v);
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
      await h.makeReady(v, files, ['720p', '480p']);
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
});

describe('retry and retranscode with the real worker (PGlite, 2 s clip)', () => {
  let t: TestApp;
  let worker: WorkerLoop | null = null;
  const h = videoHarness(() => t);
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
