import type { ReencodeJob } from '../contracts/reencode-job.js';
import type { SpriteJob } from '../contracts/sprite-job.js';
import type { TranscriptionJob } from '../contracts/transcription-job.js';
import { isRefusal } from './worker-errors.js';
import type { ClaimedWork } from './worker-protocol.js';

/**
 * The typed registry of job kinds a worker runs: each kind's claimed work, and one runner per kind (its
 * own file). `JobRunners` must name every kind with a runner of that kind's work, so a kind without a
 * runner (or with another kind's) is a compile error.
 */
export interface JobWork {
  transcode: ClaimedWork;
  reencode: ReencodeJob;
  sprite: SpriteJob;
  transcription: TranscriptionJob;
}
export type JobKind = keyof JobWork;

/** The order in which an idle worker looks for work. */
export const JOB_KIND_PRIORITY: readonly JobKind[] = ['transcode', 'reencode', 'sprite', 'transcription'];

/**
 * Abort reason of a worker stopping as if it crashed (tests, see WorkerLoop.abandon): the runner stops
 * at once but does NOT give the job back, so its claim stays until the lease expires or it is reclaimed.
 */
export const ABANDON = 'abandon';

/**
 * Whether a call was refused because the job is no longer this worker's: 409 (its claim expired, or the
 * video was deleted and the job cancelled) or 403 (another worker holds it). The runner then stops and
 * drops the job without reporting on it.
 */
export function isJobGone(err: unknown): boolean {
  return isRefusal(err, 'conflict', 'forbidden');
}

/** After a refused call, whether fail was refused too: then the job is gone (also 404: deleted for good). */
function isFailRefused(err: unknown): boolean {
  return isRefusal(err, 'conflict', 'forbidden', 'not_found');
}

/**
 * Reports a job's failure with `fail`; 'released' instead when the report is refused because the job is no
 * longer this worker's (isFailRefused), so the runner drops it without a word.
 */
export async function failOrRelease<T>(fail: () => Promise<T>): Promise<T | 'released'> {
  try {
    return await fail();
  } catch (failErr) {
    if (isFailRefused(failErr)) return 'released';
    throw failErr;
  }
}

export interface JobContext {
  /** Aborted on shutdown (give the job back) or with reason ABANDON (keep the claim). */
  signal: AbortSignal;
  /** A scratch directory for this job, removed by the runner when done. */
  scratchDir: string;
}

export interface JobRunner<W> {
  /** Claims one job of this kind, or returns null when there is none. */
  claim(): Promise<W | null>;
  /** Runs a claimed job to its end; on abort it gives the job back (release or checkpoint). */
  run(work: W, ctx: JobContext): Promise<string>;
  /** Log fields and a scratch-directory name for the job. */
  describe(work: W): { key: string; fields: object };
}

export type JobRunners = { [K in JobKind]: JobRunner<JobWork[K]> };

/** A runner that never finds work (a kind switched off, e.g. VLOG_SPRITE_SHEET_ENABLED=false). */
export function disabledRunner<W>(kind: JobKind): JobRunner<W> {
  return {
    claim: () => Promise.resolve(null),
    run: () => Promise.resolve('disabled'),
    describe: () => ({ key: kind, fields: { kind } }),
  };
}
