// Issue 10, point 1: a deleted video stays deleted. Deleting (archive or permanent) fences every job of the
// video in the transaction that marks it deleted: the worker's next upload or completion is refused (409,
// 404 once the rows are gone), it stops ffmpeg and drops the job, nothing lands in videos/{slug} after the
// delete, and the archive holds what was published before it. Restore never deletes what is in its way: it
// brings back a finished video as it was, or what there is plus a transcode queued again from the source,
// or refuses. Sprite and re-encode jobs run on the remote runners (transcodes: delete-fencing-transcode.test.ts).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRunner } from '../../src/worker/job-runners.js';
import { createReencodeRunner } from '../../src/worker/reencode.runner.js';
import { createHttpReencodeJobs } from '../../src/worker/remote/http-reencode-jobs.js';
import { createHttpSpriteJobs } from '../../src/worker/remote/http-sprite-jobs.js';
import { createWorkerApiClient } from '../../src/worker/remote/worker-api-client.js';
import { createSpriteRunner, spriteSettingsFrom } from '../../src/worker/sprite.runner.js';
import { transcodeSettingsFrom } from '../../src/worker/transcode.job.js';
import { admin, AUTH, listing, transcodingJob, videoRow } from '../helpers/delete-fencing.js';
import { legacyVideo, makeSmallClip } from '../helpers/legacy-video.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';

describe.each(DRIVERS)('deleting a video fences its jobs (%s)', (driver) => {
  describe('sprite and re-encode jobs, and restore', () => {
    let t: TestApp;
    let tmp: string;
    let clip: string;
    let client: ReturnType<typeof createWorkerApiClient>;

    beforeAll(async () => {
      tmp = await mkdtemp(path.join(os.tmpdir(), 'vlog-delete-fencing-'));
      [t, clip] = await Promise.all([
        createTestApp(driver, { VLOG_HLS_SEGMENT_DURATION: '1', VLOG_SPRITE_SHEET_FRAME_INTERVAL: '1' }),
        makeSmallClip(path.join(tmp, 'clip180.mp4')),
      ]);
      const baseUrl = await t.workerApp.listen({ port: 0, host: '127.0.0.1' });
      const w = await t.container.services.workerRegistry.register({
        workerName: 'fencing',
        workerType: 'remote',
      });
      client = createWorkerApiClient({ baseUrl, apiKey: w.api_key, retryForMs: 2_000 });
    });
    afterAll(async () => {
      await t?.close();
      await rm(tmp, { recursive: true, force: true });
    });

    const video = (opts?: Parameters<typeof legacyVideo>[2]) =>
      legacyVideo({ db: t.container.db, layout: t.container.layout }, clip, opts);
    const remove = async (id: number, how: 'archive' | 'permanent') => {
      const res = await admin(
        t,
        'DELETE',
        `/api/videos/${id}${how === 'permanent' ? '?permanent=true' : ''}`,
      );
      expect(res.statusCode, res.body).toBe(200);
    };
    /** Server-side leftovers of remote jobs (staged uploads, flattened sources). */
    const staging = async () =>
      (await readdir(t.config.videosDir)).filter((n) => n.startsWith('.') && n !== '.publishing');

    /** A remote job's file side whose upload (publish) first deletes the video, as an admin would. */
    const deletingBeforeUpload = <A extends unknown[], F extends { publish(...a: A): Promise<void> }>(
      files: F,
      id: number,
      how: 'archive' | 'permanent',
    ): F => ({ ...files, publish: async (...a: A) => (await remove(id, how), files.publish(...a)) });

    /**
     * Claims and runs the job of `v` on `runner`, whose upload deletes the video first: the worker gives
     * the job back, nothing lands or stays staged, and the queue row is cancelled (archive) or gone.
     */
    async function expectDroppedAtUpload<W extends { videoId: number; jobId: number }>(
      runner: JobRunner<W>,
      queue: 'sprite_queue' | 'reencode_queue',
      v: { id: number; dir: string },
      how: 'archive' | 'permanent',
    ) {
      const job = await runner.claim();
      expect(job?.videoId).toBe(v.id);
      const scratchDir = path.join(tmp, `${queue}-${how}`);
      expect(await runner.run(job!, { signal: new AbortController().signal, scratchDir })).toBe('released');
      expect(existsSync(v.dir)).toBe(false);
      expect(await staging()).toEqual([]);
      const row = await t.container.db
        .selectFrom(queue)
        .select('status')
        .where('id', '=', job!.jobId)
        .executeTakeFirst();
      expect(row?.status).toBe(how === 'archive' ? 'cancelled' : undefined);
    }

    /** The archived video is back, as it was, with no transcode queued. */
    async function expectRestoredAsItWas(v: { id: number; slug: string; dir: string }, files: string[]) {
      const restore = await admin(t, 'POST', `/api/videos/${v.id}/restore`);
      expect(restore.statusCode, restore.body).toBe(200);
      expect(await listing(v.dir)).toEqual(files);
      expect(await videoRow(t, v.id)).toMatchObject({ status: 'ready', deleted_at: null });
    }

    it.each(['archive', 'permanent'] as const)(
      'a sprite job whose video is deleted (%s) before its upload is refused and dropped; nothing lands',
      async (how) => {
        const v = await video();
        const before = await listing(v.dir);
        const queued = await t.adminApp.inject({
          method: 'POST',
          url: `/api/videos/${v.id}/sprites/generate`,
          headers: AUTH,
          payload: { priority: 'high' },
        });
        expect(queued.statusCode, queued.body).toBe(200);
        const remote = createHttpSpriteJobs(client);
        const runner = createSpriteRunner({
          jobs: remote.jobs,
          // ffmpeg has made the sheets; the admin deletes the video just before they are sent.
          files: deletingBeforeUpload(remote.files, v.id, how),
          settings: spriteSettingsFrom(t.config),
        });
        await expectDroppedAtUpload(runner, 'sprite_queue', v, how);
        if (how === 'archive') {
          const archived = t.container.layout.archivedVideoDir(v.slug);
          expect(await listing(archived)).toEqual(before); // the old sheets, no new or staged ones
          await expectRestoredAsItWas(v, before);
        } else {
          expect(await videoRow(t, v.id)).toBeUndefined();
        }
      },
    );

    it.each(['archive', 'permanent'] as const)(
      'a re-encode whose video is deleted (%s) before its upload is refused and dropped; the old files stay',
      async (how) => {
        const v = await video({ original: true });
        const before = await listing(v.dir);
        const queued = await admin(
          t,
          'POST',
          `/api/reencode/queue?video_ids=${v.id}&target_format=cmaf&target_codec=h264&priority=high`,
        );
        expect(queued.json(), queued.body).toMatchObject({ queued: [v.id] });
        const remote = createHttpReencodeJobs(client);
        const runner = createReencodeRunner({
          jobs: remote.jobs,
          files: deletingBeforeUpload(remote.files, v.id, how),
          settings: transcodeSettingsFrom(t.config),
        });
        await expectDroppedAtUpload(runner, 'reencode_queue', v, how);
        if (how === 'archive') {
          expect(await listing(t.container.layout.archivedVideoDir(v.slug))).toEqual(before);
          expect((await videoRow(t, v.id))?.streaming_format).toBe('hls_ts');
          await expectRestoredAsItWas(v, before);
        }
      },
    );

    it('a restore never deletes what is in its way: refused, both sides untouched', async () => {
      const v = await video();
      const before = await listing(v.dir);
      await remove(v.id, 'archive');
      await mkdir(v.dir);
      await writeFile(path.join(v.dir, 'keep-me.txt'), 'not the archive’s');
      const restore = await admin(t, 'POST', `/api/videos/${v.id}/restore`);
      expect(restore.statusCode).toBe(409);
      expect(restore.json<{ detail: string }>().detail).toMatch(
        /^Cannot restore: the video directory already exists/,
      );
      expect(await listing(v.dir)).toEqual(['keep-me.txt']);
      expect(await listing(t.container.layout.archivedVideoDir(v.slug))).toEqual(before);
      expect(existsSync(path.join(t.config.archiveDir, 'uploads', `${v.id}.mp4`))).toBe(true);
      expect((await videoRow(t, v.id))?.deleted_at).not.toBeNull();
      // Once the way is clear, it restores.
      await rm(v.dir, { recursive: true });
      await expectRestoredAsItWas(v, before);
    });

    it('an unfinished archive comes back with its transcode queued from the source, or is refused without one', async () => {
      const archivedPlaylist = (slug: string) =>
        path.join(t.container.layout.archivedVideoDir(slug), '360p.m3u8');
      const unfinish = async (slug: string) => {
        const text = await readFile(archivedPlaylist(slug), 'utf8');
        await writeFile(archivedPlaylist(slug), text.replace('#EXT-X-ENDLIST', ''));
      };
      // Without the source upload there is nothing to make it whole again: refused, nothing moved.
      const orphan = await video({ upload: null });
      await remove(orphan.id, 'archive');
      await unfinish(orphan.slug);
      const archivedFiles = await listing(t.container.layout.archivedVideoDir(orphan.slug));
      const refused = await admin(t, 'POST', `/api/videos/${orphan.id}/restore`);
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toEqual({
        detail:
          'Cannot restore: the archived files are not a finished video and the source upload is missing',
      });
      expect(await listing(t.container.layout.archivedVideoDir(orphan.slug))).toEqual(archivedFiles);
      expect(existsSync(orphan.dir)).toBe(false);
      expect((await videoRow(t, orphan.id))?.deleted_at).not.toBeNull();

      // With it: every file comes back, and the video is transcoded again instead of served half made.
      const v = await video();
      await remove(v.id, 'archive');
      await unfinish(v.slug);
      const files = await listing(t.container.layout.archivedVideoDir(v.slug));
      const restore = await admin(t, 'POST', `/api/videos/${v.id}/restore`);
      expect(restore.statusCode, restore.body).toBe(200);
      expect(await listing(v.dir)).toEqual(files);
      expect(existsSync(t.container.layout.uploadFile(v.id, '.mp4'))).toBe(true);
      expect(await videoRow(t, v.id)).toMatchObject({ status: 'pending', deleted_at: null });
      expect(await transcodingJob(t, v.id)).toMatchObject({
        worker_id: null,
        completed_at: null,
        attempt_number: 1,
        retranscode_metadata: null,
      });
    });
  });
});
