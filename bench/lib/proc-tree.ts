/**
 * Process-tree accounting from /proc (Linux only): CPU time and resident memory of a process and all its
 * descendants. The kernel has no per-thread children list here (CONFIG_PROC_CHILDREN is often off), so the
 * tree is rebuilt from every /proc/<pid>/stat's ppid; with ~150 processes that costs a few ms per sample.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcStat {
  pid: number;
  comm: string;
  state: string;
  ppid: number;
  pgrp: number;
  /** Clock ticks spent by the process itself. */
  utime: number;
  stime: number;
  /** Clock ticks of its children that have exited AND been waited for (reaped). */
  cutime: number;
  cstime: number;
  rssBytes: number;
}

function sysconf(name: string, fallback: number): number {
  try {
    const n = Number(execFileSync('getconf', [name], { encoding: 'utf8' }).trim());
    return Number.isFinite(n) && n > 0 ? n : fallback;
  } catch {
    return fallback;
  }
}

const CLK_TCK = sysconf('CLK_TCK', 100);
const PAGE_SIZE = sysconf('PAGESIZE', 4096);

/** Parses /proc/<pid>/stat; null when the process is gone. */
export function readStat(pid: number): ProcStat | null {
  try {
    return parseStat(pid, readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** Parses the text of a /proc/<pid>/stat file (see proc(5)). */
export function parseStat(pid: number, text: string): ProcStat {
  // comm may contain spaces and parentheses: it ends at the LAST ')'.
  const close = text.lastIndexOf(')');
  const comm = text.slice(text.indexOf('(') + 1, close);
  const f = text
    .slice(close + 2)
    .trim()
    .split(' ');
  // f[0] is field 3 (state), so field k of proc(5) is f[k - 3].
  const num = (k: number): number => Number(f[k - 3] ?? 0);
  return {
    pid,
    comm,
    state: f[0] ?? '?',
    ppid: num(4),
    pgrp: num(5),
    utime: num(14),
    stime: num(15),
    cutime: num(16),
    cstime: num(17),
    rssBytes: num(24) * PAGE_SIZE,
  };
}

export function listProcesses(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(Number(name));
    if (s) out.push(s);
  }
  return out;
}

/** The root and every descendant that is alive right now (zombies included: their times still count). */
export function processTree(rootPid: number, all: ProcStat[] = listProcesses()): ProcStat[] {
  const byParent = new Map<number, ProcStat[]>();
  let root: ProcStat | undefined;
  for (const p of all) {
    if (p.pid === rootPid) root = p;
    const list = byParent.get(p.ppid) ?? [];
    list.push(p);
    byParent.set(p.ppid, list);
  }
  if (!root) return [];
  const tree: ProcStat[] = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(byParent.get(tree[i]!.pid) ?? []));
  return tree;
}

/**
 * CPU seconds (user+sys) of the whole tree: each live process's own time plus what it has collected from
 * reaped children. A finished ffmpeg's time moves into its parent's cutime/cstime when the parent reaps it,
 * so the sum stays consistent as long as no process is being reaped at the very instant of the reading;
 * callers take readings when no child is running or finishing.
 */
export function treeCpuSeconds(rootPid: number): number {
  const ticks = processTree(rootPid).reduce((sum, p) => sum + p.utime + p.stime + p.cutime + p.cstime, 0);
  return ticks / CLK_TCK;
}

/**
 * CPU seconds of the tree split into its own processes (Node: HTTP, transfers, database) and its media
 * children (ffmpeg, ffprobe: live ones plus what the tree has reaped).
 */
export function treeCpuSplit(rootPid: number): { own: number; media: number } {
  const tree = processTree(rootPid);
  const ownTicks = tree
    .filter((p) => !/^ff(mpeg|probe)/.test(p.comm))
    .reduce((sum, p) => sum + p.utime + p.stime, 0);
  const total = tree.reduce((sum, p) => sum + p.utime + p.stime + p.cutime + p.cstime, 0);
  return { own: ownTicks / CLK_TCK, media: (total - ownTicks) / CLK_TCK };
}

/** CPU seconds of one process including everything it has reaped. */
export function cpuSecondsWithChildren(s: ProcStat): number {
  return (s.utime + s.stime + s.cutime + s.cstime) / CLK_TCK;
}

/** CPU seconds the processes themselves spent (user + system), without reaped children. */
export function ownCpuSeconds(procs: readonly ProcStat[]): number {
  return procs.reduce((sum, p) => sum + p.utime + p.stime, 0) / CLK_TCK;
}

/** Processes of a process group (e.g. a server started detached, with everything it spawned). */
export function processGroup(pgid: number): ProcStat[] {
  return listProcesses().filter((p) => p.pgrp === pgid && p.state !== 'Z');
}

export interface TreeMemoryReport {
  /** Highest sum of RSS over the tree seen in one sample. */
  peakTreeRssBytes: number;
  /** Highest RSS of a single process, with its name. */
  peakSingleRssBytes: number;
  peakSingleComm: string;
  /** Tree RSS at the first sample (e.g. the idle server before an upload). */
  firstTreeRssBytes: number;
  samples: number;
  /** Names of every process seen in the tree, with how many distinct pids. */
  commands: Map<string, number>;
}

/** Samples the tree's resident memory every `intervalMs` until stop(). */
export function sampleTreeMemory(rootPid: number, intervalMs = 100): { stop: () => TreeMemoryReport } {
  const report: TreeMemoryReport = {
    peakTreeRssBytes: 0,
    peakSingleRssBytes: 0,
    peakSingleComm: '',
    firstTreeRssBytes: -1,
    samples: 0,
    commands: new Map(),
  };
  const seen = new Set<number>();
  const sample = (): void => {
    const tree = processTree(rootPid).filter((p) => p.state !== 'Z');
    if (tree.length === 0) return;
    const total = tree.reduce((sum, p) => sum + p.rssBytes, 0);
    if (report.firstTreeRssBytes < 0) report.firstTreeRssBytes = total;
    report.peakTreeRssBytes = Math.max(report.peakTreeRssBytes, total);
    for (const p of tree) {
      if (p.rssBytes > report.peakSingleRssBytes) {
        report.peakSingleRssBytes = p.rssBytes;
        report.peakSingleComm = p.comm;
      }
      if (!seen.has(p.pid)) {
        seen.add(p.pid);
        report.commands.set(p.comm, (report.commands.get(p.comm) ?? 0) + 1);
      }
    }
    report.samples++;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      if (report.firstTreeRssBytes < 0) report.firstTreeRssBytes = 0;
      return report;
    },
  };
}

export function isAlive(pid: number): boolean {
  const s = readStat(pid);
  return s !== null && s.state !== 'Z';
}
