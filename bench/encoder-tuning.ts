/**
 * Encoder tuning experiment (issue 3, "measure, don't guess"): VLog's own one-process ladder command
 * (buildLadderCommand from src/media) with x264 presets × CRF values, against the reference pipeline's
 * settings (vlog_baseline.sh: -preset medium -crf 23, one ffmpeg per rendition). Prints wall, CPU, bytes and
 * SSIM per rendition and recommends the fastest setting whose SSIM per rendition ≥ baseline − 0.005 and
 * whose total bytes ≤ 1.1 × baseline.
 *
 * Usage: npx tsx bench/encoder-tuning.ts [input=.cache/bench-inputs/std1080.mp4] [--cut 20]
 *   [--presets ultrafast,superfast,veryfast,faster,fast] [--crfs 20,21,22,23] [--format cmaf|hls_ts]
 *   [--baseline path/to/vlog_baseline.sh] [--no-prune]
 * Pruning (default on): for each preset, CRFs run from high to low and stop once the bytes exceed the limit,
 * since a lower CRF only adds bytes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildLadderCommand } from '../src/media/ffmpeg-args.js';
import { renditionLayout } from '../src/media/hls-layout.js';
import { planLadder, type LadderPlan } from '../src/media/ladder.js';
import { probeMedia, type ProbeResult } from '../src/media/probe.js';
import { resolveBaselineScript, runBaseline } from './lib/baseline.js';
import { logTail, runMeasured } from './lib/measured-run.js';
import { renditionOutputs, ssimAgainstSource, type Format } from './lib/media-metrics.js';
import { fmtMiB, loadAvg, median, table } from './lib/stats.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    cut: { type: 'string', default: '20' },
    presets: { type: 'string', default: 'ultrafast,superfast,veryfast,faster,fast' },
    crfs: { type: 'string', default: '20,21,22,23' },
    format: { type: 'string', default: 'cmaf' },
    baseline: { type: 'string' },
    'no-prune': { type: 'boolean', default: false },
  },
});
const SSIM_TOLERANCE = 0.005;
const BYTES_LIMIT = 1.1;
const format = flags.format as Format;
const source = path.resolve(positionals[0] ?? path.join(ROOT, '.cache/bench-inputs/std1080.mp4'));
const presets = flags.presets.split(',');
const crfs = flags.crfs
  .split(',')
  .map(Number)
  .sort((a, b) => b - a);
const log = (line: string): void => console.error(line);

interface Result {
  label: string;
  preset: string;
  crf: number;
  wallS: number;
  cpuS: number;
  peakRss: number;
  bytes: Map<string, number>;
  ssim: Map<string, number>;
}
const totalOf = (r: Result): number => [...r.bytes.values()].reduce((a, b) => a + b, 0);

/** A stream-copy cut of the first `seconds` (keyframes every 2 s in the generated inputs). */
async function cutInput(seconds: number): Promise<string> {
  if (!(seconds > 0)) return source;
  const out = path.join(ROOT, '.cache/bench-inputs', `${path.parse(source).name}-${seconds}s.mp4`);
  if (!existsSync(out)) {
    await mkdir(path.dirname(out), { recursive: true });
    // prettier-ignore
    execFileSync('ffmpeg', ['-v', 'error', '-nostdin', '-y', '-i', source, '-t', String(seconds), '-c', 'copy', out]);
  }
  return out;
}

/** VLog's ladder command with the preset and CRF of every rendition replaced. */
function ladderArgs(opts: { input: string; outDir: string; plan: LadderPlan; probe: ProbeResult }) {
  const base = buildLadderCommand({
    input: opts.input,
    outputDir: opts.outDir,
    plan: opts.plan,
    probe: opts.probe,
  });
  return (preset: string, crf: number): string[] => {
    const args = [...base];
    let replaced = 0;
    for (let i = 0; i < args.length - 1; i++) {
      const value = { '-preset': preset, '-preset:v': preset, '-crf': String(crf), '-crf:v': String(crf) }[
        args[i]!
      ];
      if (value === undefined) continue;
      args[i + 1] = value;
      replaced++;
    }
    if (replaced !== opts.plan.renditions.length * 2)
      throw new Error(
        `expected one -preset and one -crf per rendition in the ladder command, found ${replaced}`,
      );
    return args;
  };
}

async function measureOutputs(r: Result, dir: string, input: string): Promise<void> {
  for (const o of await renditionOutputs(dir, format)) {
    if (o.name === 'original') continue;
    r.bytes.set(o.name, o.bytes);
    r.ssim.set(o.name, (await ssimAgainstSource(o.playlist, input)).all);
  }
}

async function runVlogLadder(
  input: string,
  plan: LadderPlan,
  probe: ProbeResult,
  preset: string,
  crf: number,
) {
  const work = await mkdtemp(path.join(os.tmpdir(), 'vlog-bench-tuning-'));
  try {
    const outDir = path.join(work, 'out');
    for (const r of plan.renditions)
      await mkdir(path.join(outDir, renditionLayout(format, r.name).segmentDir), { recursive: true });
    const args = ladderArgs({ input, outDir, plan, probe })(preset, crf);
    const logFile = path.join(work, 'ffmpeg.log');
    const m = await runMeasured('ffmpeg', args, logFile);
    if (m.code !== 0) throw new Error(`ffmpeg ${preset}/${crf} failed:\n${await logTail(logFile)}`);
    const r: Result = {
      label: `VLog ladder ${preset} crf ${crf}`,
      preset,
      crf,
      wallS: m.wallS,
      cpuS: m.cpuS,
      peakRss: m.memory.peakTreeRssBytes,
      bytes: new Map(),
      ssim: new Map(),
    };
    await measureOutputs(r, outDir, input);
    return r;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function runReference(input: string, script: string): Promise<Result> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'vlog-bench-tuning-base-'));
  try {
    const m = await runBaseline({ script, input, format, workDir: work });
    const r: Result = {
      label: 'baseline (medium crf 23, per rendition)',
      preset: 'medium',
      crf: 23,
      wallS: m.wallS,
      cpuS: m.cpuS,
      peakRss: m.memory.peakTreeRssBytes,
      bytes: new Map(),
      ssim: new Map(),
    };
    await measureOutputs(r, m.outDir, input);
    return r;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function qualifies(r: Result, ref: Result): boolean {
  const ssimOk = [...ref.ssim].every(([q, s]) => (r.ssim.get(q) ?? 0) >= s - SSIM_TOLERANCE);
  return ssimOk && totalOf(r) <= BYTES_LIMIT * totalOf(ref);
}

function printTable(results: Result[], ref: Result): void {
  const names = [...ref.bytes.keys()];
  const header = ['setting', 'wall s', 'CPU s', 'CPU/base', 'peak RSS', 'MB total', 'bytes/base'];
  for (const n of names) header.push(`SSIM ${n}`);
  header.push('ok');
  const rows = results.map((r) => [
    r.label,
    r.wallS.toFixed(1),
    r.cpuS.toFixed(1),
    (r.cpuS / ref.cpuS).toFixed(2),
    fmtMiB(r.peakRss),
    (totalOf(r) / 1e6).toFixed(2),
    (totalOf(r) / totalOf(ref)).toFixed(3),
    ...names.map((n) => {
      const d = (r.ssim.get(n) ?? NaN) - (ref.ssim.get(n) ?? NaN);
      return r === ref
        ? (r.ssim.get(n) ?? NaN).toFixed(4)
        : `${(r.ssim.get(n) ?? NaN).toFixed(4)} (${d >= 0 ? '+' : ''}${d.toFixed(4)})`;
    }),
    r === ref ? 'ref' : qualifies(r, ref) ? 'yes' : 'no',
  ]);
  console.log(table(header, rows));
}

const script = resolveBaselineScript(flags.baseline);
const input = await cutInput(Number(flags.cut));
const probe = await probeMedia(input);
const plan = planLadder(probe, { format, segmentDuration: 6 });
console.log(
  `# bench/encoder-tuning: ${path.basename(input)} (${probe.width}x${probe.height}, ${probe.duration.toFixed(1)} s), ` +
    `${format}, ladder ${plan.renditions.map((r) => r.name).join('/')}, ${os.cpus().length} CPUs, load avg ${loadAvg()}`,
);
log(`baseline reference (load ${loadAvg()})`);
const refs = [await runReference(input, script)];
const results: Result[] = [];
for (const preset of presets) {
  for (const crf of crfs) {
    log(`${preset} crf ${crf} (load ${loadAvg()})`);
    const r = await runVlogLadder(input, plan, probe, preset, crf);
    results.push(r);
    if (!flags['no-prune'] && totalOf(r) > BYTES_LIMIT * totalOf(refs[0]!)) {
      log(
        `  bytes ${(totalOf(r) / totalOf(refs[0]!)).toFixed(3)} × baseline: lower CRFs of ${preset} skipped`,
      );
      break;
    }
  }
}
log(`baseline reference again (load ${loadAvg()})`);
refs.push(await runReference(input, script));
// Outputs are deterministic; only the timings differ between the two reference runs.
const ref: Result = {
  ...refs[0]!,
  wallS: median(refs.map((r) => r.wallS)),
  cpuS: median(refs.map((r) => r.cpuS)),
};
ref.label = `baseline (medium crf 23, per rendition; mean of 2 runs: wall ${refs.map((r) => r.wallS.toFixed(1)).join('/')})`;
console.log();
printTable([ref, ...results], ref);
const ok = results.filter((r) => qualifies(r, ref));
const byCpu = [...ok].sort((a, b) => a.cpuS - b.cpuS)[0];
const byWall = [...ok].sort((a, b) => a.wallS - b.wallS)[0];
console.log(
  `\nCriteria: SSIM per rendition ≥ baseline − ${SSIM_TOLERANCE}, total bytes ≤ ${BYTES_LIMIT} × baseline ` +
    `(${((BYTES_LIMIT * totalOf(ref)) / 1e6).toFixed(2)} MB).`,
);
if (!byCpu || !byWall) console.log('No setting meets the criteria.');
else {
  console.log(
    `Fastest qualifying by CPU time: ${byCpu.preset} crf ${byCpu.crf} (${byCpu.cpuS.toFixed(1)} s CPU)`,
  );
  console.log(
    `Fastest qualifying by wall time: ${byWall.preset} crf ${byWall.crf} (${byWall.wallS.toFixed(1)} s)`,
  );
}
console.log(`load avg at the end: ${loadAvg()}`);
