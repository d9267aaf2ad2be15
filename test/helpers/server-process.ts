import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freeServePorts, serveEnv } from './serve-ports.js';
import { waitFor } from './wait.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

export { freePort } from './serve-ports.js';

export interface ServerProcess {
  pid: number;
  publicUrl: string;
  adminUrl: string;
  workerUrl: string;
  dataDir: string;
  adminSecret: string;
  output: () => string;
  /** SIGTERM and wait; the data dir is removed unless keepData (a restart on the same data). */
  stop(options?: { keepData?: boolean }): Promise<void>;
  /** Sends a signal (SIGKILL: a crash) and waits for the exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Resolves with the exit code (null when killed by a signal) once the process exits on its own. */
  exited: Promise<number | null>;
}

/** The real `vlog serve` (compiled, as users run it) on free ports and a temporary data dir. */
export async function startServerProcess(
  env: Record<string, string> = {},
  options: {
    args?: string[];
    dataDir?: string;
    readyText?: string;
    /** Fixed ports (a restarted server keeps its addresses). */
    ports?: { public: number; admin: number; worker: number };
  } = {},
): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'vlog-e2e-')));
  const ports = options.ports ?? (await freeServePorts());
  let out = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'bin/vlog.js'), ...(options.args ?? ['serve'])],
    {
      env: {
        ...process.env,
        ...serveEnv(dataDir, ports, {
          VLOG_WORKER_POLL_INTERVAL: '0.5',
          // Tests drive the server from one address far faster than a person would.
          VLOG_RATE_LIMIT_ENABLED: 'false',
          ...env,
        }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`vlog serve exited (${child.exitCode}):\n${out}`);
      return out.includes(options.readyText ?? 'VLog ready') ? true : undefined;
    },
    { timeoutMs: 60_000, what: 'vlog serve to be ready' },
  );
  async function kill(signal: NodeJS.Signals): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }
  const adminSecret =
    env.VLOG_ADMIN_API_SECRET ?? (await readFile(path.join(dataDir, 'admin-api.secret'), 'utf8')).trim();
  return {
    pid: child.pid ?? 0,
    publicUrl: `http://localhost:${ports.public}`,
    adminUrl: `http://localhost:${ports.admin}`,
    workerUrl: `http://localhost:${ports.worker}`,
    dataDir,
    adminSecret,
    output: () => out,
    async stop(opts = {}) {
      await kill('SIGTERM');
      if (!opts.keepData) await rm(dataDir, { recursive: true, force: true });
    },
    kill,
    exited,
  };
}
