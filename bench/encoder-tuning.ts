/**
 * Encoder tuning experiment (issue 3, "measure, don't guess"): VLog's own one-process ladder command
 * (buildLadderCommand from src/media) with x264 presets × CRF values, against the reference pipeline's
 * settings (vlog_baseline.sh: -preset medium -crf 23, one ffmpeg per rendition). Prints wall, CPU, bytes and
 * SSIM per rendition and recommends the fastest setting whose SSIM per rendition ≥ baseline − 0.005 and
 * whose total bytes ≤ 1.1 × baseline.
 *
 * Usage: npx tsx bench/encoder-tuning.ts [input=.cache/bench-inputs/std1080.mp4] [--cut 20]
 *   [--presets ultrafast,superfast,veryfast,faster,fast] [--crfs 20,21,22,23] [--format cmaf|hls_ts]
 *   [--baseline path/to/vlog_baseline.sh] [--no-prune] [--repeat N]
 * --repeat N: N rounds over the same settings (round-robin, every other round in reverse order, so load drift
 *   hits all alike); medians reported. The speed target (wall ≤ 0.5 × baseline) is printed alongside.
 * Bytes and SSIM come from round 1 (x264 output is nearly identical between runs: < 0.1 % bytes).
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
    repeat: { type: 'string', default: '1' },
  },
});
const SSIM_TOLERANCE = 0.005;
const BYTES_LIMIT = 1.1;
/** Issue 3's speed target: full-ladder wall time ≤ this × the baseline's. */
const WALL_TARGET = 0.5;
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
  walls: number[];
  cpus: number[];
  peakRss: number;
  bytes: Map<string, number>;
  ssim: Map<string, number>;
}
const totalOf = (r: Result): number => [...r.bytes.values()].reduce((a, b) => a + b, 0);
const wallOf = (r: Result): number => median(r.walls);
const cpuOf = (r: Result): number => median(r.cpus);
function addTiming(to: Result, from: Result): void {
  to.walls.push(...from.walls);
  to.cpus.push(...from.cpus);
  to.peakRss = Math.max(to.peakRss, from.peakRss);
}

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

async function runVlogLadder(o: {
  input: string;
  plan: LadderPlan;
  probe: ProbeResult;
  preset: string;
  crf: number;
  /** Also measure bytes and SSIM (deterministic, so only needed once per setting). */
  measure: boolean;
}): Promise<Result> {
  const { input, plan, probe, preset, crf } = o;
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
      walls: [m.wallS],
      cpus: [m.cpuS],
      peakRss: m.memory.peakTreeRssBytes,
      bytes: new Map(),
      ssim: new Map(),
    };
    if (o.measure) await measureOutputs(r, outDir, input);
    return r;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function runReference(input: string, script: string, measure: boolean): Promise<Result> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'vlog-bench-tuning-base-'));
  try {
    const m = await runBaseline({ script, input, format, workDir: work });
    const r: Result = {
      label: 'baseline: medium crf 23, one ffmpeg per rendition',
      preset: 'medium',
      crf: 23,
      walls: [m.wallS],
      cpus: [m.cpuS],
      peakRss: m.memory.peakTreeRssBytes,
      bytes: new Map(),
      ssim: new Map(),
    };
    if (measure) await measureOutputs(r, m.outDir, input);
    return r;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function qualifies(r: Result, ref: Result): boolean {
  const ssimOk = [...ref.ssim].every(([q, s]) => (r.ssim.get(q) ?? 0) >= s - SSIM_TOLERANCE);
  return ssimOk && totalOf(r) <= BYTES_LIMIT * totalOf(ref);
}

/** Lowest (SSIM − baseline SSIM) over the renditions: the quality criterion's margin. */
const worstSsimDelta = (r: Result, ref: Result): number =>
  Math.min(...[...ref.ssim].map(([q, s]) => (r.ssim.get(q) ?? NaN) - s));

function printTable(results: Result[], ref: Result): void {
  const names = [...ref.bytes.keys()];
  const header = ['setting', 'wall s', 'CPU s', 'CPU/base', 'wall/base', 'peak RSS', 'MB', 'bytes/base'];
  for (const n of names) header.push(`SSIM ${n}`);
  header.push('worst ΔSSIM', 'ok');
  const rows = results.map((r) => [
    r.label,
    wallOf(r).toFixed(1),
    cpuOf(r).toFixed(1),
    (cpuOf(r) / cpuOf(ref)).toFixed(2),
    (wallOf(r) / wallOf(ref)).toFixed(2),
    fmtMiB(r.peakRss),
    (totalOf(r) / 1e6).toFixed(2),
    (totalOf(r) / totalOf(ref)).toFixed(3),
    ...names.map((n) => {
      const d = (r.ssim.get(n) ?? NaN) - (ref.ssim.get(n) ?? NaN);
      return r === ref
        ? (r.ssim.get(n) ?? NaN).toFixed(4)
        : `${(r.ssim.get(n) ?? NaN).toFixed(4)} (${d >= 0 ? '+' : ''}${d.toFixed(4)})`;
    }),
    r === ref ? '' : worstSsimDelta(r, ref).toFixed(4),
    r === ref ? 'ref' : qualifies(r, ref) ? 'yes' : 'no',
  ]);
  console.log(table(header, rows));
}

const script = resolveBaselineScript(flags.baseline);
const input = await cutInput(Number(flags.cut));
const probe = await probeMedia(input);
const plan = planLadder(probe, { format, segmentDuration: 6 });
const repeat = Number(flags.repeat);
if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat must be a whole number ≥ 1`);
console.log(
  `# bench/encoder-tuning: ${path.basename(input)} (${probe.width}x${probe.height}, ${probe.duration.toFixed(1)} s), ` +
    `${format}, ladder ${plan.renditions.map((r) => r.name).join('/')}, ${os.cpus().length} CPUs, ` +
    `${repeat} round(s), load avg ${loadAvg()}`,
);

/** Round 1: every setting (pruned), with bytes and SSIM. Later rounds repeat the same settings for timing. */
async function firstRound(ref: Result): Promise<Result[]> {
  const results: Result[] = [];
  for (const preset of presets) {
    for (const crf of crfs) {
      log(`round 1: ${preset} crf ${crf} (load ${loadAvg()})`);
      const r = await runVlogLadder({ input, plan, probe, preset, crf, measure: true });
      results.push(r);
      if (!flags['no-prune'] && totalOf(r) > BYTES_LIMIT * totalOf(ref)) {
        log(`  bytes ${(totalOf(r) / totalOf(ref)).toFixed(3)} × baseline: lower CRFs of ${preset} skipped`);
        break;
      }
    }
  }
  return results;
}

log(`round 1: baseline reference (load ${loadAvg()})`);
const ref = await runReference(input, script, true);
const results = await firstRound(ref);
// Serpentine order: even rounds run the settings backwards, then the baseline, so a load drift over the
// session shifts every setting's median alike. The baseline runs at both ends of every pair of rounds.
const timeBaseline = async (round: number | string): Promise<void> => {
  log(`round ${round}: baseline reference (load ${loadAvg()})`);
  addTiming(ref, await runReference(input, script, false));
};
for (let round = 2; round <= repeat; round++) {
  const even = round % 2 === 0;
  if (!even) await timeBaseline(round);
  for (const r of even ? [...results].reverse() : results) {
    log(`round ${round}: ${r.preset} crf ${r.crf} (load ${loadAvg()})`);
    addTiming(r, await runVlogLadder({ input, plan, probe, preset: r.preset, crf: r.crf, measure: false }));
  }
  if (even) await timeBaseline(round);
}
if (repeat % 2 === 1) await timeBaseline('end');
console.log(
  `\nTimes are medians over ${repeat} round(s) (baseline: ${ref.walls.length} runs); load avg ${loadAvg()}`,
);
printTable([ref, ...results], ref);
const ok = results.filter((r) => qualifies(r, ref));
const byCpu = [...ok].sort((a, b) => cpuOf(a) - cpuOf(b))[0];
const byWall = [...ok].sort((a, b) => wallOf(a) - wallOf(b))[0];
console.log(
  `\nCriteria: SSIM per rendition ≥ baseline − ${SSIM_TOLERANCE}, total bytes ≤ ${BYTES_LIMIT} × baseline ` +
    `(${((BYTES_LIMIT * totalOf(ref)) / 1e6).toFixed(2)} MB).`,
);
if (!byCpu || !byWall) console.log('No setting meets the criteria.');
else {
  console.log(
    `Fastest qualifying by CPU time: ${byCpu.preset} crf ${byCpu.crf} (${cpuOf(byCpu).toFixed(1)} s CPU)`,
  );
  console.log(
    `Fastest qualifying by wall time: ${byWall.preset} crf ${byWall.crf} (${wallOf(byWall).toFixed(1)} s, ` +
      `${(wallOf(byWall) / wallOf(ref)).toFixed(2)} × baseline; target ≤ ${WALL_TARGET})`,
  );
  const close = ok.filter((r) => cpuOf(r) <= cpuOf(byCpu) * 1.05).map((r) => `${r.preset}/${r.crf}`);
  console.log(`Qualifying within 5 % of the fastest CPU time: ${close.join(', ')}`);
}
console.log(`load avg at the end: ${loadAvg()}`);
