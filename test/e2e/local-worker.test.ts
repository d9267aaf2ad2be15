// The server's own worker (STYLE.md point 4): `vlog serve` runs it as a supervised `vlog worker` child
// that uses the worker API like any remote worker. A kill -9 of that child costs a child restart, not a
// server restart, and the job resumes after the segments already published.
import { describe, expect, it } from 'vitest';
import { processTree } from '../../bench/lib/proc-tree.js';
import { publishedSegments } from '../helpers/published-segments.js';
import { useScoped } from '../helpers/scoped-resource.js';
import { startServerProcess } from '../helpers/server-process.js';
import { waitFor } from '../helpers/wait.js';
import { uploadOverHttp } from '../helpers/server-http.js';

const SECRET = 'local-worker-admin-secret-012345';
const WORKER_SECRET = 'local-worker-worker-secret-01234';

interface Progress {
  status: string;
  progress_percent: number;
  current_step: string | null;
}

describe('the local worker process of `vlog serve` (embedded database)', () => {
  const server = useScoped(
    'server process',
    () =>
      startServerProcess({
        VLOG_ADMIN_API_SECRET: SECRET,
        VLOG_WORKER_ADMIN_SECRET: WORKER_SECRET,
        VLOG_HLS_SEGMENT_DURATION: '2',
        VLOG_PROGRESS_UPDATE_INTERVAL: '0.2',
      }),
    (s) => s.stop(),
    90_000,
  );

  /** The `node …/cli/entry.js worker` child of the server, once it runs. */
  const workerPid = () =>
    processTree(server.pid).find((p) => p.ppid === server.pid && p.comm === 'node' && p.state !== 'Z')?.pid;

  async function progress(id: number): Promise<Progress> {
    const res = await fetch(`${server.adminUrl}/api/videos/${id}/progress`, {
      headers: { 'X-Admin-Secret': SECRET },
    });
    return (await res.json()) as Progress;
  }

  const published = (slug: string) => publishedSegments(server.dataDir, slug);

  it('registers itself as a local worker of the worker API and works through it', async () => {
    const first = await waitFor(async () => workerPid(), { timeoutMs: 20_000, what: 'the worker child' });
    expect(first).toBeGreaterThan(0);
    await waitFor(async () => (server.output().includes('[worker] waiting for jobs') ? true : undefined), {
      timeoutMs: 20_000,
      what: 'the local worker to connect',
    });
    const res = await fetch(`${server.workerUrl}/api/workers`, {
      headers: { 'X-Admin-Secret': WORKER_SECRET },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      workers: Array<{ worker_type: string; worker_name: string; status: string }>;
    };
    const local = body.workers.filter((w) => w.worker_type === 'local');
    expect(local).toHaveLength(1);
    expect(local[0]?.worker_name).toMatch(/^local@/);
    expect(['idle', 'active', 'busy']).toContain(local[0]?.status);
  });

  it('a kill -9 of the worker process: the server restarts it and the job resumes after the published segments', async () => {
    const { video_id: id, slug } = await uploadOverHttp(server.adminUrl, SECRET, {
      clip: 'landscape720x16s',
      title: 'Killed worker',
      fileName: 'clip.mp4',
    });

    // At least two 720p segments published, and the encode not finished.
    const before = await waitFor(
      async () => {
        const segments = await published(slug);
        return segments.size >= 2 ? segments : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 50, what: 'two published segments' },
    );
    expect((await progress(id)).status).toBe('processing');
    const killed = workerPid();
    expect(killed).toBeDefined();
    process.kill(killed as number, 'SIGKILL');

    const restarted = await waitFor(
      async () => {
        const pid = workerPid();
        return pid !== undefined && pid !== killed ? pid : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 20, what: 'a new worker process' },
    );
    expect(restarted).not.toBe(killed);
    await waitFor(async () => ((await progress(id)).status === 'ready' ? true : undefined), {
      timeoutMs: 120_000,
      intervalMs: 250,
      what: 'the video to be ready',
    });

    const out = server.output();
    expect(out).toContain('[worker] exited (SIGKILL); restarting');
    expect(out).toMatch(/\[worker\] job \d+: resuming after the published segments/);
    // The server itself never stopped.
    expect(() => process.kill(server.pid, 0)).not.toThrow();
    const after = await published(slug);
    for (const [name, identity] of before) expect(after.get(name), name).toBe(identity);
    expect(after.size).toBe(8); // 16 s in 2 s segments
  });

  it('stops with the server: SIGTERM reaches the worker, no process is left', async () => {
    const pid = workerPid();
    expect(pid).toBeDefined();
    await server.stop({ keepData: true });
    expect(() => process.kill(pid as number, 0)).toThrow();
  });
});
