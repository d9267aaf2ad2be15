// Re-encode jobs run by a remote worker over the worker API: the same runner as the server's worker, with
// the source downloaded (the upload, or the best rendition flattened into one file), every output file
// uploaded (SHA-256 verified) into staging, and one complete in which the server carries the kept files
// over, swaps the directory in and records the job. Only the claiming worker may touch the job.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReencodeRunner } from '../../src/worker/reencode.runner.js';
import { createHttpReencodeJobs } from '../../src/worker/remote/http-reencode-jobs.js';
import { createWorkerApiClient } from '../../src/worker/remote/worker-api-client.js';
import { transcodeSettingsFrom } from '../../src/worker/transcode.job.js';
import { LEGACY_ORIGINAL_ENTRY, legacyVideo, makeSmallClip } from '../helpers/legacy-video.js';
import { probePlaylist } from '../helpers/ffprobe.js';
import { expectLegacyExtrasKept, expectReencoded360p } from '../helpers/reencode-output.js';
import { createTestApp, TEST_ADMIN_SECRET, type TestApp } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';
import { workerFixtures } from '../helpers/worker-fixtures.js';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const listing = async (dir: string) => (await readdir(dir, { recursive: true })).sort();
/** Regular files under `dir` (none when it does not exist). */
const filesUnder = async (dir: string) =>
  (await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []))
    .filter((e) => e.isFile())
    .map((e) => e.name);

describe.each(DRIVERS)('re-encode jobs on a remote worker (%s)', (driver) => {
  let t: TestApp;
  let address: string;
  let tmp: string;
  let clip: string;
  const workers: Record<'a' | 'b', { key: string; pk: number }> = {
    a: { key: '', pk: 0 },
    b: { key: '', pk: 0 },
  };
  const fx = workerFixtures(() => t);

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'vlog-remote-reencode-'));
    [t, clip] = await Promise.all([
      createTestApp(driver, { VLOG_HLS_SEGMENT_DURATION: '1' }),
      makeSmallClip(path.join(tmp, 'clip180.mp4')),
    ]);
    for (const name of ['a', 'b'] as const) {
      const w = await fx.register(`reencode-${name}`);
      workers[name] = { key: w.key, pk: (await fx.row(w.id)).id };
    }
    address = await t.workerApp.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t?.close();
    await rm(tmp, { recursive: true, force: true });
  });

  const video = (opts?: Parameters<typeof legacyVideo>[2]) =>
    legacyVideo({ db: t.container.db, layout: t.container.layout }, clip, opts);
  const queue = async (videoId: number, format: string, codec: string) => {
    const res = await t.adminApp.inject({
      method: 'POST',
      url: `/api/reencode/queue?video_ids=${videoId}&target_format=${format}&target_codec=${codec}&priority=high`,
      headers: { 'x-admin-secret': TEST_ADMIN_SECRET },
    });
    expect(res.json(), res.body).toMatchObject({ queued: [videoId] });
  };
  const remoteRunner = (who: 'a' | 'b') =>
    createReencodeRunner({
      ...createHttpReencodeJobs(createWorkerApiClient({ baseUrl: address, apiKey: workers[who].key })),
      settings: transcodeSettingsFrom(t.container.config),
    });
  const jobRow = (id: number) =>
    t.db.db.selectFrom('reencode_queue').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const put = (who: 'a' | 'b', jobId: number, name: string, data: Buffer, sha = sha256(data)) =>
    t.workerApp.inject({
      method: 'PUT',
      url: `/api/worker/reencode/${jobId}/files/${name}`,
      headers: {
        'x-worker-api-key': workers[who].key,
        'content-type': 'application/octet-stream',
        'x-content-sha256': sha,
      },
      payload: data,
    });
  const post = (who: 'a' | 'b', url: string, payload?: object) =>
    t.workerApp.inject({
      method: 'POST',
      url,
      headers: { 'x-worker-api-key': workers[who].key },
      ...(payload ? { payload } : {}),
    });
  /** Files remote workers uploaded and the server has not published or discarded. */
  const remoteStaging = () => filesUnder(t.container.layout.videoDir('.reencode-remote'));
  const videoRow = (id: number) =>
    t.db.db.selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const qualities = (id: number) =>
    t.db.db
      .selectFrom('video_qualities')
      .select(['quality', 'width', 'height', 'bitrate'])
      .where('video_id', '=', id)
      .orderBy('quality')
      .execute();

  it('re-encodes hls_ts to CMAF over HTTP: kept files carried over, qualities replaced; others refused', async () => {
    const v = await video({ original: true });
    await queue(v.id, 'cmaf', 'h264');
    const runner = remoteRunner('a');
    const job = await runner.claim();
    expect(job).toMatchObject({ videoId: v.id, slug: v.slug, format: 'cmaf', codec: 'h264', attempt: 1 });
    if (!job) return;
    const base = `/api/worker/reencode/${job.jobId}`;
    expect((await jobRow(job.jobId)).processed_by_worker_id).toBe(workers.a.pk);

    // Another worker may not read the source, upload, complete, fail or give the job back.
    const data = Buffer.from('#EXTM3U\n');
    expect((await put('b', job.jobId, 'master.m3u8', data)).statusCode).toBe(403);
    for (const [method, what, payload] of [
      ['GET', 'source', undefined],
      [
        'POST',
        'complete',
        { qualities: [{ name: '360p', width: 1, height: 1, bitrate: 1 }], keep_original: false },
      ],
      ['POST', 'fail', { error_message: 'x', retry: false }],
      ['POST', 'release', undefined],
    ] as const) {
      const res = await t.workerApp.inject({
        method,
        url: `${base}/${what}`,
        headers: { 'x-worker-api-key': workers.b.key },
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode, `${what}: ${res.body}`).toBe(403);
    }
    // The owner may upload only the encode's own files, with the right checksum; nothing else is written.
    for (const name of [
      '..%2Fthumbnail.jpg',
      '..%2F..%2Fescape.m3u8',
      '360p%2F..%2F..%2Fmaster.m3u8',
      '.hidden.m3u8',
      'captions.vtt',
      'sprites/sprite_01.jpg',
      'original.m3u8',
      '360p.m3u8', // the HLS/TS layout, not this job's CMAF one
      '360p/seg_0000.ts',
      '9999p/stream.m3u8',
    ]) {
      const res = await put('a', job.jobId, name, data);
      expect([400, 404], `${name}: ${res.body}`).toContain(res.statusCode);
    }
    const mismatch = await put('a', job.jobId, 'master.m3u8', data, 'b'.repeat(64));
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json()).toEqual({ detail: 'Checksum verification failed' });
    expect(await remoteStaging()).toEqual([]);
    const before = await listing(v.dir);

    const outcome = await runner.run(job, {
      signal: new AbortController().signal,
      scratchDir: path.join(tmp, 'a'),
    });
    expect(outcome).toBe('completed');
    const row = await jobRow(job.jobId);
    expect(row).toMatchObject({
      status: 'completed',
      error_message: null,
      processed_by_worker_id: workers.a.pk,
    });

    expect(before).toContain('360p_0000.ts');
    const files = await readdir(v.dir);
    expect(files.filter((f) => f.endsWith('.ts') && !f.startsWith('original'))).toEqual([]); // old layout gone
    expect(files.sort()).toEqual(
      [
        '360p',
        'captions.vtt',
        'manifest.mpd',
        'master.m3u8',
        'original.m3u8',
        ...before.filter((f) => /^original_\d+\.ts$/.test(f)),
        'sprites',
        'sprites.vtt',
        'thumbnail.jpg',
      ].sort(),
    );
    await expectLegacyExtrasKept(v.dir);
    await expectReencoded360p(v.dir);
    expect(await readFile(path.join(v.dir, 'master.m3u8'), 'utf8')).toContain('360p/stream.m3u8');
    expect(await videoRow(v.id)).toMatchObject({
      status: 'ready',
      streaming_format: 'cmaf',
      primary_codec: 'h264',
    });
    expect(await qualities(v.id)).toEqual([
      { quality: '360p', width: 320, height: 180, bitrate: 600 },
      { quality: 'original', width: 320, height: 180, bitrate: 900 },
    ]);
    // Nothing staged, backed up or uploaded is left beside the videos.
    const hidden = (await readdir(t.container.layout.dirs.videosDir)).filter((f) => f.startsWith('.'));
    expect(hidden.filter((f) => f !== '.reencode-remote')).toEqual([]);
    expect(await remoteStaging()).toEqual([]);
    // Done: the job can no longer be touched.
    expect((await post('a', `${base}/release`)).statusCode).toBe(409);
  });

  it('without the upload the best rendition is the source (one flattened file); an HLS/TS master lists the original first', async () => {
    const v = await video({ original: true, upload: null, thumbnail: false });
    await queue(v.id, 'hls_ts', 'hevc');
    const runner = remoteRunner('b');
    const job = await runner.claim();
    if (!job) throw new Error('no job claimed');
    // The source is the original remux's segments in one MPEG-TS file, with Range support.
    const source = await t.workerApp.inject({
      method: 'GET',
      url: `/api/worker/reencode/${job.jobId}/source`,
      headers: { 'x-worker-api-key': workers.b.key, range: 'bytes=0-187' },
    });
    expect(source.statusCode).toBe(206);
    expect(source.rawPayload[0]).toBe(0x47); // MPEG-TS sync byte

    const outcome = await runner.run(job, {
      signal: new AbortController().signal,
      scratchDir: path.join(tmp, 'b'),
    });
    expect(outcome).toBe('completed');
    const master = await readFile(path.join(v.dir, 'master.m3u8'), 'utf8');
    expect(master.indexOf(`${LEGACY_ORIGINAL_ENTRY}\noriginal.m3u8`)).toBeGreaterThan(0);
    expect(master.indexOf('original.m3u8')).toBeLessThan(master.indexOf('360p.m3u8'));
    expect((await probePlaylist(path.join(v.dir, '360p.m3u8'))).videoCodec).toBe('hevc');
    // No thumbnail was kept: the worker made one.
    const thumbnail = await readFile(path.join(v.dir, 'thumbnail.jpg'));
    expect(thumbnail.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(await videoRow(v.id)).toMatchObject({ streaming_format: 'hls_ts', primary_codec: 'hevc' });
    expect((await qualities(v.id)).map((q) => q.quality)).toEqual(['360p', 'original']);
    expect(await remoteStaging()).toEqual([]);
  });

  it('complete is refused (409) once the job was cancelled, and the live directory is untouched', async () => {
    const v = await video();
    await queue(v.id, 'cmaf', 'h264');
    const claim = await post('a', '/api/worker/reencode/claim');
    expect(claim.statusCode, claim.body).toBe(200);
    const job = claim.json<{ job: { job_id: number; thumbnail: boolean; original: null } }>().job;
    expect(job).toMatchObject({ thumbnail: true, original: null });
    const base = `/api/worker/reencode/${job.job_id}`;
    const master = Buffer.from('#EXTM3U\n#EXT-X-VERSION:7\n');
    expect((await put('a', job.job_id, 'master.m3u8', master)).statusCode).toBe(200);
    // Incomplete output is refused before anything moves.
    const body = {
      qualities: [{ name: '360p', width: 320, height: 180, bitrate: 600 }],
      keep_original: false,
    };
    const early = await post('a', `${base}/complete`, body);
    expect(early.statusCode).toBe(400);
    expect(early.json()).toEqual({ detail: '360p/stream.m3u8 was not uploaded' });

    const before = await listing(v.dir);
    const liveMaster = await readFile(path.join(v.dir, 'master.m3u8'), 'utf8');
    await t.db.db
      .updateTable('reencode_queue')
      .set({ status: 'cancelled' })
      .where('id', '=', job.job_id)
      .execute();
    const late = await post('a', `${base}/complete`, body);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toEqual({ detail: 'Re-encode job is no longer in progress' });
    expect(await listing(v.dir)).toEqual(before);
    expect(await remoteStaging()).toEqual([]); // the refused worker's uploads are dropped
    expect(await readFile(path.join(v.dir, 'master.m3u8'), 'utf8')).toBe(liveMaster);
    expect(await videoRow(v.id)).toMatchObject({ streaming_format: 'hls_ts', primary_codec: 'h264' });
    expect((await put('a', job.job_id, 'master.m3u8', master)).statusCode).toBe(409);
    expect((await stat(v.dir)).isDirectory()).toBe(true);
  });

  it('fail and release answer for the owner only and clear its uploads', async () => {
    const v = await video();
    await queue(v.id, 'cmaf', 'h264');
    const job = (await post('a', '/api/worker/reencode/claim')).json<{ job: { job_id: number } }>().job;
    const base = `/api/worker/reencode/${job.job_id}`;
    expect((await put('a', job.job_id, 'thumbnail.jpg', Buffer.from('x'))).statusCode).toBe(200);
    expect(await remoteStaging()).not.toEqual([]);
    expect((await post('a', `${base}/release`)).json()).toMatchObject({ status: 'ok' });
    expect(await jobRow(job.job_id)).toMatchObject({ status: 'pending', retry_count: 0 });
    expect(await remoteStaging()).toEqual([]);

    const again = (await post('b', '/api/worker/reencode/claim')).json<{ job: { job_id: number } }>().job;
    expect(again.job_id).toBe(job.job_id);
    expect((await post('a', `${base}/fail`, { error_message: 'x', retry: true })).statusCode).toBe(403);
    const failed = await post('b', `${base}/fail`, { error_message: 'encoder crashed', retry: true });
    expect(failed.json()).toEqual({ status: 'ok', will_retry: true });
    expect(await jobRow(job.job_id)).toMatchObject({
      status: 'pending',
      retry_count: 1,
      error_message: 'Attempt 1 failed: encoder crashed',
    });
    await t.db.db
      .updateTable('reencode_queue')
      .set({ status: 'cancelled' })
      .where('id', '=', job.job_id)
      .execute();
  });
});
