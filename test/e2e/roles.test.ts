// Process model on PostgreSQL: `vlog serve --role public`, `--role admin`, `--role worker-api` as
// separate processes sharing one database and storage (issue 2, point 5), and a `vlog worker` that
// reaches the worker API only (issue 4), woken across processes when the admin queues work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { createTestDb, type TestDatabase } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';
import { uploadOverHttp } from '../helpers/server-http.js';

const SECRET = 'roles-test-secret-0123456789';
const WORKER_SECRET = 'roles-test-worker-secret-0123456';

describe('separate roles on one PostgreSQL database', () => {
  let db: TestDatabase;
  const processes: ServerProcess[] = [];

  beforeAll(async () => {
    db = await createTestDb('postgres');
  });
  afterAll(async () => {
    for (const p of processes.reverse()) await p.stop();
    await db?.close();
  });

  it('admin takes the upload, a worker transcodes it over the worker API, the public role serves it', async () => {
    const env = { VLOG_DATABASE_URL: db.url, VLOG_ADMIN_API_SECRET: SECRET };
    const admin = await startServerProcess(env, { args: ['serve', '--role', 'admin'] });
    processes.push(admin);
    // The other roles share the admin's storage (a shared filesystem, as on one host or NFS).
    const shared = { ...env, VLOG_STORAGE_PATH: `${admin.dataDir}/storage` };
    const publicRole = await startServerProcess(shared, { args: ['serve', '--role', 'public'] });
    processes.push(publicRole);
    const workerApi = await startServerProcess(
      { ...shared, VLOG_WORKER_ADMIN_SECRET: WORKER_SECRET },
      { args: ['serve', '--role', 'worker-api'] },
    );
    processes.push(workerApi);
    const registered = await fetch(`${workerApi.workerUrl}/api/worker/register`, {
      method: 'POST',
      headers: { 'x-admin-secret': WORKER_SECRET, 'content-type': 'application/json' },
      body: JSON.stringify({ worker_name: 'roles-worker' }),
    });
    expect(registered.status).toBe(200);
    const { api_key } = (await registered.json()) as { api_key: string };
    const worker = await startServerProcess(
      {
        VLOG_WORKER_API_URL: workerApi.workerUrl,
        VLOG_WORKER_API_KEY: api_key,
        VLOG_ADMIN_API_SECRET: SECRET,
        // Far longer than the test may take: the upload reaches the idle worker only through the
        // worker-api process's long poll, which hears of it from the admin process over NOTIFY.
        VLOG_WORKER_POLL_INTERVAL: '120',
      },
      { args: ['worker'], readyText: 'waiting for jobs' },
    );
    processes.push(worker);

    const { slug } = await uploadOverHttp(admin.adminUrl, SECRET, {
      clip: 'webm',
      title: 'Role split',
      fileName: 'clip.webm',
    });

    const detail = await waitFor(
      async () => {
        const r = await fetch(`${publicRole.publicUrl}/api/videos/${slug}`);
        return r.ok ? ((await r.json()) as { status: string; stream_url: string | null }) : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 250, what: 'the public role to list the video' },
    );
    expect(detail.status).toBe('ready');
    const master = await fetch(`${publicRole.publicUrl}${detail.stream_url}`);
    expect(master.status).toBe(200);
    expect(await master.text()).toContain('#EXT-X-STREAM-INF');
    // The admin role alone does not serve the public API's pages, and vice versa.
    expect((await fetch(`${publicRole.publicUrl}/api/auth/check`)).status).toBe(404);
  });
});
