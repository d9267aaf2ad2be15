/**
 * The compiled `vlog serve` as a user runs it, started in its own process group so that it and every ffmpeg
 * it spawns can be measured as one tree and killed as one group. Talks to it only over its admin HTTP API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openAsBlob } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { freeServePorts, serveEnv } from '../../test/helpers/serve-ports.js';
import { trackGroup, untrackGroup } from './cleanup.js';
import { processGroup } from './proc-tree.js';
import { sleep } from './stats.js';

/** The VLog checkout whose compiled `bin/vlog.js` is measured: this repo, or VLOG_BENCH_ROOT. */
let vlogRoot = path.resolve(process.env.VLOG_BENCH_ROOT ?? path.join(import.meta.dirname, '../..'));

export function setVlogRoot(dir: string): void {
  vlogRoot = path.resolve(dir);
}

export function getVlogRoot(): string {
  return vlogRoot;
}

export { freePort } from '../../test/helpers/serve-ports.js';

export interface VlogServer {
  pid: number;
  publicUrl: string;
  adminUrl: string;
  workerUrl: string;
  secret: string;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
}

/** Starts `node bin/vlog.js serve` on free ports; resolves once it prints "VLog ready". */
export async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<VlogServer> {
  const ports = await freeServePorts();
  // VLOG_BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server, not the bench.
  const nodeArgs = process.env.VLOG_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, path.join(vlogRoot, 'bin/vlog.js'), 'serve'], {
    // The bench polls the admin API far faster than a person would: rate limits off, as in the tests.
    env: { ...process.env, ...serveEnv(dataDir, ports, { VLOG_RATE_LIMIT_ENABLED: 'false', ...env }) },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group: kill(-pid) reaches the server and its ffmpeg children, nothing else.
    detached: true,
  });
  trackGroup(child.pid!);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const started = Date.now();
  while (!out.includes('VLog ready')) {
    if (child.exitCode !== null) throw new Error(`vlog serve exited (${child.exitCode}):\n${out}`);
    if (Date.now() - started > 120_000) throw new Error(`vlog serve not ready after 120 s:\n${out}`);
    await sleep(50);
  }
  const secret = (await readFile(path.join(dataDir, 'admin-api.secret'), 'utf8')).trim();
  return {
    pid: child.pid!,
    publicUrl: `http://127.0.0.1:${ports.public}`,
    adminUrl: `http://127.0.0.1:${ports.admin}`,
    workerUrl: `http://127.0.0.1:${ports.worker}`,
    secret,
    dataDir,
    child,
    output: () => out,
  };
}

/** SIGTERM (graceful), then SIGKILL to whatever is left of the group. */
export async function stopServer(s: VlogServer): Promise<void> {
  if (s.child.exitCode === null && s.child.signalCode === null) {
    const exited = new Promise((r) => s.child.once('exit', r));
    s.child.kill('SIGTERM');
    await Promise.race([exited, sleep(30_000)]);
  }
  killGroup(s.pid);
  untrackGroup(s.pid);
}

export function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already empty.
  }
}

/** Waits until no live process is left in the group; returns the ms it took (or -1 on timeout). */
export async function waitGroupGone(pgid: number, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  while (processGroup(pgid).length > 0) {
    if (performance.now() - t0 > timeoutMs) return -1;
    await sleep(20);
  }
  return performance.now() - t0;
}

export async function adminGet<T>(s: VlogServer, urlPath: string): Promise<T> {
  const res = await fetch(s.adminUrl + urlPath, {
    headers: { 'X-Admin-Secret': s.secret },
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`GET ${urlPath}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  return (await res.json()) as T;
}

export interface Uploaded {
  id: number;
  slug: string;
}

/** POST /api/videos (multipart), the file streamed from disk. */
export async function uploadVideo(s: VlogServer, file: string): Promise<Uploaded> {
  const form = new FormData();
  form.set('title', `bench ${path.basename(file)}`);
  form.set('file', await openAsBlob(file), path.basename(file));
  const res = await fetch(`${s.adminUrl}/api/videos`, {
    method: 'POST',
    headers: { 'X-Admin-Secret': s.secret },
    body: form,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`upload failed: HTTP ${res.status} ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as { video_id: number; slug: string };
  return { id: body.video_id, slug: body.slug };
}

export interface VideoState {
  status: string;
  error_message: string | null;
}

export interface ProgressState {
  status: string;
  current_step: string | null;
  progress_percent: number;
  attempt: number;
  last_error: string | null;
}

/** How long a fresh upload may stay `pending` before the bench calls the worker broken. */
export const CLAIM_TIMEOUT_MS = 120_000;

/** Polls GET /api/videos/:id until status is ready; throws on failed, timeout or a job nobody claims. */
export async function waitReady(
  s: VlogServer,
  id: number,
  opts: { timeoutMs: number; intervalMs?: number },
): Promise<void> {
  const t0 = performance.now();
  let claimed = false;
  for (;;) {
    if (s.child.exitCode !== null) throw new Error(`vlog serve exited (${s.child.exitCode}):\n${s.output()}`);
    const v = await adminGet<VideoState>(s, `/api/videos/${id}`);
    if (v.status === 'ready') return;
    if (v.status === 'failed') throw new Error(`transcoding failed: ${v.error_message ?? '?'}`);
    claimed ||= v.status !== 'pending';
    const waited = performance.now() - t0;
    if (!claimed && waited > CLAIM_TIMEOUT_MS)
      throw new Error(
        `the worker did not claim the job in ${CLAIM_TIMEOUT_MS / 1000} s; server output:\n${s.output().slice(-3000)}`,
      );
    if (waited > opts.timeoutMs)
      throw new Error(`not ready after ${(opts.timeoutMs / 1000).toFixed(0)} s (status ${v.status})`);
    await sleep(opts.intervalMs ?? 100);
  }
}

export function videoOutputDir(dataDir: string, slug: string): string {
  return path.join(dataDir, 'storage', 'videos', slug);
}
