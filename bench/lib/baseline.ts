/**
 * Runs the reference pipeline (`vlog_baseline.sh INPUT OUTDIR FORMAT`) and measures it the same way as
 * VLog: wall time, CPU of the whole process tree, peak tree RSS.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Format } from './media-metrics.js';
import { logTail, runMeasured, type MeasuredRun } from './measured-run.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** `../shared/bench/vlog_baseline.sh` beside the repo, or VLOG_BASELINE_SCRIPT / --baseline. */
export function resolveBaselineScript(flag: string | undefined): string {
  const script = path.resolve(
    flag ?? process.env.VLOG_BASELINE_SCRIPT ?? path.join(ROOT, '../shared/bench/vlog_baseline.sh'),
  );
  if (!existsSync(script))
    throw new Error(`baseline script not found: ${script} (set --baseline or VLOG_BASELINE_SCRIPT)`);
  return script;
}

export interface BaselineRun extends MeasuredRun {
  outDir: string;
}

export async function runBaseline(opts: {
  script: string;
  input: string;
  format: Format;
  workDir: string;
}): Promise<BaselineRun> {
  const outDir = path.join(opts.workDir, 'out');
  const logFile = path.join(opts.workDir, 'baseline.log');
  const r = await runMeasured('bash', [opts.script, opts.input, outDir, opts.format], logFile);
  if (r.code !== 0) throw new Error(`vlog_baseline.sh exited with ${r.code}:\n${await logTail(logFile)}`);
  return { ...r, outDir };
}
