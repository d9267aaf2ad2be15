// Video lifecycle (api-admin.md §5.1, §5.4, §5.5): retry resets the job, re-upload, qualities. Both drivers.
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getClip } from '../helpers/media-clips.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';
import { FAKE_VIDEO } from '../helpers/admin-inject.js';
import { videoHarness } from '../helpers/video-harness.js';

describe.each(DRIVERS)('video lifecycle (%s)', (driver) => {
  const t = useTestApp(driver);
  const h = videoHarness(() => t);
  const dirOf = (slug: string) => t.container.layout.videoDir(slug);

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
      await h.makeReady(v);
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
      await h.makeReady(v, [], ['480p', '360p']);
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
});
