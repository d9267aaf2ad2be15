import path from 'node:path';
import {
  ABANDON,
  JOB_KIND_PRIORITY,
  type JobKind,
  type JobRunner,
  type JobRunners,
  type JobWork,
} from './job-runners.js';
import { createWakeableSleep } from './wakeable-sleep.js';

export interface WorkerLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * The worker loop: look for work of each kind in priority order, run it, repeat; when there is none,
 * wait until woken (new work queued: over IPC, or the server's long poll) or the poll interval passes.
 * stop() aborts the running job (its runner gives the job back) and resolves once the loop is idle.
 */
export function createWorkerLoop(deps: {
  runners: JobRunners;
  workDir: string;
  pollIntervalMs: number;
  logger: WorkerLogger;
  /** Subscribe to "work was queued"; returns an unsubscribe function. */
  onWake?: (wake: () => void) => () => void;
  /**
   * Resolves when work may have been queued (the worker API's long poll, held up to `timeoutMs`); a
   * rejection (an older server, the server away) falls back to sleeping the poll interval.
   */
  waitForWork?: (timeoutMs: number, signal: AbortSignal) => Promise<void>;
}) {
  const { runners, logger } = deps;
  let stopping = false;
  let current: AbortController | null = null;
  const napping = createWakeableSleep();
  let loop: Promise<void> | null = null;

  const sleep = (ms: number) => napping.sleep(ms);

  /** Waits for work: the long poll when there is one (cut short by wake/stop), else the poll interval. */
  async function idle(): Promise<void> {
    const waitForWork = deps.waitForWork;
    if (!waitForWork) return sleep(deps.pollIntervalMs);
    const cancel = new AbortController();
    const asleep = sleep(deps.pollIntervalMs + 5_000); // wake()/stop() end it; a hung long poll too
    const waited = waitForWork(deps.pollIntervalMs, cancel.signal).then(
      () => true,
      () => false,
    );
    const answered = await Promise.race([waited, asleep.then(() => null)]);
    cancel.abort();
    napping.wake();
    // The server could not be asked (or it failed at once): poll as before.
    if (answered === false && !stopping) await sleep(deps.pollIntervalMs);
  }

  /** Claims and runs one job of `kind`; false when it had none. */
  async function runKind<K extends JobKind>(kind: K): Promise<boolean> {
    const runner: JobRunner<JobWork[K]> = runners[kind];
    const work = await runner.claim();
    if (work === null) return false;
    const { key, fields } = runner.describe(work);
    current = new AbortController();
    logger.info(fields, `${kind} job claimed`);
    const started = Date.now();
    try {
      const outcome = await runner.run(work, {
        signal: current.signal,
        scratchDir: path.join(deps.workDir, key),
      });
      logger.info({ ...fields, outcome, seconds: (Date.now() - started) / 1000 }, `${kind} job finished`);
    } finally {
      current = null;
    }
    return true;
  }

  /** Runs at most one job, looking at the kinds in priority order; false when no kind had work. */
  async function runOnce(): Promise<boolean> {
    for (const kind of JOB_KIND_PRIORITY) {
      if (stopping) return false;
      if (await runKind(kind)) return true;
    }
    return false;
  }

  async function run(): Promise<void> {
    const unsubscribe = deps.onWake?.(() => napping.wake()) ?? (() => undefined);
    try {
      while (!stopping) {
        let worked = false;
        try {
          worked = await runOnce();
        } catch (err) {
          logger.error({ err }, 'worker loop error');
        }
        if (!worked && !stopping) await idle();
      }
    } finally {
      unsubscribe();
    }
  }

  return {
    start(): void {
      loop ??= run();
    },
    /** Wakes the loop now (e.g. right after an upload in this process). */
    wake(): void {
      napping.wake();
    },
    async stop(): Promise<void> {
      stopping = true;
      current?.abort();
      napping.wake();
      await loop;
    },
    /**
     * Stops like a crash: the running job is aborted but keeps its claim (ABANDON), so it is resumed by
     * whoever claims it next: this worker id at once (reclaim on start), any other after the lease.
     */
    async abandon(): Promise<void> {
      stopping = true;
      current?.abort(ABANDON);
      napping.wake();
      await loop;
    },
  };
}

export type WorkerLoop = ReturnType<typeof createWorkerLoop>;
