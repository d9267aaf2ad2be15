/**
 * Remote-worker overhead (issue 4): the same clip transcoded by the server's own local worker (a `vlog
 * worker` child on the worker API with same-host transfers: the source read in place, files handed over by
 * path) and by a registered remote `vlog worker` process talking to the worker API over loopback HTTP
 * (source download, every segment uploaded with its SHA-256 and verified by the server), run alternately. Prints the time from
 * the end of the upload to `ready` for each run, the medians and the overhead of the remote path.
 *
 * Usage: npm run build && npx tsx bench/remote-overhead.ts [input=.cache/bench-inputs/short720.mp4] [--runs 3]
 * Target: remote ≤ 1.05 × local.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { trackGroup, untrackGroup } from './lib/cleanup.js';
import { treeCpuSplit } from './lib/proc-tree.js';
import { fmtS, loadAvg, median, sleep, table } from './lib/stats.js';
import {
  getVlogRoot,
  killGroup,
  startServer,
  stopServer,
  uploadVideo,
  waitReady,
  type VlogServer,
} from './lib/vlog-server.js';

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '3' } },
});
const input = path.resolve(positionals[0] ?? '.cache/bench-inputs/short720.mp4');
if (!existsSync(input)) {
  console.error(`no input ${input}: make it with ../shared/media/make_inputs.sh .cache/bench-inputs`);
  process.exit(2);
}
const runs = Math.max(1, Number(flags.runs));
const WORKER_SECRET = 'bench-worker-admin-secret-0123456789';
const COMMON = { VLOG_WORKER_POLL_INTERVAL: '0.2', VLOG_WORKER_ADMIN_SECRET: WORKER_SECRET };

async function registerWorker(s: VlogServer): Promise<string> {
  const res = await fetch(`${s.workerUrl}/api/worker/register`, {
    method: 'POST',
    headers: { 'x-admin-secret': WORKER_SECRET, 'content-type': 'application/json' },
    body: JSON.stringify({ worker_name: 'bench-remote' }),
  });
  if (!res.ok) throw new Error(`register: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { api_key: string }).api_key;
}

/** `vlog worker` with only the API address and key; resolves once it waits for jobs. */
async function startRemoteWorker(s: VlogServer, key: string, dir: string) {
  const child = spawn(process.execPath, [path.join(getVlogRoot(), 'bin/vlog.js'), 'worker'], {
    env: {
      ...process.env,
      ...COMMON,
      VLOG_DATA_DIR: path.join(dir, 'worker-data'),
      VLOG_DATABASE_URL: '',
      VLOG_WORKER_API_URL: s.workerUrl,
      VLOG_WORKER_API_KEY: key,
      VLOG_WORKER_WORK_DIR: path.join(dir, 'worker-work'),
      VLOG_ADMIN_API_SECRET: 'unused-by-remote-workers-000000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  trackGroup(child.pid!);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  while (!out.includes('waiting for jobs')) {
    if (child.exitCode !== null) throw new Error(`vlog worker exited:\n${out}`);
    await sleep(50);
  }
  return {
    pid: child.pid!,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      killGroup(child.pid!);
      untrackGroup(child.pid!);
    },
  };
}

/**
 * Seconds from the end of the upload to `ready`, and the CPU seconds the server and the worker (with their
 * ffmpeg children) used in that time: on two cores, a steadier figure than the wall time.
 */
async function measure(mode: 'local' | 'remote'): Promise<{ wall: number; cpu: number; own: number }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `vlog-bench-${mode}-`));
  const server = await startServer(path.join(dir, 'server'), {
    ...COMMON,
    VLOG_LOCAL_WORKER: mode === 'local' ? 'true' : 'false',
  });
  let worker: { pid: number; stop(): Promise<void> } | null = null;
  const cpu = () => {
    const parts = [treeCpuSplit(server.pid), ...(worker ? [treeCpuSplit(worker.pid)] : [])];
    const own = parts.reduce((sum, p) => sum + p.own, 0);
    return { own, total: own + parts.reduce((sum, p) => sum + p.media, 0) };
  };
  try {
    if (mode === 'remote') worker = await startRemoteWorker(server, await registerWorker(server), dir);
    const video = await uploadVideo(server, input);
    const t0 = performance.now();
    const cpu0 = cpu();
    await waitReady(server, video.id, { timeoutMs: 30 * 60_000, intervalMs: 50 });
    const wall = (performance.now() - t0) / 1000;
    // The job's last ffmpeg is reaped by now (the worker completes the job after it exited).
    await sleep(300);
    const cpu1 = cpu();
    return { wall, cpu: cpu1.total - cpu0.total, own: cpu1.own - cpu0.own };
  } finally {
    await worker?.stop();
    await stopServer(server);
    await rm(dir, { recursive: true, force: true });
  }
}

const times = { local: [] as number[], remote: [] as number[] };
const cpus = { local: [] as number[], remote: [] as number[] };
/** CPU of the Node processes alone (server and worker, without ffmpeg): what the transfers cost. */
const owns = { local: [] as number[], remote: [] as number[] };
console.error(`input ${input}, ${runs} run(s) each, alternating; load ${loadAvg()}`);
for (let i = 0; i < runs; i++) {
  // Alternate which goes first, so drift in machine load hits both alike.
  const order: Array<'local' | 'remote'> = i % 2 === 0 ? ['local', 'remote'] : ['remote', 'local'];
  for (const mode of order) {
    const m = await measure(mode);
    times[mode].push(m.wall);
    cpus[mode].push(m.cpu);
    owns[mode].push(m.own);
    console.error(
      `run ${i + 1} ${mode}: ${fmtS(m.wall)}, CPU ${fmtS(m.cpu)} (Node ${fmtS(m.own)}) (load ${loadAvg()})`,
    );
  }
}
const local = median(times.local);
const remote = median(times.remote);
console.log(
  table(
    ['path', 'upload → ready (each run)', 'median', 'CPU (median)', 'of it Node'],
    [
      [
        'local worker (same host)',
        times.local.map(fmtS).join(', '),
        fmtS(local),
        fmtS(median(cpus.local)),
        fmtS(median(owns.local)),
      ],
      [
        'remote worker (HTTP, loopback)',
        times.remote.map(fmtS).join(', '),
        fmtS(remote),
        fmtS(median(cpus.remote)),
        fmtS(median(owns.remote)),
      ],
    ],
  ),
);
const overhead = (remote / local - 1) * 100;
const cpuOverhead = (median(cpus.remote) / median(cpus.local) - 1) * 100;
console.log(`remote CPU overhead: ${cpuOverhead >= 0 ? '+' : ''}${cpuOverhead.toFixed(1)} %`);
console.log(
  `remote overhead: ${overhead >= 0 ? '+' : ''}${overhead.toFixed(1)} % (target < 5 %) ${overhead < 5 ? 'PASS' : 'FAIL'}`,
);
