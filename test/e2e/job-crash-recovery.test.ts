// kill -9 of a worker mid sprite job and mid re-encode (issue 11 acceptance): real `vlog serve
// --no-local-worker` and `vlog worker` processes over HTTP, on both databases. The killed worker's job
// keeps its claim until the lease (workers.claim_duration_minutes, short here) runs out without a
// heartbeat from it; then the next worker takes it and completes it, once.
import os from 'node:os';
import path from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { createTestDb, DRIVERS, type TestDatabase } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';
import { registerWorkerOverHttp, uploadOverHttp } from '../helpers/server-http.js';

const SECRET = 'crash-recovery-admin-secret-0123';
const WORKER_SECRET = 'crash-recovery-worker-secret-012';

interface JobRow {
  id: number;
  video_id: number | null;
  status: string;
  retry_count?: number;
}

describe.each(DRIVERS)('a worker killed mid-job, on %s', (driver) => {
  let db: TestDatabase | undefined;
  let server: ServerProcess;
  const workers: ServerProcess[] = [];
  let video: { video_id: number; slug: string };

  const admin = async <T>(method: string, url: string, body?: FormData): Promise<T> => {
    const res = await fetch(`${server.adminUrl}${url}`, {
      method,
      headers: { 'X-Admin-Secret': SECRET },
      body,
    });
    const text = await res.text();
    expect(res.status, `${method} ${url}: ${text}`).toBe(200);
    return JSON.parse(text) as T;
  };

  async function startWorker(name: string): Promise<ServerProcess> {
    const { api_key } = await registerWorkerOverHttp(server.workerUrl, WORKER_SECRET, name);
    const worker = await startServerProcess(
      {
        VLOG_WORKER_API_URL: server.workerUrl,
        VLOG_WORKER_API_KEY: api_key,
        VLOG_WORKER_WORK_DIR: await mkdtemp(path.join(os.tmpdir(), `vlog-crash-${name}-`)),
        VLOG_ADMIN_API_SECRET: 'unused-by-remote-workers-000000',
        VLOG_WORKER_POLL_INTERVAL: '0.3',
        VLOG_WORKER_HEARTBEAT_INTERVAL: '1',
        VLOG_HLS_SEGMENT_DURATION: '2',
      },
      { args: ['worker'], readyText: 'waiting for jobs' },
    );
    workers.push(worker);
    return worker;
  }

  /** Lines of a worker's log saying `<kind> job <what>` for this job. */
  const logged = (w: ServerProcess, kind: string, what: string, jobId: number) =>
    w
      .output()
      .split('\n')
      .filter((l) => l.includes(`${kind} job ${what}`) && l.includes(`"jobId":${jobId},`));

  /** The survivor's `finished` line, which it logs once the server has answered its complete call. */
  const finished = (w: ServerProcess, kind: string, jobId: number) =>
    waitFor(
      () => {
        const lines = logged(w, kind, 'finished', jobId);
        return Promise.resolve(lines.length > 0 ? lines : undefined);
      },
      { timeoutMs: 15_000, intervalMs: 50, what: `the ${kind} job to be logged as finished` },
    );

  /**
   * SIGKILLs `victim` the moment it logs a claim of `kind` (watching from before `queue` runs), and
   * returns the claimed job's id.
   */
  async function killOnClaim(victim: ServerProcess, kind: string, queue: () => Promise<unknown>) {
    const claimed = waitFor(
      () =>
        Promise.resolve(victim.output().match(new RegExp(`${kind} job claimed \\{[^}]*"jobId":(\\d+)`))?.[1]),
      { timeoutMs: 60_000, intervalMs: 5, what: `a ${kind} claim` },
    );
    await queue();
    const jobId = Number(await claimed);
    await victim.kill('SIGKILL');
    return jobId;
  }

  beforeAll(async () => {
    if (driver === 'postgres') db = await createTestDb('postgres');
    server = await startServerProcess(
      {
        VLOG_ADMIN_API_SECRET: SECRET,
        VLOG_WORKER_ADMIN_SECRET: WORKER_SECRET,
        VLOG_DATABASE_URL: db?.url ?? '',
        // A 9 s lease: a dead worker's job comes back quickly.
        VLOG_WORKER_CLAIM_DURATION: '0.15',
        VLOG_WORKER_HEARTBEAT_INTERVAL: '1',
        VLOG_HLS_SEGMENT_DURATION: '2',
        VLOG_SPRITE_SHEET_AUTO_GENERATE: 'false',
        VLOG_SPRITE_SHEET_FRAME_INTERVAL: '1',
        VLOG_SPRITE_SHEET_TILE_SIZE: '5',
      },
      { args: ['serve', '--no-local-worker'] },
    );
    await startWorker('first');
    video = await uploadOverHttp(server.adminUrl, SECRET, {
      clip: 'landscape720x16s',
      title: 'Crash recovery',
      fileName: 'clip.mp4',
    });
    await waitFor(
      async () => {
        const v = await admin<{ status: string }>('GET', `/api/videos/${video.video_id}`);
        if (v.status === 'failed') throw new Error('transcode failed');
        return v.status === 'ready' ? true : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 250, what: 'the upload to be ready' },
    );
  }, 180_000);

  afterAll(async () => {
    for (const w of workers) await w.kill('SIGKILL');
    await server?.stop();
    await db?.close();
  });

  it('sprite job: claimed, worker killed, lease runs out, the next worker generates the sheets once', async () => {
    const victim = workers[0]!;
    const jobId = await killOnClaim(victim, 'sprite', () =>
      admin('POST', `/api/videos/${video.video_id}/sprites/generate`),
    );
    const jobs = () => admin<{ jobs: JobRow[] }>('GET', '/api/sprites/jobs?limit=50');
    // Killed mid-job: still processing, held by a dead worker.
    expect((await jobs()).jobs.find((j) => j.id === jobId)?.status).toBe('processing');
    const survivor = await startWorker('second');
    const sprites = await waitFor(
      async () => {
        const s = await admin<{ status: string | null; count: number }>(
          'GET',
          `/api/videos/${video.video_id}/sprites`,
        );
        if (s.status === 'failed') throw new Error('sprites failed');
        return s.status === 'ready' ? s : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 250, what: 'the sprites to be ready' },
    );
    expect(sprites.count).toBe(1); // a 16 s clip fits on one 5×5 sheet
    const mine = (await jobs()).jobs.filter((j) => j.video_id === video.video_id);
    expect(mine.map((j) => [j.id, j.status])).toEqual([[jobId, 'completed']]);
    // Claimed once by each; finished (published) by the survivor only, once.
    expect(logged(victim, 'sprite', 'claimed', jobId)).toHaveLength(1);
    expect(logged(victim, 'sprite', 'finished', jobId)).toHaveLength(0);
    expect(logged(survivor, 'sprite', 'claimed', jobId)).toHaveLength(1);
    const done = await finished(survivor, 'sprite', jobId);
    expect(done).toHaveLength(1);
    expect(done.join()).toContain('"outcome":"completed"');
    const vtt = await fetch(`${server.publicUrl}/videos/${video.slug}/sprites.vtt`);
    expect(vtt.status).toBe(200);
    expect((await vtt.text()).match(/sprites\/sprite_01\.jpg#xywh=/g)?.length).toBeGreaterThan(0);
  }, 180_000);

  it('re-encode: claimed, worker killed, the crash counts as an attempt, the next worker re-encodes once', async () => {
    const victim = workers.at(-1)!;
    const jobId = await killOnClaim(victim, 'reencode', () =>
      admin('POST', `/api/reencode/queue?video_ids=${video.video_id}&target_format=hls_ts&target_codec=h264`),
    );
    const jobs = () => admin<{ jobs: JobRow[] }>('GET', '/api/reencode/jobs?limit=50');
    expect((await jobs()).jobs.find((j) => j.id === jobId)?.status).toBe('in_progress');
    const survivor = await startWorker('third');
    const done = await waitFor(
      async () => {
        const j = (await jobs()).jobs.find((x) => x.id === jobId);
        if (j?.status === 'failed') throw new Error('re-encode failed');
        return j?.status === 'completed' ? j : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 250, what: 'the re-encode to complete' },
    );
    expect(done.retry_count).toBe(1); // the crashed attempt
    expect((await jobs()).jobs.filter((j) => j.video_id === video.video_id)).toHaveLength(1);
    expect(logged(victim, 'reencode', 'finished', jobId)).toHaveLength(0);
    expect(logged(survivor, 'reencode', 'claimed', jobId).join()).toContain('"attempt":2');
    const finishedLines = await finished(survivor, 'reencode', jobId);
    expect(finishedLines).toHaveLength(1);
    expect(finishedLines.join()).toContain('"outcome":"completed"');
    const v = await admin<{ status: string; primary_codec: string; streaming_format: string }>(
      'GET',
      `/api/videos/${video.video_id}`,
    );
    expect(v).toMatchObject({ status: 'ready', primary_codec: 'h264', streaming_format: 'hls_ts' });
    const master = await fetch(`${server.publicUrl}/videos/${video.slug}/master.m3u8`);
    expect(master.status).toBe(200);
    expect(await master.text()).toContain('#EXT-X-STREAM-INF');
  }, 180_000);
});
