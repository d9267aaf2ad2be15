import path from 'node:path';
import { runTranscodeJob, type TranscodeSettings } from './transcode.job.js';
import type { WorkerProtocol } from './worker-protocol.js';

export interface WorkerLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * The worker loop: claim a job, run it, repeat; sleep until woken (new upload) or the poll
 * interval passes. stop() aborts the running job, which releases it, and resolves once idle.
 */
export function createWorkerLoop(deps: {
  protocol: WorkerProtocol;
  settings: TranscodeSettings;
  workDir: string;
  pollIntervalMs: number;
  logger: WorkerLogger;
  /** Subscribe to "work was queued"; returns an unsubscribe function. */
  onWake?: (wake: () => void) => () => void;
}) {
  const { protocol, logger } = deps;
  let stopping = false;
  let current: AbortController | null = null;
  let wakeUp: (() => void) | null = null;
  let loop: Promise<void> | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });

  async function runOnce(): Promise<boolean> {
    const work = await protocol.claim();
    if (!work) return false;
    current = new AbortController();
    logger.info({ jobId: work.jobId, videoId: work.videoId, slug: work.slug }, 'transcode job claimed');
    const started = Date.now();
    const outcome = await runTranscodeJob({
      work,
      protocol,
      settings: deps.settings,
      scratchDir: path.join(deps.workDir, `job-${work.jobId}`),
      signal: current.signal,
    });
    current = null;
    logger.info(
      { jobId: work.jobId, outcome, seconds: (Date.now() - started) / 1000 },
      'transcode job finished',
    );
    return true;
  }

  async function run(): Promise<void> {
    const unsubscribe = deps.onWake?.(() => wakeUp?.()) ?? (() => undefined);
    try {
      while (!stopping) {
        let worked = false;
        try {
          worked = await runOnce();
        } catch (err) {
          logger.error({ err }, 'worker loop error');
        }
        if (!worked && !stopping) await sleep(deps.pollIntervalMs);
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
      wakeUp?.();
    },
    async stop(): Promise<void> {
      stopping = true;
      current?.abort();
      wakeUp?.();
      await loop;
    },
  };
}

export type WorkerLoop = ReturnType<typeof createWorkerLoop>;
