/**
 * Upload memory benchmark: streams a multi-GB multipart upload into `vlog serve` and samples the
 * server's resident memory. The body is generated on the fly (constant memory on both sides).
 * Usage: npm run build && npx tsx bench/upload-memory.ts [GiB=2]
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { freeServePorts, serveEnv } from '../test/helpers/serve-ports.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const gib = Number(process.argv[2] ?? 2);
const total = Math.round(gib * 1024 ** 3);

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vlog-bench-upload-'));
const ports = await freeServePorts();
const child = spawn(process.execPath, [path.join(ROOT, 'bin/vlog.js'), 'serve'], {
  env: { ...process.env, ...serveEnv(dataDir, ports, { VLOG_LOCAL_WORKER: 'false' }) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolve) =>
  child.stdout!.on('data', (d: Buffer) => d.toString().includes('VLog ready') && resolve()),
);
const secret = (await readFile(path.join(dataDir, 'admin-api.secret'), 'utf8')).trim();

const boundary = `----bench${randomBytes(8).toString('hex')}`;
const head = Buffer.from(
  `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nBig upload\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
);
const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
const chunk = randomBytes(1024 * 1024);
async function* body() {
  yield head;
  for (let sent = 0; sent < total; sent += chunk.length)
    yield sent + chunk.length <= total ? chunk : chunk.subarray(0, total - sent);
  yield tail;
}

const baseline = await rssMiB(child.pid!);
let peak = baseline;
const sampler = setInterval(() => void rssMiB(child.pid!).then((m) => (peak = Math.max(peak, m))), 100);
const started = performance.now();
const res = await fetch(`http://127.0.0.1:${ports.admin}/api/videos`, {
  method: 'POST',
  headers: {
    'X-Admin-Secret': secret,
    'Content-Type': `multipart/form-data; boundary=${boundary}`,
    'Content-Length': String(head.length + total + tail.length),
  },
  body: Readable.toWeb(Readable.from(body())) as ReadableStream,
  duplex: 'half',
} as RequestInit);
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
const answer = await res.text();
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
await rm(dataDir, { recursive: true, force: true });

console.log(`upload of ${gib} GiB: HTTP ${res.status} ${answer.slice(0, 80)}`);
console.log(`time ${seconds.toFixed(1)} s, ${(total / 1024 ** 2 / seconds).toFixed(0)} MiB/s`);
console.log(
  `server RSS: ${baseline.toFixed(0)} MiB before, peak ${peak.toFixed(0)} MiB during (+${(peak - baseline).toFixed(0)} MiB)`,
);
