// The harness of the live-publishing and segment-resume tests (issue 3): apps publishing 2 s segments,
// workers on the worker API, and the checks of a finished ladder (VOD playlists, continuous media,
// segment boundaries identical across renditions, quality_progress complete).
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterEach, expect } from 'vitest';
import { startApiWorker, type ApiWorker } from './api-worker.js';
import { packets, playlist, playlistOf, probeTarget, segmentName } from './ladder-output.js';
import type { ClipName } from './media-clips.js';
import { createTestApp, uploadClip, type TestApp } from './test-app.js';
import { waitFor } from './wait.js';

export const SEGMENT = 2;
export const CLIP_SECONDS = 8;
export const LADDER_720 = ['720p', '480p', '360p'];
/** Each case encodes 8 s of video once or twice; generous for a busy 2-core machine. */
export const CASE_TIMEOUT = 150_000;

/**
 * Apps and workers of the tests in one file, each closed / stopped after its test (afterEach): the
 * app publishes in SEGMENT-second segments.
 */
export function useLadderApps() {
  let cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const fn of cleanup.reverse()) await fn();
    cleanup = [];
  });
  return {
    async app(driver: 'pglite' | 'postgres', env: Record<string, string> = {}): Promise<TestApp> {
      const t = await createTestApp(driver, { VLOG_HLS_SEGMENT_DURATION: String(SEGMENT), ...env });
      cleanup.push(() => t.close());
      return t;
    },
    /** A worker on the worker API; `identity`: the same worker started again (it reclaims its own job). */
    async worker(t: TestApp, identity?: ApiWorker): Promise<ApiWorker> {
      const w = await startApiWorker(t, identity);
      cleanup.push(() => w.stop());
      return w;
    },
  };
}

export async function upload(t: TestApp, clip: ClipName): Promise<{ id: number; dir: string }> {
  const { video_id, slug } = await uploadClip(t, clip, clip);
  return { id: video_id, dir: t.container.layout.videoDir(slug) };
}

export const videoRow = (t: TestApp, id: number) =>
  t.container.db.selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
export const jobRow = (t: TestApp, id: number) =>
  t.container.db
    .selectFrom('transcoding_jobs')
    .selectAll()
    .where('video_id', '=', id)
    .executeTakeFirstOrThrow();
/** The quality_progress rows of a job. */
export const qualityRows = (t: TestApp, jobId: number) =>
  t.container.db.selectFrom('quality_progress').selectAll().where('job_id', '=', jobId).execute();

export async function finalState(t: TestApp, id: number) {
  return waitFor(
    async () => {
      const v = await videoRow(t, id);
      return v.status === 'ready' || v.status === 'failed' ? v : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 100, what: `video ${id} to finish` },
  );
}

/** The finished video: VOD playlists, continuous media, boundaries identical across renditions. */
export async function expectFinished(
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
  const rows = await qualityRows(t, job.id);
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
export async function expectContinuous(playlistPath: string, name: string, resumed: boolean): Promise<void> {
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
