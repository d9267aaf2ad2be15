// Issue 3: watchable within seconds (live publishing) and crash-safe (resume at segment granularity).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { parseMediaPlaylist } from '../../src/media/output-validation.js';
import { startApiWorker, type ApiWorker } from '../helpers/api-worker.js';
import type { ClipName } from '../helpers/media-clips.js';
import { createTestApp, TEST_ADMIN_SECRET, uploadClip, type TestApp } from '../helpers/test-app.js';
import { waitFor } from '../helpers/wait.js';

const run = promisify(execFile);
const SEGMENT = 2;
const CLIP_SECONDS = 8;
const LADDER_720 = ['720p', '480p', '360p'];
/** Each case encodes 8 s of video once or twice; generous for a busy 2-core machine. */
const CASE_TIMEOUT = 150_000;

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function app(driver: 'pglite' | 'postgres', env: Record<string, string> = {}): Promise<TestApp> {
  const t = await createTestApp(driver, { VLOG_HLS_SEGMENT_DURATION: String(SEGMENT), ...env });
  cleanup.push(() => t.close());
  return t;
}

/** A worker on the worker API; `identity`: the same worker started again (it reclaims its own job). */
async function worker(t: TestApp, identity?: ApiWorker): Promise<ApiWorker> {
  const w = await startApiWorker(t, identity);
  cleanup.push(() => w.stop());
  return w;
}

async function upload(t: TestApp, clip: ClipName): Promise<{ id: number; dir: string }> {
  const { video_id, slug } = await uploadClip(t, clip, clip);
  return { id: video_id, dir: t.container.layout.videoDir(slug) };
}

const videoRow = (t: TestApp, id: number) =>
  t.container.db.selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const jobRow = (t: TestApp, id: number) =>
  t.container.db
    .selectFrom('transcoding_jobs')
    .selectAll()
    .where('video_id', '=', id)
    .executeTakeFirstOrThrow();

const playlistOf = (format: string, name: string) =>
  format === 'cmaf' ? `${name}/stream.m3u8` : `${name}.m3u8`;

async function playlist(dir: string, rel: string) {
  const text = await readFile(path.join(dir, rel), 'utf8').catch(() => '');
  const parsed = parseMediaPlaylist(text);
  const type = /#EXT-X-PLAYLIST-TYPE:(\w+)/.exec(text)?.[1] ?? null;
  const base = path.dirname(path.join(dir, rel));
  return { ...parsed, type, text, files: parsed.segments.map((s) => path.join(base, s.uri)) };
}

/** Published segment count per rendition (0 when its playlist is not there yet). */
async function published(dir: string, format: string, names: string[]): Promise<number[]> {
  return Promise.all(names.map(async (n) => (await playlist(dir, playlistOf(format, n))).segments.length));
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)])),
  );
  return nested.flat();
}

/** Samples the directory until stopped; returns every temp/partial/hidden name it ever saw. */
function watchForPartials(dir: string): () => Promise<string[]> {
  const seen = new Set<string>();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      for (const f of await walk(dir)) if (/\.tmp$|\/\./.test(f)) seen.add(path.relative(dir, f));
      await new Promise((r) => setTimeout(r, 15));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return [...seen];
  };
}

/** inode, mtime and hash of each published segment (and init.mp4): rewriting any of them changes it. */
async function fingerprints(files: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of files) {
    const s = await stat(f);
    out[f] = `${s.ino}:${s.mtimeMs}:${createHash('sha256')
      .update(await readFile(f))
      .digest('hex')}`;
  }
  return out;
}

/** One ffprobe-able piece of a rendition: a TS segment alone, or init.mp4 + an fMP4 segment. */
const probeTarget = (format: string, segment: string) =>
  format === 'cmaf' ? `concat:${path.join(path.dirname(segment), 'init.mp4')}|${segment}` : segment;

async function packets(target: string): Promise<{ stream: number; pts: number; dts: number }[]> {
  const { stdout } = await run(
    'ffprobe',
    ['-v', 'error', '-show_entries', 'packet=stream_index,pts_time,dts_time', '-of', 'json', target],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const json = JSON.parse(stdout) as {
    packets?: { stream_index: number; pts_time: string; dts_time: string }[];
  };
  return (json.packets ?? []).map((p) => ({
    stream: p.stream_index,
    pts: Number(p.pts_time),
    dts: Number(p.dts_time),
  }));
}

/** The ffmpeg/ffprobe processes this test process runs (Linux /proc), with their arguments. */
async function childProcesses(): Promise<{ pid: number; args: string[] }[]> {
  const found: { pid: number; args: string[] }[] = [];
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    const status = await readFile(`/proc/${entry}/status`, 'utf8').catch(() => '');
    if (Number(/^PPid:\s+(\d+)$/m.exec(status)?.[1]) !== process.pid) continue;
    const args = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0');
    if (/ff(mpeg|probe)$/.test(args[0] ?? '')) found.push({ pid: Number(entry), args });
  }
  return found;
}

/** The running ladder encodes (one ffmpeg for all renditions). */
const ladderProcesses = async () =>
  (await childProcesses()).filter((p) => p.args.includes('-filter_complex'));

const flag = (args: string[], name: string) =>
  args.includes(name) ? (args[args.indexOf(name) + 1] ?? null) : null;

/** Samples child processes until stopped; returns the arguments of each one seen. */
function watchChildren(): () => Promise<string[][]> {
  const seen = new Map<number, string[]>();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      for (const p of await childProcesses()) seen.set(p.pid, p.args);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return [...seen.values()];
  };
}

/**
 * Freezes (SIGSTOP) the running ladder once every rendition has written a segment, and returns its pid
 * and per-rendition segment counts: the crash then lands mid-encode however fast the machine is.
 */
async function freezeAfterFirstSegments(): Promise<{ pid: number; counts: number[] }> {
  const count = async (playlists: string[]) =>
    Promise.all(
      playlists.map(
        async (f) => parseMediaPlaylist(await readFile(f, 'utf8').catch(() => '')).segments.length,
      ),
    );
  return waitFor(
    async () => {
      const [ladder] = await ladderProcesses();
      if (!ladder) return undefined;
      const playlists = ladder.args.filter((a) => a.endsWith('.m3u8'));
      if (!(await count(playlists)).every((n) => n >= 1)) return undefined;
      process.kill(ladder.pid, 'SIGSTOP');
      return { pid: ladder.pid, counts: await count(playlists) };
    },
    { timeoutMs: 60_000, intervalMs: 10, what: 'the first segments of every rendition' },
  );
}

async function finalState(t: TestApp, id: number) {
  return waitFor(
    async () => {
      const v = await videoRow(t, id);
      return v.status === 'ready' || v.status === 'failed' ? v : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 100, what: `video ${id} to finish` },
  );
}

const segmentName = (format: string, name: string, i: number) =>
  format === 'cmaf' ? `seg_${String(i).padStart(4, '0')}.m4s` : `${name}_${String(i).padStart(4, '0')}.ts`;

/** The finished video: VOD playlists, continuous media, boundaries identical across renditions. */
async function expectFinished(
  t: TestApp,
  o: { video: { id: number; dir: string }; format: string; names: string[]; resumed: boolean },
) {
  const { video, format, names } = o;
  const v = await finalState(t, video.id);
  expect(v.error_message).toBeNull();
  expect(v.status).toBe('ready');
  const boundaries: string[] = [];
  for (const name of names) {
    const p = await playlist(video.dir, playlistOf(format, name));
    expect([p.type, p.hasEndList], name).toEqual(['VOD', true]);
    expect(p.text).toContain('#EXT-X-MEDIA-SEQUENCE:0');
    expect(p.segments.map((s) => s.uri)).toEqual(p.segments.map((_, i) => segmentName(format, name, i)));
    const total = p.segments.reduce((sum, s) => sum + s.duration, 0);
    expect(Math.abs(total - CLIP_SECONDS), name).toBeLessThan(0.1);
    // Each segment starts at the same video timestamp, with the same length, in every rendition.
    const starts = await Promise.all(
      p.files.map(async (f) => (await packets(probeTarget(format, f))).find((x) => x.stream === 0)?.dts),
    );
    boundaries.push(
      `${p.segments.map((s) => s.duration.toFixed(3)).join(' ')} | ${starts.map((x) => x?.toFixed(3)).join(' ')}`,
    );
    await expectContinuous(path.join(video.dir, playlistOf(format, name)), name, o.resumed);
  }
  for (const b of boundaries) expect(b).toBe(boundaries[0]);
  const master = await readFile(path.join(video.dir, 'master.m3u8'), 'utf8');
  for (const name of names) expect(master).toContain(playlistOf(format, name));
  const job = await jobRow(t, video.id);
  const rows = await t.container.db
    .selectFrom('quality_progress')
    .selectAll()
    .where('job_id', '=', job.id)
    .execute();
  const n = CLIP_SECONDS / SEGMENT;
  const ladderRows = rows.filter((r) => r.quality !== 'original');
  expect(ladderRows.map((r) => [r.quality, r.status, r.segments_completed, r.segments_total]).sort()).toEqual(
    names.map((q) => [q, 'completed', n, n]).sort(),
  );
  // The stream-copied original, redone whole by a resumed attempt (a copy takes a second): HLS/TS masters
  // list it first, CMAF masters leave it out.
  const original = rows.find((r) => r.quality === 'original');
  expect(original?.status).toBe('completed');
  expect(original?.segments_completed).toBeGreaterThan(0);
  expect(original?.segments_completed).toBe(original?.segments_total);
  expect(master.includes('original.m3u8')).toBe(format === 'hls_ts');
  expect(job.progress_percent).toBe(100);
  return job;
}

const AAC_FRAME = 1024 / 48_000;

/**
 * ffprobe reads the rendition end to end: every video frame once at a steady 1/30 s step (no gap or
 * overlap, also across a resume point); audio steady too, except where a resumed encode joins: a fresh
 * AAC encoder starts with a priming frame and on its own frame grid, so one step there may be off by up
 * to a frame early or two late.
 */
async function expectContinuous(playlistPath: string, name: string, resumed: boolean): Promise<void> {
  const all = await packets(playlistPath);
  const steps = (stream: number) => {
    const dts = all.filter((p) => p.stream === stream).map((p) => p.dts);
    return {
      count: dts.length,
      steps: dts.slice(1).map((d, i) => ({ at: d, step: d - (dts[i] as number) })),
    };
  };
  const video = steps(0);
  expect(video.count, `${name} frames`).toBe(CLIP_SECONDS * 30);
  const uneven = video.steps.filter((s) => Math.abs(s.step - 1 / 30) > 0.002);
  expect(uneven, `${name} video dts steps`).toEqual([]);
  const audio = steps(1);
  const irregular = audio.steps.filter((s) => Math.abs(s.step - AAC_FRAME) > 0.001);
  expect(irregular.length, `${name} audio joins ${JSON.stringify(irregular)}`).toBeLessThanOrEqual(
    resumed ? 1 : 0,
  );
  for (const j of irregular) {
    // Overlap: at most the resumed encoder's priming frame; gap: under two frames.
    expect(j.step, `${name} audio join at ${j.at}`).toBeGreaterThan(-AAC_FRAME);
    expect(j.step, `${name} audio join at ${j.at}`).toBeLessThan(3 * AAC_FRAME);
  }
}

describe('live publishing', () => {
  it(
    'a processing 1080p video plays within seconds: master + EVENT variants, never a partial file',
    async () => {
      const t = await app('pglite');
      await worker(t);
      const names = ['1080p', '720p', '480p', '360p'];
      const video = await upload(t, 'landscape1080x8s');
      const uploaded = Date.now();
      const partials = watchForPartials(video.dir);
      const base = `/videos/${path.basename(video.dir)}`;
      // Unpublished until ready: a processing video is watched through the admin app (authorised preview).
      const get = (url: string) =>
        t.adminApp.inject({
          method: 'GET',
          url: `${base}/${url}`,
          headers: { 'x-admin-secret': TEST_ADMIN_SECRET },
        });
      // First playable: the master and, for every variant it lists, the playlist and its first segment.
      const playable = await waitFor(
        async () => {
          const master = await get('master.m3u8');
          if (master.statusCode !== 200) return undefined;
          const uris = master.body.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
          for (const uri of uris) {
            const first = parseMediaPlaylist((await get(uri)).body).segments[0];
            if (!first || (await get(path.posix.join(path.posix.dirname(uri), first.uri))).statusCode !== 200)
              return undefined;
          }
          return { seconds: (Date.now() - uploaded) / 1000, uris };
        },
        { timeoutMs: 60_000, intervalMs: 50, what: 'the first playable state' },
      );
      console.info(
        `time to first playable (1080p source, ${SEGMENT} s segments): ${playable.seconds.toFixed(2)} s`,
      );
      expect(playable.uris.sort()).toEqual(names.map((n) => playlistOf('cmaf', n)).sort());
      // The goal is 10 s on 2 idle cores; a machine busy with other work gets room in proportion.
      const load = (os.loadavg()[0] ?? 0) / os.cpus().length;
      console.info(`load per core while measuring: ${load.toFixed(1)}`);
      expect(playable.seconds).toBeLessThan(10 * Math.max(1, load));

      // Still processing: every variant is an EVENT playlist of complete, decodable segments.
      const snapshot = await Promise.all(names.map((n) => playlist(video.dir, playlistOf('cmaf', n))));
      expect((await videoRow(t, video.id)).status).toBe('processing');
      const job = await jobRow(t, video.id);
      const rows = await t.container.db
        .selectFrom('quality_progress')
        .selectAll()
        .where('job_id', '=', job.id)
        .execute();
      const counts = await published(video.dir, 'cmaf', names);
      const admin = await t.adminApp.inject({
        method: 'GET',
        url: `/api/videos/${video.id}`,
        headers: { 'x-admin-secret': TEST_ADMIN_SECRET },
      });
      expect(admin.json()).toMatchObject({ status: 'processing', stream_url: `${base}/master.m3u8` });
      for (const [i, p] of snapshot.entries()) {
        expect([p.type, p.hasEndList], names[i]).toEqual(['EVENT', false]);
        expect(p.segments.length).toBeGreaterThanOrEqual(1);
        for (const f of p.files) expect((await packets(probeTarget('cmaf', f))).length).toBeGreaterThan(30);
      }
      // Progress never claims more than what is published (read first: publishing only adds).
      for (const r of rows)
        expect(r.segments_completed ?? 0).toBeLessThanOrEqual(counts[names.indexOf(r.quality)] ?? 0);
      expect(Math.min(...counts)).toBeLessThan(CLIP_SECONDS / SEGMENT);

      await expectFinished(t, { video, format: 'cmaf', names, resumed: false });
      expect(await partials()).toEqual([]);
    },
    CASE_TIMEOUT,
  );
});

interface Scenario {
  driver: 'pglite' | 'postgres';
  format: 'cmaf' | 'hls_ts';
  /** abandon: stop like a crash (claim kept); release: graceful shutdown (claim given back). */
  interrupt: 'abandon' | 'release';
  /** Who resumes: a worker with another id (once the lease expired), or the same stable id restarted. */
  next: 'other-id' | 'same-id';
}

/** Interrupts a job after its first segments are published, resumes it, and checks it resumed from k. */
async function interruptAndResume(s: Scenario): Promise<void> {
  const t = await app(s.driver, { VLOG_STREAMING_FORMAT: s.format });
  const first = await worker(t);
  const video = await upload(t, 'landscape720x8s');
  const frozen = await freezeAfterFirstSegments();
  expect(Math.min(...frozen.counts)).toBeLessThan(CLIP_SECONDS / SEGMENT);
  // The publisher catches up with what ffmpeg finished, then the worker goes away.
  await waitFor(
    async () => {
      const counts = await published(video.dir, s.format, LADDER_720);
      return counts.every((n, i) => n >= (frozen.counts[i] ?? 0)) ? true : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 20, what: 'the publisher to catch up' },
  );
  const interrupted = s.interrupt === 'abandon' ? first.abandon() : first.stop();
  // Its SIGTERM is pending: on SIGCONT ffmpeg flushes the segment it was on, cut short: never published.
  process.kill(frozen.pid, 'SIGCONT');
  await interrupted;
  if (s.interrupt === 'abandon' && s.next === 'other-id') {
    // The crashed worker's lease runs out (here at once, not after VLOG_WORKER_CLAIM_DURATION: a busy
    // machine must not let it lapse while the encode is frozen).
    await t.container.db
      .updateTable('transcoding_jobs')
      .set({ claim_expires_at: sql<Date>`now() - interval '1 second'` })
      .where('video_id', '=', video.id)
      .execute();
  }
  const held = await jobRow(t, video.id);
  if (s.interrupt === 'abandon') expect([held.worker_id, held.completed_at]).toEqual([first.workerId, null]);
  else expect([held.worker_id, (await videoRow(t, video.id)).status]).toEqual([null, 'pending']);

  const counts = await published(video.dir, s.format, LADDER_720);
  expect(counts).toEqual(frozen.counts);
  const k = Math.min(...counts);
  expect(k).toBeGreaterThanOrEqual(1);
  const kept = (await walk(video.dir)).filter((f) => /\.(m4s|ts|mp4|jpg)$/.test(f));
  expect(kept.map((f) => path.basename(f))).toContain('thumbnail.jpg');
  const before = await fingerprints(kept);

  const children = watchChildren();
  const next = await worker(t, s.next === 'other-id' ? undefined : first);
  const job = await expectFinished(t, { video, format: s.format, names: LADDER_720, resumed: true });
  const ran = await children();
  // Restarted at segment k: input seek to k × segment, numbering from k; no new probe or thumbnail.
  const ladders = ran.filter((a) => a.includes('-filter_complex'));
  expect(ladders.map((a) => [flag(a, '-ss'), flag(a, '-start_number')])).toEqual([
    [String(k * SEGMENT), String(k)],
  ]);
  expect(ran.filter((a) => a.includes('-show_format') || a.includes('-frames:v'))).toEqual([]);
  expect(await fingerprints(kept)).toEqual(before);
  expect(job.worker_id).toBe(next.workerId);
  if (s.next === 'other-id') expect(next.workerId).not.toBe(first.workerId);
  expect(job.attempt_number).toBe(1);
}

describe('crash-safe resume at segment granularity', () => {
  it(
    'after a crash, another worker resumes from the checkpoint once the lease expires',
    async () => {
      await interruptAndResume({ driver: 'pglite', format: 'cmaf', interrupt: 'abandon', next: 'other-id' });
    },
    CASE_TIMEOUT,
  );

  it(
    'after a crash, the same worker id restarted reclaims its job at once (PostgreSQL)',
    async () => {
      // The default 30 min lease: only reclaiming its own claim lets the restarted worker in.
      await interruptAndResume({ driver: 'postgres', format: 'cmaf', interrupt: 'abandon', next: 'same-id' });
    },
    CASE_TIMEOUT,
  );

  it(
    'a graceful release keeps the checkpoint too (HLS/TS)',
    async () => {
      await interruptAndResume({
        driver: 'pglite',
        format: 'hls_ts',
        interrupt: 'release',
        next: 'other-id',
      });
    },
    CASE_TIMEOUT,
  );
});
