/**
 * Start-up benchmark: time from launching `vlog serve` until /health answers 200 on all three
 * ports, on an empty data dir (first-run migration included) and on a restart of the same dir.
 * Targets (issue 2): < 10 s first start, < 3 s restart. Needs `npm run build` first.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freeServePorts, serveEnv } from '../test/helpers/serve-ports.js';

const ROOT = path.resolve(import.meta.dirname, '..');

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(500) })).ok;
  } catch {
    return false;
  }
}

async function timeStart(dataDir: string): Promise<number> {
  const ports = await freeServePorts();
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/vlog.js'), 'serve'], {
    env: { ...process.env, ...serveEnv(dataDir, ports) },
    stdio: 'ignore',
  });
  const urls = [
    `http://127.0.0.1:${ports.public}/health`,
    `http://127.0.0.1:${ports.admin}/health`,
    `http://127.0.0.1:${ports.worker}/api/health`,
  ];
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`vlog serve exited with ${child.exitCode}`);
      if ((await Promise.all(urls.map(healthy))).every(Boolean)) return (performance.now() - started) / 1000;
      if (performance.now() - started > 60_000) throw new Error('not ready after 60 s');
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const runs = Number(process.argv[2] ?? 3);
const first: number[] = [];
const restart: number[] = [];
for (let i = 0; i < runs; i++) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vlog-bench-start-'));
  try {
    first.push(await timeStart(dir));
    restart.push(await timeStart(dir));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (xs: number[]) =>
  `median ${median(xs).toFixed(2)} s (runs: ${xs.map((x) => x.toFixed(2)).join(', ')})`;
console.log(`vlog serve ready, empty data dir (first-run migration): ${fmt(first)}  target < 10 s`);
console.log(`vlog serve ready, restart:                              ${fmt(restart)}  target < 3 s`);
