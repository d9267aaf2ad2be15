// Distributed transcoding (issue 4): `vlog serve --no-local-worker` on PostgreSQL and `vlog worker`
// processes that reach it over HTTP only (own data dirs, no database, no shared storage).
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedSegments } from '../helpers/published-segments.js';
import type { ClipName } from '../helpers/media-clips.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { createTestDb, type TestDatabase } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';
import { registerWorkerOverHttp, uploadOverHttp } from '../helpers/server-http.js';

const SECRET = 'remote-workers-admin-secret-0123';
const WORKER_SECRET = 'remote-workers-worker-secret-0123';

/** Short leases so a killed worker's job is taken over quickly; long enough to outlive a server restart. */
const SERVER_ENV = {
  VLOG_ADMIN_API_SECRET: SECRET,
  VLOG_WORKER_ADMIN_SECRET: WORKER_SECRET,
  VLOG_WORKER_CLAIM_DURATION: '0.4',
  VLOG_WORKER_HEARTBEAT_INTERVAL: '1',
  VLOG_HLS_SEGMENT_DURATION: '2',
};

interface Worker {
  id: string;
  name: string;
  process: ServerProcess;
  stopped?: boolean;
}

function port(url: string): number {
  return Number(new URL(url).port);
}

describe('remote workers over the worker API (PostgreSQL)', () => {
  let db: TestDatabase;
  let server: ServerProcess;
  const workers: Worker[] = [];

  async function startServer(dataDir?: string, ports?: ServerProcess): Promise<ServerProcess> {
    return startServerProcess(
      { ...SERVER_ENV, VLOG_DATABASE_URL: db.url },
      {
        args: ['serve', '--no-local-worker'],
        dataDir,
        ports: ports && {
          public: port(ports.publicUrl),
          admin: port(ports.adminUrl),
          worker: port(ports.workerUrl),
        },
      },
    );
  }

  async function startWorker(name: string): Promise<Worker> {
    const { worker_id, api_key } = await registerWorkerOverHttp(server.workerUrl, WORKER_SECRET, name);
    const workDir = await mkdtemp(path.join(os.tmpdir(), `vlog-remote-${name}-`));
    const process = await startServerProcess(
      {
        // Only the API address and the key: no database URL, no shared storage.
        VLOG_WORKER_API_URL: server.workerUrl,
        VLOG_WORKER_API_KEY: api_key,
        VLOG_WORKER_WORK_DIR: workDir,
        VLOG_ADMIN_API_SECRET: 'unused-by-remote-workers-000000',
        VLOG_WORKER_POLL_INTERVAL: '0.3',
        VLOG_WORKER_HEARTBEAT_INTERVAL: '1',
        VLOG_HLS_SEGMENT_DURATION: '2',
        VLOG_PROGRESS_UPDATE_INTERVAL: '0.5',
      },
      { args: ['worker'], readyText: 'waiting for jobs' },
    );
    const worker = { id: worker_id, name, process };
    workers.push(worker);
    return worker;
  }

  async function upload(clip: ClipName, title: string): Promise<{ video_id: number; slug: string }> {
    return uploadOverHttp(server.adminUrl, SECRET, { clip, title });
  }

  const job = (videoId: number) =>
    db.db
      .selectFrom('transcoding_jobs')
      .selectAll()
      .where('video_id', '=', videoId)
      .executeTakeFirstOrThrow();

  async function waitReady(videoId: number, timeoutMs = 120_000) {
    return waitFor(
      async () => {
        const v = await db.db
          .selectFrom('videos')
          .select(['status', 'error_message'])
          .where('id', '=', videoId)
          .executeTakeFirstOrThrow();
        if (v.status === 'failed') throw new Error(`video ${videoId} failed: ${v.error_message}`);
        return v.status === 'ready' ? v : undefined;
      },
      { timeoutMs, intervalMs: 250, what: `video ${videoId} to be ready` },
    );
  }

  const published = (slug: string) => publishedSegments(server.dataDir, slug);
  /** Waits until `count` segments of the video are published (the encode is under way). */
  const untilPublished = (slug: string, count: number, what: string) =>
    waitFor(async () => ((await published(slug)).size >= count ? true : undefined), {
      timeoutMs: 60_000,
      intervalMs: 100,
      what,
    });

  const claimsOf = (w: Worker, jobId: number) =>
    w.process
      .output()
      .split('\n')
      .filter((l) => l.includes('transcode job claimed') && l.includes(`"jobId":${jobId},`)).length;

  beforeAll(async () => {
    db = await createTestDb('postgres');
    server = await startServer();
    await startWorker('alpha');
    await startWorker('beta');
  });
  afterAll(async () => {
    for (const w of workers) await w.process.stop();
    await server?.stop();
    await db?.close();
  });

  it('two workers transcode six uploads: all ready, each job processed once, both workers worked', async () => {
    const clips: ClipName[] = ['landscape480x5s', 'landscape720x8s', 'landscape480x5s'];
    const videos = [];
    for (let i = 0; i < 6; i++) videos.push(await upload(clips[i % clips.length] as ClipName, `Remote ${i}`));
    for (const v of videos) await waitReady(v.video_id);

    const by = new Set<string>();
    for (const v of videos) {
      const j = await job(v.video_id);
      expect(j.attempt_number).toBe(1);
      expect(j.completed_at).not.toBeNull();
      by.add(j.processed_by_worker_id ?? '');
      // Exactly one claim of this job across both workers' logs.
      expect(workers.reduce((n, w) => n + claimsOf(w, j.id), 0)).toBe(1);
      // The server has the whole output, received over HTTP.
      const master = await fetch(`${server.publicUrl}/videos/${v.slug}/master.m3u8`);
      expect(master.status).toBe(200);
      expect(await master.text()).toContain('#EXT-X-STREAM-INF');
      const qualities = await db.db
        .selectFrom('video_qualities')
        .select('quality')
        .where('video_id', '=', v.video_id)
        .execute();
      expect(qualities.map((q) => q.quality)).toContain('360p');
      expect(qualities.map((q) => q.quality)).toContain('original');
    }
    expect([...by].sort()).toEqual(workers.map((w) => w.id).sort());
    // No job still attached to a worker.
    const busy = await db.db.selectFrom('workers').select('current_job_id').execute();
    expect(busy.every((w) => w.current_job_id === null)).toBe(true);
  });

  it('the server restarts mid-job: the worker keeps its job, retries its calls and completes', async () => {
    const video = await upload('landscape720x16s', 'Server restart');
    await untilPublished(video.slug, 1, 'a first published segment');
    const holder = (await job(video.video_id)).worker_id;
    const before = await published(video.slug);
    const dataDir = server.dataDir;
    const old = server;
    await old.stop({ keepData: true });
    await new Promise((r) => setTimeout(r, 2000)); // the server is away for a while
    server = await startServer(dataDir, old);
    await waitReady(video.video_id);

    const j = await job(video.video_id);
    expect(j.attempt_number).toBe(1);
    expect(j.processed_by_worker_id).toBe(holder);
    const worker = workers.find((w) => w.id === holder) as Worker;
    expect(worker.process.output()).toMatch(/worker API unreachable/);
    expect(claimsOf(worker, j.id)).toBe(1);
    const after = await published(video.slug);
    for (const [name, print] of before) expect(after.get(name)).toBe(print);
  });

  it('kill -9 of a worker mid-transcode: the other takes the job over without re-encoding uploaded segments', async () => {
    const video = await upload('landscape720x16s', 'Worker crash');
    await untilPublished(video.slug, 2, 'two published segments');
    const j0 = await job(video.video_id);
    const victim = workers.find((w) => w.id === j0.worker_id) as Worker;
    const survivor = workers.find((w) => w !== victim && !w.stopped) as Worker;
    await victim.process.kill('SIGKILL');
    victim.stopped = true;
    const before = await published(video.slug);
    expect(before.size).toBeGreaterThanOrEqual(2);

    await waitReady(video.video_id);
    const j = await job(video.video_id);
    expect(j.processed_by_worker_id).toBe(survivor.id);
    // The survivor resumed after the published segments: none of them was encoded or uploaded again.
    expect(survivor.process.output()).toMatch(
      new RegExp(`job ${j.id}: resuming after the published segments`),
    );
    const after = await published(video.slug);
    for (const [name, print] of before) expect(after.get(name)).toBe(print);
    expect(after.size).toBe(8);
  });

  it('SIGTERM gives the job back at once; a stop command makes a worker exit with status 0', async () => {
    await startWorker('gamma');
    const live = workers.filter((w) => w.process.output().includes('waiting') && !w.stopped);
    expect(live.length).toBeGreaterThanOrEqual(2);
    const video = await upload('landscape720x16s', 'Graceful stop');
    await untilPublished(video.slug, 1, 'a first published segment');
    const j0 = await job(video.video_id);
    const victim = workers.find((w) => w.id === j0.worker_id) as Worker;
    await victim.process.kill('SIGTERM');
    victim.stopped = true;
    // Released, not left to expire: another worker has it long before the lease would run out.
    const taken = await waitFor(
      async () => {
        const j = await job(video.video_id);
        return j.worker_id && j.worker_id !== victim.id ? j : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 100, what: 'another worker to take the released job' },
    );
    expect(taken.attempt_number).toBe(1);
    await waitReady(video.video_id);

    // A stop command reaches the idle worker through its heartbeat; it exits 0 and the event completes.
    const target = workers.find((w) => !w.stopped) as Worker;
    const sent = await fetch(`${server.adminUrl}/api/admin/workers/${target.id}/stop`, {
      method: 'POST',
      headers: { 'X-Admin-Secret': SECRET },
    });
    expect(sent.status, await sent.clone().text()).toBe(200);
    expect(await target.process.exited).toBe(0);
    target.stopped = true;
    expect(target.process.output()).toMatch(/command stop received/);
    const event = await waitFor(
      async () => {
        const e = await db.db
          .selectFrom('deployment_events')
          .selectAll()
          .where('worker_id', '=', target.id)
          .executeTakeFirst();
        return e?.status === 'completed' ? e : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 100, what: 'the stop event to complete' },
    );
    expect(event.event_type).toBe('stop');
  });
});
