// Issue 10, point 1: a deleted video stays deleted. Deleting (archive or permanent) fences every job of the
// video in the transaction that marks it deleted: the worker's next upload or completion is refused (409,
// 404 once the rows are gone), it stops ffmpeg and drops the job, nothing lands in videos/{slug} after the
// delete, and the archive holds what was published before it. Restore never deletes what is in its way: it
// brings back a finished video as it was, or what there is plus a transcode queued again from the source,
// or refuses. Transcodes run on a real worker over HTTP; sprite and re-encode jobs on the remote runners.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isPlayableVideoDir } from '../../src/domain/videos/playable-outputs.js';
import { parseMediaPlaylist, validateMediaPlaylist } from '../../src/media/output-validation.js';
import { createReencodeRunner } from '../../src/worker/reencode.runner.js';
import { createHttpReencodeJobs } from '../../src/worker/remote/http-reencode-jobs.js';
import { createHttpSpriteJobs } from '../../src/worker/remote/http-sprite-jobs.js';
import { createWorkerApiClient } from '../../src/worker/remote/worker-api-client.js';
import { createSpriteRunner, spriteSettingsFrom } from '../../src/worker/sprite.runner.js';
import { transcodeSettingsFrom } from '../../src/worker/transcode.job.js';
import { startApiWorker } from '../helpers/api-worker.js';
import { legacyVideo, makeSmallClip } from '../helpers/legacy-video.js';
import { createTestApp, TEST_ADMIN_SECRET, uploadClip, type TestApp } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';

const AUTH = { 'x-admin-secret': TEST_ADMIN_SECRET };
const LADDER_720 = ['720p', '480p', '360p'];
/** An 8 s clip in 2 s segments: four per rendition, so the delete lands with most of them still to come. */
const SEGMENTS = 4;

const admin = (t: TestApp, method: 'POST' | 'DELETE', url: string) =>
  t.adminApp.inject({ method, url, headers: AUTH });
const videoRow = (t: TestApp, id: number) =>
  t.container.db.selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirst();
const transcodingJob = (t: TestApp, id: number) =>
  t.container.db.selectFrom('transcoding_jobs').selectAll().where('video_id', '=', id).executeTakeFirst();

/** Every file under `dir`, relative ('/'-separated); none when it does not exist. */
async function listing(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** The ffmpeg processes this test process runs (Linux /proc), with their arguments. */
async function ffmpegChildren(): Promise<{ pid: number; args: string[] }[]> {
  const found: { pid: number; args: string[] }[] = [];
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    const status = await readFile(`/proc/${entry}/status`, 'utf8').catch(() => '');
    if (Number(/^PPid:\s+(\d+)$/m.exec(status)?.[1]) !== process.pid) continue;
    const args = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0');
    if (/ffmpeg$/.test(args[0] ?? '')) found.push({ pid: Number(entry), args });
  }
  return found;
}

const ladders = async () => (await ffmpegChildren()).filter((p) => p.args.includes('-filter_complex'));

/**
 * Freezes (SIGSTOP) the ladder encode once every rendition has a segment: the delete then lands mid-encode
 * however fast the machine is. Returns its pid.
 */
async function freezeMidEncode(): Promise<number> {
  return waitFor(
    async () => {
      const [ladder] = await ladders();
      if (!ladder) return undefined;
      const playlists = ladder.args.filter((a) => a.endsWith('.m3u8'));
      const counts = await Promise.all(
        playlists.map(
          async (f) => parseMediaPlaylist(await readFile(f, 'utf8').catch(() => '')).segments.length,
        ),
      );
      if (counts.length === 0 || !counts.every((n) => n >= 1)) return undefined;
      process.kill(ladder.pid, 'SIGSTOP');
      return ladder.pid;
    },
    { timeoutMs: 60_000, intervalMs: 10, what: 'the first segments of every rendition' },
  );
}

/** Each rendition's playlist in `dir`: finished or not, and every segment it lists present. */
async function renditions(dir: string) {
  return Promise.all(
    LADDER_720.map(async (name) => {
      const file = path.join(dir, name, 'stream.m3u8');
      const parsed = parseMediaPlaylist(await readFile(file, 'utf8'));
      await validateMediaPlaylist(file, { requireEndList: false, label: name }); // no segment missing
      return { name, ended: parsed.hasEndList, segments: parsed.segments.length };
    }),
  );
}

interface LogLine {
  msg: string;
  fields: Record<string, unknown>;
}

describe.each(DRIVERS)('deleting a video fences its jobs (%s)', (driver) => {
  describe('a transcode on a worker over HTTP', () => {
    let cleanup: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const fn of cleanup.reverse()) await fn();
      cleanup = [];
    });

    /** An app with a worker whose log lines are kept; a video mid-encode, its ffmpeg frozen. */
    async function midTranscode() {
      const t = await createTestApp(driver, { VLOG_HLS_SEGMENT_DURATION: '2' });
      cleanup.push(() => t.close());
      const logs: LogLine[] = [];
      const log = (msg: string, fields: object) => logs.push({ msg, fields: fields as LogLine['fields'] });
      const worker = await startApiWorker(t, undefined, {
        info: (o, m) => log(m, o),
        error: (o, m) => log(m, o),
      });
      cleanup.push(() => worker.stop());
      const { video_id: id, slug } = await uploadClip(t, 'Deleted mid-encode', 'landscape720x8s');
      const pid = await freezeMidEncode();
      cleanup.push(
        async () => void (await ladders()).some((p) => p.pid === pid && process.kill(pid, 'SIGCONT')),
      );
      const live = t.container.layout.videoDir(slug);
      // The publisher catches up with what ffmpeg finished: the video is playable, still processing.
      await waitFor(async () => (existsSync(path.join(live, 'master.m3u8')) ? true : undefined), {
        timeoutMs: 30_000,
        what: 'the live master playlist',
      });
      expect((await videoRow(t, id))?.status).toBe('processing');
      return { t, id, slug, live, pid, logs };
    }

    /** Lets ffmpeg go on: the worker's next upload is refused; it stops the encode and drops the job. */
    async function resumeAndExpectDropped(m: Awaited<ReturnType<typeof midTranscode>>) {
      const resumed = Date.now();
      process.kill(m.pid, 'SIGCONT');
      await waitFor(async () => (m.logs.some((l) => l.msg === 'transcode job finished') ? true : undefined), {
        timeoutMs: 30_000,
        what: 'the worker to drop the job',
      });
      const seconds = (Date.now() - resumed) / 1000;
      // Nothing the worker sent after the delete landed in the live directory, nor completed the video.
      expect(existsSync(m.live)).toBe(false);
      expect((await videoRow(m.t, m.id))?.status ?? 'gone').not.toBe('ready');
      expect((await ladders()).map((p) => p.pid)).not.toContain(m.pid); // ffmpeg stopped, not run to the end
      expect(m.logs.filter((l) => l.msg.endsWith('finished')).map((l) => l.fields.outcome)).toEqual([
        'released',
      ]);
      expect(m.logs.filter((l) => l.msg.includes('error'))).toEqual([]);
      expect(seconds).toBeLessThan(20);
    }

    it('an archive stops the worker, keeps a consistent archive, and a restore transcodes again to ready', async () => {
      const m = await midTranscode();
      const { t, id } = m;
      const archived = t.container.layout.archivedVideoDir(m.slug);

      const del = await admin(t, 'DELETE', `/api/videos/${id}`);
      expect(del.statusCode, del.body).toBe(200);
      expect(existsSync(m.live)).toBe(false);
      const atDelete = await listing(archived);
      expect(atDelete).toContain('master.m3u8');
      const fenced = await transcodingJob(t, id);

      await resumeAndExpectDropped(m);
      // The delete took the claim back; the job stays queued for a restore.
      expect(fenced).toMatchObject({ worker_id: null, claim_expires_at: null, completed_at: null });
      const row = await videoRow(t, id);
      expect(row).toMatchObject({ status: 'pending', published_at: null });
      expect(row?.deleted_at).not.toBeNull();
      expect((await transcodingJob(t, id))?.completed_at).toBeNull();
      // The archive is what was published before the delete: unfinished EVENT playlists, no segment missing.
      expect(await listing(archived)).toEqual(atDelete);
      const partial = await renditions(archived);
      expect(partial.every((r) => !r.ended && r.segments >= 1 && r.segments < SEGMENTS)).toBe(true);
      expect(await isPlayableVideoDir(archived)).toBe(false);

      // Not a finished video: restored as it is, with the transcode queued again from the source.
      const restore = await admin(t, 'POST', `/api/videos/${id}/restore`);
      expect(restore.statusCode, restore.body).toBe(200);
      expect(existsSync(archived)).toBe(false);
      const ready = await waitFor(
        async () => {
          const v = await videoRow(t, id);
          return v?.status === 'ready' || v?.status === 'failed' ? v : undefined;
        },
        { timeoutMs: 120_000, intervalMs: 200, what: 'the restored video to be transcoded' },
      );
      expect([ready.status, ready.deleted_at, ready.error_message]).toEqual(['ready', null, null]);
      expect(await renditions(m.live)).toEqual(
        LADDER_720.map((name) => ({ name, ended: true, segments: SEGMENTS })),
      );
      expect(await isPlayableVideoDir(m.live)).toBe(true);
    }, 240_000);

    it('a permanent delete stops the worker too: no row, no file, the job dropped cleanly', async () => {
      const m = await midTranscode();
      const { t, id } = m;
      const del = await admin(t, 'DELETE', `/api/videos/${id}?permanent=true`);
      expect(del.statusCode, del.body).toBe(200);
      await resumeAndExpectDropped(m);
      expect(await videoRow(t, id)).toBeUndefined();
      expect(await transcodingJob(t, id)).toBeUndefined();
      expect(existsSync(t.container.layout.archivedVideoDir(m.slug))).toBe(false);
    }, 180_000);
  });

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
          files: {
            ...remote.files,
            publish: async (...a) => (await remove(v.id, how), remote.files.publish(...a)),
          },
          settings: spriteSettingsFrom(t.config),
        });
        const job = await runner.claim();
        expect(job?.videoId).toBe(v.id);
        const scratchDir = path.join(tmp, `sprite-${how}`);
        expect(await runner.run(job!, { signal: new AbortController().signal, scratchDir })).toBe('released');
        expect(existsSync(v.dir)).toBe(false);
        expect(await staging()).toEqual([]);
        const row = await t.container.db
          .selectFrom('sprite_queue')
          .select('status')
          .where('id', '=', job!.jobId)
          .executeTakeFirst();
        expect(row?.status).toBe(how === 'archive' ? 'cancelled' : undefined);
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
          files: {
            ...remote.files,
            publish: async (...a) => (await remove(v.id, how), remote.files.publish(...a)),
          },
          settings: transcodeSettingsFrom(t.config),
        });
        const job = await runner.claim();
        expect(job?.videoId).toBe(v.id);
        const scratchDir = path.join(tmp, `reencode-${how}`);
        expect(await runner.run(job!, { signal: new AbortController().signal, scratchDir })).toBe('released');
        expect(existsSync(v.dir)).toBe(false);
        expect(await staging()).toEqual([]);
        const row = await t.container.db
          .selectFrom('reencode_queue')
          .select('status')
          .where('id', '=', job!.jobId)
          .executeTakeFirst();
        expect(row?.status).toBe(how === 'archive' ? 'cancelled' : undefined);
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
