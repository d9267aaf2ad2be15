/**
 * Transcoding benchmark (issue 3): VLog's own pipeline (the compiled `vlog serve`, upload over the admin
 * API, wait for `ready`) against the reference pipeline `vlog_baseline.sh`, run alternately on the same file.
 * Prints wall, CPU (whole process tree), peak RSS (whole tree), bytes and SSIM per rendition, time to first
 * playable, the ratios; then the kill -9 recovery measurement.
 *
 * Usage: npm run build && npx tsx bench/transcode.ts <input> [--runs N] [--format cmaf|hls_ts] [--skip-kill]
 *   [--skip-baseline] [--no-ssim] [--baseline path/to/vlog_baseline.sh] [--kill-at 50]
 *   [--kill-target worker|server] [--kill-runs N] [--kill-timeout-min 45] [--lease-min M] [--orphan-watch-s 3] [--rss-target-mib N]
 * --lease-min sets VLOG_WORKER_CLAIM_DURATION for the kill run only (default: VLog's own default, 30 min).
 *   [--vlog-root DIR]   (measure the build in another checkout; also $VLOG_BENCH_ROOT)
 * The baseline script defaults to ../shared/bench/vlog_baseline.sh beside the repo (or $VLOG_BASELINE_SCRIPT).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveBaselineScript, runBaseline } from './lib/baseline.js';
import {
  renditionOutputs,
  ssimAgainstSource,
  totalBytes,
  type Format,
  type RenditionOutput,
  type SsimResult,
} from './lib/media-metrics.js';
import type { TreeMemoryReport } from './lib/proc-tree.js';
import { fmtMB, fmtMiB, fmtRatio, fmtS, loadAvg, median, table } from './lib/stats.js';
import { runVlog, runVlogKilled } from './lib/vlog-run.js';
import { getVlogRoot, setVlogRoot } from './lib/vlog-server.js';

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '1' },
    format: { type: 'string', default: 'cmaf' },
    'skip-kill': { type: 'boolean', default: false },
    'skip-baseline': { type: 'boolean', default: false },
    'no-ssim': { type: 'boolean', default: false },
    baseline: { type: 'string' },
    'kill-at': { type: 'string', default: '50' },
    'kill-target': { type: 'string', default: 'worker' },
    'kill-runs': { type: 'string', default: '1' },
    'kill-timeout-min': { type: 'string', default: '45' },
    'rss-target-mib': { type: 'string' },
    'lease-min': { type: 'string' },
    'orphan-watch-s': { type: 'string', default: '3' },
    'vlog-root': { type: 'string' },
  },
});
const input = positionals[0] ? path.resolve(positionals[0]) : '';
if (!input || !existsSync(input)) {
  console.error('usage: npx tsx bench/transcode.ts <input> [--runs N] [--format cmaf|hls_ts] [--skip-kill]');
  process.exit(2);
}
const format = flags.format as Format;
if (format !== 'cmaf' && format !== 'hls_ts') throw new Error('--format must be cmaf or hls_ts');
const runs = Math.max(1, Number(flags.runs));
const baselineScript = flags['skip-baseline'] ? null : resolveBaselineScript(flags.baseline);
const log = (line: string): void => console.error(line);
if (flags['vlog-root']) setVlogRoot(flags['vlog-root']);

/** One pipeline run, as both systems report it. */
interface Measured {
  wallS: number;
  cpuS: number;
  firstPlayableS: number;
  memory: TreeMemoryReport;
  renditions: RenditionOutput[];
  dirBytes: number;
}

interface Side {
  runs: Measured[];
  ssim: Map<string, SsimResult>;
}

const vlog: Side = { runs: [], ssim: new Map() };
const base: Side = { runs: [], ssim: new Map() };

async function measureSsim(side: Side, renditions: RenditionOutput[]): Promise<void> {
  if (flags['no-ssim'] || side.ssim.size > 0) return;
  for (const r of renditions) {
    if (r.name === 'original') continue;
    side.ssim.set(r.name, await ssimAgainstSource(r.playlist, input));
  }
}

const encodedBytes = (m: Measured): number =>
  m.renditions.filter((r) => r.name !== 'original').reduce((s, r) => s + r.bytes, 0);

function describe(label: string, m: Measured): string {
  const mem = m.memory;
  return (
    `${label.padEnd(9)} wall ${fmtS(m.wallS)}  CPU ${fmtS(m.cpuS)}  first playable ${fmtS(m.firstPlayableS)}  ` +
    `peak RSS tree ${fmtMiB(mem.peakTreeRssBytes)} (largest process: ${mem.peakSingleComm} ` +
    `${fmtMiB(mem.peakSingleRssBytes)}; at start ${fmtMiB(mem.firstTreeRssBytes)})  ` +
    `renditions ${fmtMB(encodedBytes(m))}, output dir ${fmtMB(m.dirBytes)}`
  );
}

async function vlogOnce(): Promise<Measured> {
  const r = await runVlog({ input, format });
  try {
    const renditions = await renditionOutputs(r.outDir, format);
    const dirBytes = await totalBytes(r.outDir);
    await measureSsim(vlog, renditions);
    log(`  (upload took ${fmtS(r.uploadS)}, not counted)`);
    return { ...r, firstPlayableS: r.firstPlayableS ?? NaN, renditions, dirBytes };
  } finally {
    await r.cleanup();
  }
}

async function baselineOnce(script: string): Promise<Measured> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'vlog-bench-baseline-'));
  try {
    const r = await runBaseline({ script, input, format, workDir });
    const renditions = await renditionOutputs(r.outDir, format);
    const dirBytes = await totalBytes(r.outDir);
    await measureSsim(base, renditions);
    // It publishes master.m3u8 only at the very end: first playable = its wall time.
    return { ...r, firstPlayableS: r.wallS, renditions, dirBytes };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function summary(): void {
  const med = (side: Side, f: (m: Measured) => number): number => median(side.runs.map(f));
  const pairRatio = (f: (m: Measured) => number): number =>
    median(vlog.runs.map((v, i) => (base.runs[i] ? f(v) / f(base.runs[i]) : NaN)));
  const rows: [string, (m: Measured) => number, (x: number) => string][] = [
    ['wall (upload done → ready)', (m) => m.wallS, fmtS],
    ['CPU user+sys (process tree)', (m) => m.cpuS, fmtS],
    ['time to first playable', (m) => m.firstPlayableS, fmtS],
    ['peak RSS, whole tree', (m) => m.memory.peakTreeRssBytes, fmtMiB],
    ['peak RSS, largest process', (m) => m.memory.peakSingleRssBytes, fmtMiB],
    ['bytes, encoded renditions', encodedBytes, fmtMB],
    ['bytes, whole output dir', (m) => m.dirBytes, fmtMB],
  ];
  console.log(`\n## Summary: ${path.basename(input)}, ${format}, median of ${runs} run(s) each`);
  console.log(
    table(
      ['metric', 'VLog', 'baseline', 'VLog/baseline'],
      rows.map(([name, f, fmt]) => [name, fmt(med(vlog, f)), fmt(med(base, f)), fmtRatio(pairRatio(f))]),
    ),
  );
  const last = (side: Side): Map<string, RenditionOutput> =>
    new Map((side.runs.at(-1)?.renditions ?? []).map((r) => [r.name, r]));
  const [vr, br] = [last(vlog), last(base)];
  const names = [...new Set([...vr.keys(), ...br.keys()])].filter((n) => n !== 'original');
  names.sort((a, b) => Number.parseInt(b, 10) - Number.parseInt(a, 10));
  const ssimText = (s: SsimResult | undefined): string =>
    s ? `${s.all.toFixed(4)} (${s.width}x${s.height})` : 'n/a';
  console.log(
    '\nPer rendition (bytes of the last run; SSIM All vs the source scaled to the rendition, run 1):',
  );
  console.log(
    table(
      ['rendition', 'VLog bytes', 'baseline bytes', 'bytes ratio', 'VLog SSIM', 'baseline SSIM', 'ΔSSIM'],
      names.map((n) => {
        const [v, b] = [vr.get(n), br.get(n)];
        const [vs, bs] = [vlog.ssim.get(n), base.ssim.get(n)];
        return [
          n,
          v ? fmtMB(v.bytes) : '-',
          b ? fmtMB(b.bytes) : '-',
          v && b ? fmtRatio(v.bytes / b.bytes) : '-',
          ssimText(vs),
          ssimText(bs),
          vs && bs ? (vs.all - bs.all).toFixed(4) : '-',
        ];
      }),
    ),
  );
  const orig = br.get('original');
  if (orig) console.log(`(baseline also writes an 'original' stream-copy remux: ${fmtMB(orig.bytes)})`);
}

/** One kill -9 run; returns the extra wall time in % over the uninterrupted median. */
async function killOnce(uninterrupted: number, target: 'worker' | 'server'): Promise<number> {
  log(`\nkill -9 run (${target}): waiting for ${flags['kill-at']} % (load ${loadAvg()})`);
  const k = await runVlogKilled({
    input,
    format,
    killAtPercent: Number(flags['kill-at']),
    timeoutMs: Number(flags['kill-timeout-min']) * 60_000,
    orphanGraceMs: Number(flags['orphan-watch-s']) * 1000,
    target,
    env: flags['lease-min'] ? { VLOG_WORKER_CLAIM_DURATION: flags['lease-min'] } : {},
    log,
  });
  const lease = flags['lease-min'] ? `VLOG_WORKER_CLAIM_DURATION=${flags['lease-min']}` : 'default config';
  console.log(`\n## kill -9 of the ${target} at ${k.killedAtPercent} % (${lease}; load after: ${loadAvg()})`);
  console.log(
    target === 'server'
      ? `server killed ${fmtS(k.killAfterS)} after the upload; restarted server ready ${fmtS(k.restartS)} later`
      : `local worker process killed ${fmtS(k.killAfterS)} after the upload; the server started a new one ${fmtS(k.restartS)} later`,
  );
  for (const c of k.children)
    console.log(
      `  child ${c.comm} (pid ${c.pid}): ${c.diedAfterMs === null ? `STILL ALIVE ${flags['orphan-watch-s']} s after its parent died (then killed)` : `died ${c.diedAfterMs.toFixed(0)} ms after its parent`}`,
    );
  // Killing the server, the bench watches its children die before restarting it: its own pause, not
  // VLog's (a supervisor restarts at once). The local worker is restarted by the server meanwhile.
  const pause = target === 'server' ? k.watchS : 0;
  const extra = ((k.totalS - pause - uninterrupted) / uninterrupted) * 100;
  console.log(
    `total wall upload → ready: ${fmtS(k.totalS)} vs ${fmtS(uninterrupted)} uninterrupted` +
      (pause > 0 ? ` (minus the bench's ${pause.toFixed(1)} s orphan watch)` : '') +
      ` → extra ${extra.toFixed(1)} % (target ≤ 15 %)`,
  );
  return extra;
}

async function killMeasurement(): Promise<void> {
  const uninterrupted = median(vlog.runs.map((m) => m.wallS));
  const target = flags['kill-target'] === 'server' ? 'server' : 'worker';
  const extras: number[] = [];
  for (let i = 0; i < Number(flags['kill-runs']); i++) extras.push(await killOnce(uninterrupted, target));
  if (extras.length > 1)
    console.log(
      `\nkill -9 of the ${target}, ${extras.length} runs: extra ${extras.map((e) => `${e.toFixed(1)} %`).join(', ')}; ` +
        `median ${median(extras).toFixed(1)} %, worst ${Math.max(...extras).toFixed(1)} % (target ≤ 15 %)`,
    );
}

console.log(
  `# bench/transcode: ${input} (${format}), ${runs} run(s), ${os.cpus().length} CPUs, load avg ${loadAvg()}` +
    `\n# VLog: ${getVlogRoot()}/bin/vlog.js serve; baseline: ${baselineScript ?? 'skipped'}`,
);
for (let i = 1; i <= runs; i++) {
  log(`\n== run ${i}/${runs}: VLog (load ${loadAvg()})`);
  const v = await vlogOnce();
  vlog.runs.push(v);
  console.log(`run ${i} ${describe('VLog', v)}  [load ${loadAvg()}]`);
  if (baselineScript) {
    log(`== run ${i}/${runs}: baseline (load ${loadAvg()})`);
    const b = await baselineOnce(baselineScript);
    base.runs.push(b);
    console.log(`run ${i} ${describe('baseline', b)}  [load ${loadAvg()}]`);
    console.log(`run ${i} wall VLog/baseline ${fmtRatio(v.wallS / b.wallS)}`);
  }
}
summary();
if (flags['rss-target-mib']) {
  const peak = median(vlog.runs.map((m) => m.memory.peakTreeRssBytes)) / 1024 ** 2;
  const target = Number(flags['rss-target-mib']);
  console.log(`peak RSS ${peak.toFixed(0)} MiB vs target ${target} MiB: ${peak <= target ? 'OK' : 'OVER'}`);
}
if (!flags['skip-kill']) await killMeasurement();
console.log(`\nload avg at the end: ${loadAvg()}`);
