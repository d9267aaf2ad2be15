import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { tiedToParent } from '../media/tied-child.js';
import { PACKAGE_ROOT } from './paths.js';

/** The compiled CLI the child runs as `vlog worker` (the same code a remote worker runs). */
const CLI_ENTRY = path.join(PACKAGE_ROOT, 'dist', 'cli', 'entry.js');
/** Exit code by which a worker asks to be started again (restart/update command; docs/deploy.md). */
const EXIT_RESTART = 75;
/** A crash-looping child is restarted at most this often. */
const MAX_RESTART_DELAY_MS = 30_000;
/** A child that ran at least this long had a healthy run: the restart delay starts over. */
const HEALTHY_RUN_MS = 60_000;

export interface LocalWorkerLaunch {
  /** Base URL of this server's worker API, reachable from this machine. */
  apiUrl: string;
  /** A fresh API key of the local worker's row (called before every start). */
  issueKey(): Promise<string>;
  /** Scratch directory of the child. */
  workDir: string;
  /** The environment the child inherits (VLOG_* settings apply to it as to the server). */
  env: NodeJS.ProcessEnv;
  print(line: string): void;
  /** Subscribe to "work was queued"; returns an unsubscribe function. */
  onQueued(wake: () => void): () => void;
  /** Delay before the second restart in a row (the first is immediate; doubles while it keeps failing). */
  restartDelayMs?: number;
}

/**
 * The server's own transcoding worker, run as a supervised child process: `vlog worker` talking to this
 * server's worker API with its own key, exactly like a remote worker (STYLE.md point 4), so the distributed
 * path is the one every upload takes. A crash of the worker (kill -9, out of memory, an ffmpeg gone wrong)
 * costs a child restart, not a server restart: the child is started again at once and takes its job back
 * (reclaim_own) after the segments already published. New uploads wake it over the IPC channel, so nothing
 * waits for its poll interval. The child and its ffmpeg die with the server (pdeathsig).
 */
export function superviseLocalWorker(launch: LocalWorkerLaunch) {
  const baseDelay = launch.restartDelayMs ?? 200;
  let child: ChildProcess | null = null;
  let stopping = false;
  let delay = 0;
  let restartTimer: NodeJS.Timeout | null = null;
  let exited: Promise<void> = Promise.resolve();
  let key: string | null = null;

  const unsubscribe = launch.onQueued(() => {
    if (child?.connected) child.send({ type: 'wake' }, () => undefined);
  });

  function pipeLines(stream: NodeJS.ReadableStream | null): void {
    if (!stream) return;
    createInterface({ input: stream }).on('line', (line) => launch.print(`[worker] ${line}`));
  }

  async function start(): Promise<void> {
    restartTimer = null;
    if (stopping) return;
    try {
      // A key is issued for the first start and after an exit that may be the key's fault; a child
      // killed by a signal (a crash) comes back at once with the key it had.
      key ??= await launch.issueKey();
    } catch (err) {
      launch.print(`[worker] could not issue the local worker's key: ${String(err)}; retrying`);
      scheduleRestart();
      return;
    }
    if (stopping) return;
    const { command, args } = tiedToParent(process.execPath, [CLI_ENTRY, 'worker']);
    const startedAt = Date.now();
    const proc = spawn(command, args, {
      env: {
        ...launch.env,
        VLOG_WORKER_API_URL: launch.apiUrl,
        VLOG_WORKER_API_KEY: key,
        VLOG_WORKER_WORK_DIR: launch.workDir,
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    child = proc;
    pipeLines(proc.stdout);
    pipeLines(proc.stderr);
    exited = new Promise<void>((resolve) => {
      proc.once('exit', (code, signal) => {
        if (child === proc) child = null;
        resolve();
        if (stopping) return;
        if (code === 0) {
          launch.print('[worker] stopped by its stop command; `vlog serve` runs without a local worker now');
          return;
        }
        if (code !== EXIT_RESTART) launch.print(`[worker] exited (${signal ?? `code ${code}`}); restarting`);
        if (signal === null) key = null;
        if (Date.now() - startedAt >= HEALTHY_RUN_MS || code === EXIT_RESTART) delay = 0;
        scheduleRestart();
      });
    });
    proc.once('error', (err) => launch.print(`[worker] could not start: ${err.message}`));
  }

  /** The first restart is immediate (a crash costs the least); a child that keeps failing waits longer. */
  function scheduleRestart(): void {
    if (stopping) return;
    restartTimer = setTimeout(() => void start(), delay);
    delay = Math.min(Math.max(delay * 2, baseDelay), MAX_RESTART_DELAY_MS);
  }

  return {
    start(): void {
      void start();
    },
    /** SIGTERM: the child gives its job back and exits; SIGKILL after `graceMs`. */
    async stop(graceMs = 30_000): Promise<void> {
      stopping = true;
      unsubscribe();
      if (restartTimer) clearTimeout(restartTimer);
      const proc = child;
      if (!proc) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
