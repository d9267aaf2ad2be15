import { JOB_KIND_NAMES, type JobKind, type PerJobKind } from './job-kinds.js';

/** Recovers one kind's abandoned jobs; resolves to how many it changed. */
export type StaleRecoverer = () => Promise<number>;

/**
 * The one entry point of periodic stale-job recovery over every kind (the server's schedules call
 * `recoverStaleJobs()`; claims still recover lazily on their own). A kind without a recoverer does not
 * compile. One kind failing does not stop the others; the first error is thrown after all ran.
 */
export function createStaleJobRecovery(recoverers: PerJobKind<StaleRecoverer>) {
  return {
    async recoverStaleJobs(): Promise<Record<JobKind, number>> {
      const counts = {} as Record<JobKind, number>;
      let failure: unknown = null;
      for (const kind of JOB_KIND_NAMES) {
        try {
          counts[kind] = await recoverers[kind]();
        } catch (err) {
          counts[kind] = 0;
          failure ??= err;
        }
      }
      if (failure !== null) throw failure;
      return counts;
    },
  };
}

export type StaleJobRecovery = ReturnType<typeof createStaleJobRecovery>;
