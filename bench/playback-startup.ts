/**
 * Playback start-up (issue 13 target): from opening the watch page to the first decoded frame, median of 10 in
 * Debian Chromium on loopback, ≤ 1.0 s for a ready 1080p video; the watch page's JavaScript and CSS ≤ 200 kB
 * gzipped.
 *
 * Starts the compiled `vlog serve` in its own process on a temporary data dir (embedded PGlite, or PostgreSQL with
 * --database-url), uploads a 20 s 1920x1080 clip through the admin API, waits until it is ready and the server's
 * ffmpeg children are done, then loads /watch/{slug} in headless Chromium (bench/lib/first-frame.ts says what is
 * measured): `--runs` loads each in a fresh browser context (cold HTTP cache: a new context shares no cache),
 * then `--runs` loads in one context primed by a load that is not counted (warm cache). One uncounted load
 * before both warms the server (its routes' JIT, file handles), not the browser.
 *
 * `--compare DIR` runs a second build (another checkout with its own `npm run build`, e.g. the commit before a
 * change) beside this one, each on its own server, and alternates their loads run by run: on a shared machine
 * whose load swings, only an interleaved before/after is a fair comparison.
 *
 * Usage: npm run bench:playback -- [--runs 10] [--database-url postgresql://…] [--compare DIR]
 * (builds dist/ if missing)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../test/helpers/browser.js';
import { getClip } from '../test/helpers/media-clips.js';
import { measurePageLoad, PHASES, phasesOf, type PageLoad } from './lib/first-frame.js';
import { pageWeight } from './lib/page-weight.js';
import { processGroup } from './lib/proc-tree.js';
import { loadAvg, median, percentile, sleep, table } from './lib/stats.js';
import {
  adminGet,
  getVlogRoot,
  setVlogRoot,
  startServer,
  stopServer,
  uploadVideo,
  waitReady,
  type VlogServer,
} from './lib/vlog-server.js';

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    'database-url': { type: 'string', default: '' },
    compare: { type: 'string' },
  },
});
const RUNS = Math.max(1, Number(flags.runs));
const TARGET_MS = 1000;
const TARGET_GZIP_BYTES = 200_000;
const VIEWPORT = { width: 1280, height: 800 };

/** The compiled server and the built pages; `npm run build` when either is missing. */
function ensureBuilt(root: string): void {
  const built = ['dist/cli/entry.js', 'dist/web/public/watch.html'].every((f) =>
    existsSync(path.join(root, f)),
  );
  if (built) return;
  console.log('dist/ is missing or incomplete: running `npm run build` first');
  const res = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) throw new Error('npm run build failed');
}

/** Until no ffmpeg of the server (sprites, the original's remux) has run for 2 s: the runs get the CPU. */
async function waitQuiet(server: VlogServer): Promise<void> {
  const started = Date.now();
  let quietSince = Date.now();
  while (Date.now() - quietSince < 2000) {
    if (processGroup(server.pid).some((p) => p.comm.startsWith('ffmpeg'))) quietSince = Date.now();
    if (Date.now() - started > 180_000) throw new Error('the server still runs ffmpeg after 180 s');
    await sleep(200);
  }
}

/** One build under test: its server, the watch page of its video, and the loads measured on it. */
interface Target {
  label: string;
  server: VlogServer;
  dataDir: string;
  url: string;
  cold: PageLoad[];
  warm: PageLoad[];
}

async function startTarget(label: string, root: string): Promise<Target> {
  ensureBuilt(root);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vlog-bench-playback-'));
  const own = getVlogRoot();
  setVlogRoot(root);
  try {
    const server = await startServer(dataDir, { VLOG_DATABASE_URL: flags['database-url'] });
    return { label, server, dataDir, url: '', cold: [], warm: [] };
  } finally {
    setVlogRoot(own);
  }
}

async function prepareVideo(t: Target): Promise<void> {
  const clip = await getClip('landscape1080x20s');
  const t0 = performance.now();
  const { id, slug } = await uploadVideo(t.server, clip);
  await waitReady(t.server, id, { timeoutMs: 600_000, intervalMs: 500 });
  await waitQuiet(t.server);
  const detail = await adminGet<{ qualities: Array<{ quality: string }>; streaming_format: string }>(
    t.server,
    `/api/videos/${id}`,
  );
  const qualities = detail.qualities.map((q) => q.quality).join(', ');
  console.log(
    `${t.label}: video ready and idle in ${((performance.now() - t0) / 1000).toFixed(1)} s ` +
      `(${detail.streaming_format}; ${qualities})`,
  );
  t.url = `${t.server.publicUrl}/watch/${slug}`;
}

/** One load in a new browser context: nothing cached. */
async function freshLoad(browser: Browser, url: string): Promise<PageLoad> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    return await measurePageLoad(context, url);
  } finally {
    await context.close();
  }
}

/** `RUNS` cold loads, then `RUNS` warm ones, of every target, alternating target by target. */
async function measureAll(browser: Browser, targets: Target[]): Promise<void> {
  for (const t of targets) await freshLoad(browser, t.url); // warms each server, not counted
  for (let i = 0; i < RUNS; i++) for (const t of targets) t.cold.push(await freshLoad(browser, t.url));
  const contexts = await Promise.all(targets.map(() => browser.newContext({ viewport: VIEWPORT })));
  try {
    // Each context's first load primes its cache; not counted.
    for (const [k, t] of targets.entries()) await measurePageLoad(contexts[k]!, t.url);
    for (let i = 0; i < RUNS; i++)
      for (const [k, t] of targets.entries()) t.warm.push(await measurePageLoad(contexts[k]!, t.url));
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
}

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : 'n/a');
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const frames = (loads: PageLoad[]) => loads.map((l) => phasesOf(l)['first frame']);

function reportTimes(targets: Target[]): void {
  const rows = targets.flatMap((t) => [
    [`${t.label}, cold (fresh context)`, frames(t.cold)],
    [`${t.label}, warm (same context)`, frames(t.warm)],
  ]) as Array<[string, number[]]>;
  console.log(`\nfirst frame, ms from navigation start (${RUNS} runs each)`);
  console.log(
    table(
      ['build, HTTP cache', 'median', 'p90', 'min', 'max', 'target', ''],
      rows.map(([name, xs]) => [
        name,
        ms(median(xs)),
        ms(percentile(xs, 90)),
        ms(Math.min(...xs)),
        ms(Math.max(...xs)),
        `≤ ${TARGET_MS}`,
        verdict(median(xs) <= TARGET_MS),
      ]),
    ),
  );
  console.log('\nphases, median ms from navigation start (responseEnd of each resource)');
  const phaseMedian = (loads: PageLoad[], phase: (typeof PHASES)[number]) =>
    ms(median(loads.map((l) => phasesOf(l)[phase])));
  const header = targets.flatMap((t) => [`${t.label} cold`, `${t.label} warm`]);
  const phaseRows = PHASES.map((p) => [
    p,
    ...targets.flatMap((t) => [phaseMedian(t.cold, p), phaseMedian(t.warm, p)]),
  ]);
  console.log(table(['phase', ...header], phaseRows));
  for (const t of targets) {
    console.log(`\n${t.label}, cold runs, first frame: ${frames(t.cold).map(ms).join(' ')} ms`);
    console.log(`${t.label}, warm runs, first frame: ${frames(t.warm).map(ms).join(' ')} ms`);
  }
}

async function reportWeight(t: Target): Promise<boolean> {
  const weights = await pageWeight(t.cold[0]!.resources);
  const raw = weights.reduce((s, w) => s + w.raw, 0);
  const gzip = weights.reduce((s, w) => s + w.gzip, 0);
  console.log(`\n${t.label}: the watch page's JavaScript and CSS (as loaded by a cold run)`);
  console.log(
    table(
      ['file', 'raw', 'gzip'],
      [...weights.map((w) => [w.path, kB(w.raw), kB(w.gzip)]), ['total', kB(raw), kB(gzip)]],
    ),
  );
  const ok = gzip <= TARGET_GZIP_BYTES;
  console.log(`JS+CSS gzipped ${kB(gzip)} (target ≤ ${kB(TARGET_GZIP_BYTES)}): ${verdict(ok)}`);
  return ok;
}

const targets: Target[] = [];
let browser: Browser | null = null;
try {
  targets.push(await startTarget('this build', getVlogRoot()));
  if (flags.compare) targets.push(await startTarget('compare', flags.compare));
  const db = flags['database-url'] ? 'PostgreSQL' : 'embedded PGlite';
  console.log(
    `vlog serve (${db}); ${flags.compare ? `compare = ${flags.compare}; ` : ''}load average ${loadAvg()}`,
  );
  await Promise.all(targets.map(prepareVideo));
  browser = await launchBrowser();
  await measureAll(browser, targets);
  reportTimes(targets);
  for (const t of targets) {
    const sizeOk = await reportWeight(t);
    const timeOk = median(frames(t.cold)) <= TARGET_MS;
    console.log(
      `${t.label}: start-up ≤ 1.0 s (cold median): ${verdict(timeOk)}; JS+CSS ≤ 200 kB gzip: ${verdict(sizeOk)}`,
    );
  }
  console.log(`load average after: ${loadAvg()}`);
} finally {
  await browser?.close();
  for (const t of targets) {
    await stopServer(t.server);
    await rm(t.dataDir, { recursive: true, force: true });
  }
}
