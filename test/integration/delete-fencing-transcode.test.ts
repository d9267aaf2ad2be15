// Issue 10, point 1: a deleted video stays deleted, also mid-transcode. Deleting (archive or permanent)
// fences the video's transcode in the transaction that marks it deleted: the worker's next upload or
// completion is refused (409, 404 once the rows are gone), it stops ffmpeg and drops the job, nothing lands
// in videos/{slug} after the delete, and the archive holds what was published before it; a restore of that
// unfinished archive transcodes again. The transcode runs on a real worker over HTTP.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isPlayableVideoDir } from '../../src/domain/videos/playable-outputs.js';
import { parseMediaPlaylist, validateMediaPlaylist } from '../../src/media/output-validation.js';
import { startApiWorker } from '../helpers/api-worker.js';
import { admin, listing, transcodingJob, videoRow } from '../helpers/delete-fencing.js';
import { freezeLadderAfterFirstSegments, ladderProcesses } from '../helpers/ffmpeg-children.js';
import { createTestApp, uploadClip } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';

const LADDER_720 = ['720p', '480p', '360p'];
/** An 8 s clip in 2 s segments: four per rendition, so the delete lands with most of them still to come. */
const SEGMENTS = 4;

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

interface LogLine {
  msg: string;
  fields: Record<string, unknown>;
}

describe.each(DRIVERS)('deleting a video fences its transcode (%s)', (driver) => {
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
      const { pid } = await freezeLadderAfterFirstSegments();
      cleanup.push(
        async () => void (await ladderProcesses()).some((p) => p.pid === pid && process.kill(pid, 'SIGCONT')),
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
      expect((await ladderProcesses()).map((p) => p.pid)).not.toContain(m.pid); // ffmpeg stopped, not run to the end
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
});
