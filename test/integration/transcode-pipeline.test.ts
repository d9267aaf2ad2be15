// Upload → local worker → ready/failed, on real ffmpeg with generated clips (issue 2 media acceptance).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClipName } from '../helpers/media-clips.js';
import { probePlaylist } from '../helpers/ffprobe.js';
import { startApiWorker } from '../helpers/api-worker.js';
import { adminInject } from '../helpers/admin-inject.js';
import { createTestApp, uploadClip, type TestApp } from '../helpers/test-app.js';
import { waitFor, waitVideoSettled } from '../helpers/wait.js';
import type { WorkerLoop } from '../../src/worker/local-worker.js';

interface Expected {
  renditions: Record<string, [number, number]>;
  audio: boolean;
  /** The stream-copied `original` rendition's size; null when the source cannot be copied into MPEG-TS. */
  original: [number, number] | null;
}

const VALID: Array<[ClipName, string, Expected]> = [
  [
    'landscape1080',
    'mp4',
    {
      renditions: { '1080p': [1920, 1080], '720p': [1280, 720], '480p': [854, 480], '360p': [640, 360] },
      audio: true,
      original: [1920, 1080],
    },
  ],
  [
    'portrait',
    'mp4',
    {
      renditions: { '1080p': [1080, 1920], '720p': [720, 1280], '480p': [480, 854], '360p': [360, 640] },
      audio: true,
      original: [1080, 1920],
    },
  ],
  [
    'videoOnly',
    'mp4',
    {
      renditions: { '720p': [1280, 720], '480p': [854, 480], '360p': [640, 360] },
      audio: false,
      original: [1280, 720],
    },
  ],
  // VP9/Opus cannot be stream-copied into MPEG-TS: no original, the ladder alone.
  ['webm', 'webm', { renditions: { '480p': [854, 480], '360p': [640, 360] }, audio: true, original: null }],
];

const videoStatus = async (t: TestApp, videoId: number) =>
  (
    await t.container.db
      .selectFrom('videos')
      .select('status')
      .where('id', '=', videoId)
      .executeTakeFirstOrThrow()
  ).status;

/** The transcoding job of a video. */
const jobOf = (t: TestApp, videoId: number) =>
  t.container.db
    .selectFrom('transcoding_jobs')
    .selectAll()
    .where('video_id', '=', videoId)
    .executeTakeFirstOrThrow();

describe('transcoding pipeline (PGlite, local worker)', () => {
  let t: TestApp;
  let worker: WorkerLoop;

  beforeAll(async () => {
    t = await createTestApp('pglite');
    worker = await startApiWorker(t);
  });
  afterAll(async () => {
    await worker.stop();
    await t.close();
  });

  it.each(VALID)('%s ends ready with the right renditions', async (clip, ext, expected) => {
    const { video_id, slug } = await uploadClip(t, `Clip ${clip}`, clip, ext);
    const video = await waitVideoSettled(t, video_id);
    expect(video.error_message).toBeNull();
    expect(video.status).toBe('ready');
    expect(video.published_at).not.toBeNull();
    expect(video.duration).toBeCloseTo(2, 0);

    const rows = await t.container.db
      .selectFrom('video_qualities')
      .selectAll()
      .where('video_id', '=', video_id)
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.quality, [r.width, r.height]]))).toEqual({
      ...expected.renditions,
      ...(expected.original ? { original: expected.original } : {}),
    });

    const dir = t.container.layout.videoDir(slug);
    const master = await readFile(path.join(dir, 'master.m3u8'), 'utf8');
    for (const [name, [w, h]] of Object.entries(expected.renditions)) {
      expect(master).toContain(`${name}/stream.m3u8`);
      const probe = await probePlaylist(path.join(dir, name, 'stream.m3u8'));
      expect(probe.videoCodec).toBe('h264');
      expect([probe.width, probe.height]).toEqual([w, h]);
      expect(Math.abs(probe.duration - 2)).toBeLessThan(0.3);
      expect(probe.audioCodec).toBe(expected.audio ? 'aac' : null);
    }
    await expect(readFile(path.join(dir, 'thumbnail.jpg'))).resolves.toBeTruthy();
    // The original: MPEG-TS beside the CMAF ladder, left out of the CMAF master (see writeManifests).
    expect(master).not.toContain('original.m3u8');
    if (expected.original) {
      const original = await probePlaylist(path.join(dir, 'original.m3u8'));
      expect(original.videoCodec).toBe('h264');
      expect([original.width, original.height]).toEqual(expected.original);
      expect(Math.abs(original.duration - 2)).toBeLessThan(0.3);
      expect(original.audioCodec).toBe(expected.audio ? 'aac' : null);
      const bitrate = rows.find((r) => r.quality === 'original')?.bitrate ?? 0;
      expect(bitrate).toBeGreaterThan(100);
    } else {
      await expect(readFile(path.join(dir, 'original.m3u8'))).rejects.toThrow();
    }

    const job = await jobOf(t, video_id);
    expect(job.completed_at).not.toBeNull();
    expect(job.progress_percent).toBe(100);
    const progress = await t.container.db
      .selectFrom('quality_progress')
      .selectAll()
      .where('job_id', '=', job.id)
      .execute();
    expect(Object.fromEntries(progress.map((q) => [q.quality, q.status]))).toEqual({
      ...Object.fromEntries(Object.keys(expected.renditions).map((name) => [name, 'completed'])),
      original: expected.original ? 'completed' : 'skipped',
    });
  });

  it.each([
    ['truncated', 'mp4'],
    ['notAVideo', 'mp4'],
  ] as Array<[ClipName, string]>)('%s ends failed with a clear message and no retry', async (clip, ext) => {
    const { video_id, slug } = await uploadClip(t, `Clip ${clip}`, clip, ext);
    const video = await waitVideoSettled(t, video_id);
    expect(video.status).toBe('failed');
    expect(video.error_message).toMatch(/not a playable video|truncated|damaged|no video stream/i);
    expect(video.error_message).not.toMatch(/\/tmp|\/work|\.cache/);
    const job = await jobOf(t, video_id);
    expect(job.completed_at).not.toBeNull();
    expect(job.attempt_number).toBe(1);
    // Nothing half-made is published.
    await expect(readFile(path.join(t.container.layout.videoDir(slug), 'master.m3u8'))).rejects.toThrow();
    const progress = await adminInject(t, 'GET', `/api/videos/${video_id}/progress`);
    expect(progress.json()).toMatchObject({ status: 'failed' });
  });
});

describe('transcoding pipeline (PostgreSQL)', () => {
  it('transcodes on PostgreSQL too', async () => {
    const t = await createTestApp('postgres');
    const worker = await startApiWorker(t);
    try {
      const { video_id } = await uploadClip(t, 'Clip webm', 'webm', 'webm');
      const video = await waitVideoSettled(t, video_id);
      expect(video.status).toBe('ready');
      const rows = await t.container.db
        .selectFrom('video_qualities')
        .select('quality')
        .where('video_id', '=', video_id)
        .execute();
      expect(rows.map((r) => r.quality).sort()).toEqual(['360p', '480p']);
    } finally {
      await worker.stop();
      await t.close();
    }
  });
});

describe('graceful shutdown', () => {
  it('releases the job it is transcoding: no attempt counted, nothing half-made published', async () => {
    const t = await createTestApp('pglite');
    const worker = await startApiWorker(t);
    try {
      const { video_id, slug } = await uploadClip(t, 'Clip landscape1080', 'landscape1080');
      await waitFor(
        async () => ((await jobOf(t, video_id)).current_step === 'transcode' ? true : undefined),
        { timeoutMs: 30_000, intervalMs: 20, what: 'the transcode step' },
      );
      await worker.stop();
      const job = await jobOf(t, video_id);
      expect(job.claimed_at).toBeNull();
      expect(job.worker_id).toBeNull();
      expect(job.completed_at).toBeNull();
      expect(job.attempt_number).toBe(1);
      expect(await videoStatus(t, video_id)).toBe('pending');
      await expect(readFile(path.join(t.container.layout.videoDir(slug), 'master.m3u8'))).rejects.toThrow();

      // Another worker picks it up and finishes it.
      const next = await startApiWorker(t);
      try {
        expect((await waitVideoSettled(t, video_id)).status).toBe('ready');
      } finally {
        await next.stop();
      }
    } finally {
      await worker.stop();
      await t.close();
    }
  });
});
