/**
 * VLog's own pipeline on one file, measured from outside: start `vlog serve` on a fresh data dir, upload,
 * wait for `ready`. Also the crash variant: kill -9 the local worker process (the server restarts it) or the
 * whole server (restarted here on the same data dir) mid-transcode, and measure the total time to `ready`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Format } from './media-metrics.js';
import { watchFirstPlayable } from './playable.js';
import {
  isAlive,
  processTree,
  sampleTreeMemory,
  treeCpuSeconds,
  type ProcStat,
  type TreeMemoryReport,
} from './proc-tree.js';
import { sleep } from './stats.js';
import {
  adminGet,
  CLAIM_TIMEOUT_MS,
  killGroup,
  startServer,
  stopServer,
  uploadVideo,
  videoOutputDir,
  waitGroupGone,
  waitReady,
  type ProgressState,
  type VlogServer,
} from './vlog-server.js';
import { untrackGroup } from './cleanup.js';

export interface VlogRun {
  /** Upload completed → status ready. */
  wallS: number;
  /** User+sys of the server and every process it ran, over the same interval. */
  cpuS: number;
  /** Upload completed → master + every variant + a segment each answer 200; null if never seen. */
  firstPlayableS: number | null;
  uploadS: number;
  memory: TreeMemoryReport;
  /** The published output; lives in dataDir until cleanup(). */
  outDir: string;
  cleanup: () => Promise<void>;
}

const READY_TIMEOUT_MS = 4 * 3600_000;

async function newDataDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'vlog-bench-transcode-'));
}

export async function runVlog(opts: { input: string; format: Format }): Promise<VlogRun> {
  const dataDir = await newDataDir();
  const server = await startServer(dataDir, { VLOG_STREAMING_FORMAT: opts.format });
  try {
    const sampler = sampleTreeMemory(server.pid);
    const tUpload = performance.now();
    const video = await uploadVideo(server, opts.input);
    const t0 = performance.now();
    const cpu0 = treeCpuSeconds(server.pid);
    const watcher = watchFirstPlayable(
      `${server.adminUrl}/videos/${video.slug}/`,
      { 'X-Admin-Secret': server.secret },
      t0,
    );
    await waitReady(server, video.id, { timeoutMs: READY_TIMEOUT_MS });
    const wallS = (performance.now() - t0) / 1000;
    // The job completes only after its ffmpeg/ffprobe children have exited and been reaped.
    const cpuS = treeCpuSeconds(server.pid) - cpu0;
    const firstPlayableMs = await watcher.stop();
    const memory = sampler.stop();
    await stopServer(server);
    return {
      wallS,
      cpuS,
      firstPlayableS: firstPlayableMs === null ? null : firstPlayableMs / 1000,
      uploadS: (t0 - tUpload) / 1000,
      memory,
      outDir: videoOutputDir(dataDir, video.slug),
      cleanup: () => rm(dataDir, { recursive: true, force: true }),
    };
  } catch (err) {
    await stopServer(server);
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}

export interface KilledProcess {
  pid: number;
  comm: string;
  /** ms after the server's kill -9 until it was gone by itself; null = still alive after the grace time. */
  diedAfterMs: number | null;
}

export interface KillRun {
  killedAtPercent: number;
  /** Upload completed → kill. */
  killAfterS: number;
  /** Descendants of the server at the time of the kill, and whether they died with it. */
  children: KilledProcess[];
  /** kill → the restarted server printed "VLog ready". */
  restartS: number;
  /** Upload completed → ready, with the kill and restart in between (includes watchS). */
  totalS: number;
  /**
   * Seconds the bench itself spent watching the server's children after the kill (up to --orphan-watch-s,
   * the whole window when one survives) before it restarted the server: measurement overhead, not VLog's.
   */
  watchS: number;
  /** Status changes seen after the restart (seconds since upload, text). */
  timeline: [number, string][];
}

/** Polls the job's progress until it reaches `percent`; returns the percent seen. */
async function waitProgress(s: VlogServer, id: number, percent: number): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const p = await adminGet<ProgressState>(s, `/api/videos/${id}/progress`);
    if (p.progress_percent >= percent) return p.progress_percent;
    if (p.status === 'ready' || p.status === 'failed')
      throw new Error(`the job ended (${p.status}) before reaching ${percent} %`);
    if (p.status === 'pending' && performance.now() - t0 > CLAIM_TIMEOUT_MS)
      throw new Error(`the worker did not claim the job; server output:\n${s.output().slice(-3000)}`);
    await sleep(100);
  }
}

/** Watches `procs` until each is gone or `graceMs` passed; records when each died. */
async function watchDeaths(procs: ProcStat[], graceMs: number) {
  const t = performance.now();
  const result: KilledProcess[] = procs.map((c) => ({ pid: c.pid, comm: c.comm, diedAfterMs: null }));
  while (performance.now() - t < graceMs && result.some((r) => r.diedAfterMs === null)) {
    for (const r of result)
      if (r.diedAfterMs === null && !isAlive(r.pid)) r.diedAfterMs = performance.now() - t;
    await sleep(10);
  }
  return { children: result, watchMs: performance.now() - t };
}

/** kill -9 the server process only, then watch whether its children die with it. */
async function killServer(
  s: VlogServer,
  graceMs: number,
): Promise<{ children: KilledProcess[]; watchMs: number }> {
  const children = processTree(s.pid).filter((p) => p.pid !== s.pid && p.state !== 'Z');
  process.kill(s.pid, 'SIGKILL');
  const watched = await watchDeaths(children, graceMs);
  // Whatever survived (an orphaned ffmpeg) must not compete with the restarted server.
  killGroup(s.pid);
  if ((await waitGroupGone(s.pid, 10_000)) < 0) throw new Error('processes of the killed server survive');
  untrackGroup(s.pid);
  return watched;
}

/** The server's local worker: its child `node …/cli/entry.js worker` process. */
function localWorkerPid(s: VlogServer): number | null {
  const child = processTree(s.pid).find((p) => p.ppid === s.pid && p.comm === 'node' && p.state !== 'Z');
  return child?.pid ?? null;
}

/**
 * kill -9 the local worker process only (the server supervises and restarts it), then watch whether its
 * ffmpeg dies with it; a survivor is killed so it cannot compete with the resumed job.
 */
async function killWorker(
  s: VlogServer,
  graceMs: number,
): Promise<{ children: KilledProcess[]; watchMs: number; workerPid: number }> {
  const workerPid = localWorkerPid(s);
  if (workerPid === null) throw new Error('the server has no local worker process');
  const children = processTree(workerPid).filter((p) => p.pid !== workerPid && p.state !== 'Z');
  process.kill(workerPid, 'SIGKILL');
  const watched = await watchDeaths(children, graceMs);
  for (const c of watched.children) if (c.diedAfterMs === null) process.kill(c.pid, 'SIGKILL');
  return { ...watched, workerPid };
}

/** Waits until the supervisor has started a new local worker; seconds waited. */
async function waitWorkerRestarted(s: VlogServer, oldPid: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const pid = localWorkerPid(s);
    if (pid !== null && pid !== oldPid) return;
    await sleep(10);
  }
  throw new Error('the local worker was not restarted within 6 s');
}

/** Polls until ready, logging every change of status/step/attempt. */
async function followUntilReady(
  s: VlogServer,
  id: number,
  t0: number,
  opts: { timeoutMs: number; log: (line: string) => void },
): Promise<[number, string][]> {
  const timeline: [number, string][] = [];
  let last = '';
  for (;;) {
    const p = await adminGet<ProgressState>(s, `/api/videos/${id}/progress`);
    const state = `${p.status} step=${p.current_step ?? '-'} attempt=${p.attempt}`;
    const at = (performance.now() - t0) / 1000;
    if (state !== last) {
      last = state;
      timeline.push([at, `${state} ${p.progress_percent} %`]);
      opts.log(`  +${at.toFixed(1)} s  ${state} ${p.progress_percent} %`);
    }
    if (p.status === 'ready') return timeline;
    if (p.status === 'failed') throw new Error(`job failed after restart: ${p.last_error ?? '?'}`);
    if (at * 1000 > opts.timeoutMs) throw new Error(`not ready ${at.toFixed(0)} s after upload`);
    await sleep(p.status === 'processing' ? 100 : 500);
  }
}

export async function runVlogKilled(opts: {
  input: string;
  format: Format;
  killAtPercent: number;
  timeoutMs: number;
  /** What is killed: the local worker process (restarted by the server) or the whole server (restarted here). */
  target: 'worker' | 'server';
  /** Extra server environment (e.g. a shorter VLOG_WORKER_CLAIM_DURATION); default: VLog's defaults. */
  env?: Record<string, string>;
  /** How long to watch the killed process's children die by themselves before killing them. */
  orphanGraceMs: number;
  log: (line: string) => void;
}): Promise<KillRun> {
  const dataDir = await newDataDir();
  const env = { VLOG_STREAMING_FORMAT: opts.format, ...opts.env };
  let server = await startServer(dataDir, env);
  try {
    const video = await uploadVideo(server, opts.input);
    const t0 = performance.now();
    const killedAtPercent = await waitProgress(server, video.id, opts.killAtPercent);
    const tKill = performance.now();
    let watched: { children: KilledProcess[]; watchMs: number };
    if (opts.target === 'worker') {
      const killed = await killWorker(server, opts.orphanGraceMs);
      watched = killed;
      opts.log(`  worker killed at ${killedAtPercent} % (+${((tKill - t0) / 1000).toFixed(1)} s)`);
      await waitWorkerRestarted(server, killed.workerPid);
    } else {
      watched = await killServer(server, opts.orphanGraceMs);
      opts.log(
        `  server killed at ${killedAtPercent} % (+${((tKill - t0) / 1000).toFixed(1)} s); restarting`,
      );
      server = await startServer(dataDir, env);
    }
    const restartS = (performance.now() - tKill) / 1000;
    const timeline = await followUntilReady(server, video.id, t0, opts);
    const totalS = (performance.now() - t0) / 1000;
    return {
      killedAtPercent,
      killAfterS: (tKill - t0) / 1000,
      children: watched.children,
      restartS,
      totalS,
      watchS: watched.watchMs / 1000,
      timeline,
    };
  } finally {
    await stopServer(server);
    await rm(dataDir, { recursive: true, force: true });
  }
}
