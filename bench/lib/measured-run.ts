/**
 * Runs a command and measures it as a whole process tree: wall time, CPU (user+sys of the command and of
 * every process it started), peak tree RSS sampled every 100 ms. Started in its own process group so an
 * interrupted bench can kill all of it.
 */
import { spawn } from 'node:child_process';
import { open, readFile, rm } from 'node:fs/promises';
import { trackGroup, untrackGroup } from './cleanup.js';
import { cpuSecondsWithChildren, parseStat, sampleTreeMemory, type TreeMemoryReport } from './proc-tree.js';

export interface MeasuredRun {
  code: number | null;
  wallS: number;
  cpuS: number;
  memory: TreeMemoryReport;
}

// The wrapper shell runs the command, then dumps its own /proc stat: cutime/cstime then hold the CPU of
// every process the command started (each was reaped by its parent, up to this shell).
const WRAPPER = '"${@:2}"; rc=$?; cat /proc/$$/stat > "$1"; exit $rc';

/** stdout is discarded, stderr goes to `logFile`. */
export async function runMeasured(cmd: string, args: string[], logFile: string): Promise<MeasuredRun> {
  const statFile = `${logFile}.stat`;
  const log = await open(logFile, 'w');
  const t0 = performance.now();
  const child = spawn('bash', ['-c', WRAPPER, 'bench-measure', statFile, cmd, ...args], {
    stdio: ['ignore', 'ignore', log.fd],
    detached: true,
  });
  trackGroup(child.pid!);
  const sampler = sampleTreeMemory(child.pid!);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (c) => resolve(c));
  });
  const wallS = (performance.now() - t0) / 1000;
  const memory = sampler.stop();
  untrackGroup(child.pid!);
  await log.close();
  const stat = await readFile(statFile, 'utf8').catch(() => null);
  await rm(statFile, { force: true });
  const cpuS = stat === null ? NaN : cpuSecondsWithChildren(parseStat(child.pid!, stat));
  return { code, wallS, cpuS, memory };
}

export async function logTail(logFile: string, lines = 15): Promise<string> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  return text.split('\n').slice(-lines).join('\n');
}
