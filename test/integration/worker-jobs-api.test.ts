// The job protocol over the worker API (issue 4): claims with checkpoints, lease ownership on every job
// route (a worker cannot read or write another video's files), verified atomic uploads, path traversal
// refused, Range downloads, and a claim storm of 50 concurrent HTTP claimers over 500 jobs.
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getClip } from '../helpers/media-clips.js';
import { createTestApp, uploadClip, type TestApp } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';
import { WORKER_SECRET, workerFixtures } from '../helpers/worker-fixtures.js';
import { videoRow } from '../helpers/rows.js';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

interface Claim {
  message: string;
  job_id?: number;
  video_id?: number;
  video_slug?: string;
  checkpoint?: { renditions: Record<string, unknown>; thumbnail: boolean };
  attempt_number?: number;
}

describe.each(DRIVERS)('worker job API (%s)', (driver) => {
  let t: TestApp;
  let a: { id: string; key: string };
  let b: { id: string; key: string };
  let claim: Claim;
  let video: { video_id: number; slug: string };

  const fixtures = workerFixtures(() => t);
  const as = (w: { key: string }) => ({ 'x-worker-api-key': w.key });
  const put = (w: { key: string }, jobId: number, file: string, data: Buffer, sha = sha256(data)) =>
    t.workerApp.inject({
      method: 'PUT',
      url: `/api/worker/${jobId}/files/${file}`,
      headers: { ...as(w), 'content-type': 'application/octet-stream', 'x-content-sha256': sha },
      payload: data,
    });
  const claimAs = (w: { key: string }) =>
    t.workerApp.inject({ method: 'POST', url: '/api/worker/claim', headers: as(w) });
  const failAs = (w: { key: string }, jobId: number, payload: { error_message: string; retry: boolean }) =>
    t.workerApp.inject({ method: 'POST', url: `/api/worker/${jobId}/fail`, headers: as(w), payload });
  const videoDir = () => t.container.layout.videoDir(video.slug);

  beforeAll(async () => {
    // A minute's retry backoff: long enough to see a failed job wait.
    t = await createTestApp(driver, {
      VLOG_WORKER_ADMIN_SECRET: WORKER_SECRET,
      VLOG_RETRY_BACKOFF_BASE: '60',
    });
    a = await fixtures.registerViaApi('worker-a');
    b = await fixtures.registerViaApi('worker-b');
    video = await uploadClip(t, 'Protocol');
    const res = await claimAs(a);
    expect(res.statusCode, res.body).toBe(200);
    claim = res.json<Claim>();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('claims the job with its checkpoint and records it as the worker current job', async () => {
    expect(claim).toMatchObject({
      message: 'Job claimed successfully',
      video_id: video.video_id,
      video_slug: video.slug,
      attempt_number: 1,
      checkpoint: { renditions: {}, thumbnail: false },
    });
    const row = await t.db.db
      .selectFrom('workers')
      .select('current_job_id')
      .where('worker_id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(row.current_job_id).toBe(claim.job_id);
    // Nothing left for the other worker.
    const other = await claimAs(b);
    expect(other.json()).toEqual({ message: 'No jobs available' });
  });

  it('another worker cannot report on, publish into or download the source of a job it does not hold', async () => {
    const jobId = claim.job_id as number;
    const calls = [
      { method: 'POST' as const, url: `/api/worker/${jobId}/progress`, payload: { progress_percent: 10 } },
      { method: 'POST' as const, url: `/api/worker/${jobId}/complete`, payload: { qualities: [] } },
      { method: 'POST' as const, url: `/api/worker/${jobId}/fail`, payload: { error_message: 'x' } },
      { method: 'POST' as const, url: `/api/worker/${jobId}/release` },
      { method: 'GET' as const, url: `/api/worker/source/${video.video_id}` },
    ];
    for (const c of calls) {
      const res = await t.workerApp.inject({ ...c, headers: as(b) });
      expect(res.statusCode, `${c.url}: ${res.body}`).toBe(403);
      expect(res.json()).toEqual({ detail: 'Not your job' });
    }
    const upload = await put(b, jobId, '720p/seg_0000.m4s', Buffer.from('intruder'));
    expect(upload.statusCode).toBe(403);
    await expect(stat(path.join(videoDir(), '720p', 'seg_0000.m4s'))).rejects.toThrow();
    const job = await t.db.db
      .selectFrom('transcoding_jobs')
      .selectAll()
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect(job.worker_id).toBe(a.id);
    expect(job.completed_at).toBeNull();
  });

  it('downloads the source whole or from an offset (Range, for resuming)', async () => {
    const source = await readFile(await getClip('landscape480x5s'));
    const whole = await t.workerApp.inject({
      method: 'GET',
      url: `/api/worker/source/${video.video_id}`,
      headers: as(a),
    });
    expect(whole.statusCode).toBe(200);
    expect(sha256(whole.rawPayload)).toBe(sha256(source));
    const tail = await t.workerApp.inject({
      method: 'GET',
      url: `/api/worker/source/${video.video_id}`,
      headers: { ...as(a), range: 'bytes=1000-' },
    });
    expect(tail.statusCode).toBe(206);
    expect(tail.headers['content-range']).toBe(`bytes 1000-${source.length - 1}/${source.length}`);
    expect(sha256(tail.rawPayload)).toBe(sha256(source.subarray(1000)));
  });

  it('publishes a verified file atomically and refuses a wrong checksum, a missing one and bad names', async () => {
    const jobId = claim.job_id as number;
    const data = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('moof'), Buffer.alloc(5000, 7)]);
    const ok = await put(a, jobId, '720p/seg_0000.m4s', data);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({
      status: 'ok',
      path: '720p/seg_0000.m4s',
      bytes_written: data.length,
      checksum_verified: true,
    });
    const target = path.join(videoDir(), '720p', 'seg_0000.m4s');
    expect(sha256(await readFile(target))).toBe(sha256(data));

    // A corrupted transfer (checksum of other bytes) is refused and the published file stays as it was.
    const bad = await put(a, jobId, '720p/seg_0000.m4s', Buffer.from('corrupted'), sha256(data));
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ detail: 'Checksum verification failed' });
    expect(sha256(await readFile(target))).toBe(sha256(data));
    const noSha = await t.workerApp.inject({
      method: 'PUT',
      url: `/api/worker/${jobId}/files/720p/seg_0001.m4s`,
      headers: { ...as(a), 'content-type': 'application/octet-stream' },
      payload: data,
    });
    expect(noSha.statusCode).toBe(400);
    expect(noSha.json<{ detail: string }>().detail).toMatch(/X-Content-SHA256/);

    // Path traversal and anything outside the video's own directory layout.
    const evil = [
      '..%2F..%2Fevil.m4s',
      '%2E%2E/evil.m4s',
      '720p/..%2F..%2Fevil.m4s',
      '%2Fetc%2Fevil.ts',
      'a/b/c.m4s',
      '.publishing/x.m4s',
      '720p/.hidden.m4s',
      'run.sh',
      'x.m4s%00.jpg',
      '720p%5C..%5Cevil.m4s',
    ];
    for (const name of evil) {
      const res = await put(a, jobId, name, data);
      expect([400, 404], `${name}: ${res.statusCode} ${res.body}`).toContain(res.statusCode);
    }
    const storage = path.dirname(t.container.layout.videoDir('x'));
    expect((await readdir(storage)).filter((n) => n.includes('evil'))).toEqual([]);
    expect((await readdir(videoDir())).sort()).toEqual(['720p']);
    expect(await readdir(path.join(videoDir(), '720p'))).toEqual(['seg_0000.m4s']);
  });

  it('refuses job calls once the lease expired (409) and lets the worker give a live job back', async () => {
    const jobId = claim.job_id as number;
    const progress = await t.workerApp.inject({
      method: 'POST',
      url: `/api/worker/${jobId}/progress`,
      headers: as(a),
      payload: {
        current_step: 'transcode',
        progress_percent: 40,
        duration: 5,
        source_width: 854,
        source_height: 480,
      },
    });
    expect(progress.statusCode, progress.body).toBe(200);
    expect(
      new Date(progress.json<{ claim_expires_at: string }>().claim_expires_at).getTime(),
    ).toBeGreaterThan(Date.now());
    await t.db.db
      .updateTable('transcoding_jobs')
      .set({ claim_expires_at: sql<Date>`now() - interval '1 second'` })
      .where('id', '=', jobId)
      .execute();
    const late = await t.workerApp.inject({
      method: 'POST',
      url: `/api/worker/${jobId}/progress`,
      headers: as(a),
      payload: { progress_percent: 50 },
    });
    expect(late.statusCode).toBe(409);
    expect((await put(a, jobId, '720p/seg_0001.m4s', Buffer.from('late'))).statusCode).toBe(409);

    // B takes the expired job over; A's release of it is refused, B's release gives it back.
    const taken = await claimAs(b);
    expect(taken.json<Claim>().job_id).toBe(jobId);
    expect(
      (await t.workerApp.inject({ method: 'POST', url: `/api/worker/${jobId}/release`, headers: as(a) }))
        .statusCode,
    ).toBe(403);
    const released = await t.workerApp.inject({
      method: 'POST',
      url: `/api/worker/${jobId}/release`,
      headers: as(b),
    });
    expect(released.statusCode).toBe(200);
    const workers = await t.db.db.selectFrom('workers').select('current_job_id').execute();
    expect(workers.every((w) => w.current_job_id === null)).toBe(true);
    const v = await videoRow(t, video.video_id);
    expect(v.status).toBe('pending');
    expect([v.duration, v.source_width, v.source_height]).toEqual([5, 854, 480]);
  });

  it('fail counts the attempt and backs off; a permanent failure fails the video', async () => {
    const again = (await claimAs(a)).json<Claim>();
    const jobId = again.job_id as number;
    const retry = await failAs(a, jobId, { error_message: 'encoder crashed', retry: true });
    expect(retry.json()).toEqual({ status: 'ok', will_retry: true, attempt_number: 2 });
    // The backoff keeps it from being claimed at once.
    expect((await claimAs(b)).json()).toEqual({
      message: 'No jobs available',
    });
    await t.db.db
      .updateTable('transcoding_jobs')
      .set({ claim_expires_at: null })
      .where('id', '=', jobId)
      .execute();
    const third = (await claimAs(b)).json<Claim>();
    expect(third.attempt_number).toBe(2);
    const final = await failAs(b, jobId, { error_message: 'not a video', retry: false });
    expect(final.json()).toEqual({ status: 'ok', will_retry: false, attempt_number: 2 });
    const v = await videoRow(t, video.video_id);
    expect(v.status).toBe('failed');
    expect(v.error_message).toBe('not a video');
  });

  it('refuses claims to a worker whose reported code version differs from the server (version gate)', async () => {
    const c = await fixtures.registerViaApi('worker-old');
    await uploadClip(t, 'Gate');
    const beat = await t.workerApp.inject({
      method: 'POST',
      url: '/api/worker/heartbeat',
      headers: as(c),
      payload: { status: 'idle', code_version: 'old-build' },
    });
    expect(beat.json<{ version_ok: boolean }>().version_ok).toBe(false);
    const required = beat.json<{ required_version: string }>().required_version;
    const refused = await claimAs(c);
    expect(refused.json()).toEqual({
      message: `Version mismatch: worker has old-build, server requires ${required}`,
    });
    await t.workerApp.inject({
      method: 'POST',
      url: '/api/worker/heartbeat',
      headers: as(c),
      payload: { status: 'idle', code_version: required },
    });
    const claimed = await claimAs(c);
    expect(claimed.json<Claim>().message).toBe('Job claimed successfully');
  });
});
