import type { StaleRule } from './job-queue.repository.js';

/** The lease options every worker-facing job service takes (sprite, re-encode, and the next kinds). */
export interface LeaseOptions {
  /** A running job this old is abandoned, heartbeat or not (the kind's longest run). */
  staleAfterSeconds: number;
  /** The claim's lease: a job whose worker has not heartbeat for this long is abandoned. */
  leaseSeconds?: number;
  /** Longest wait between two sweeps made by claims. */
  recoveryIntervalSeconds: number;
}

/** The kind's options as the queue's StaleRule. */
export function staleRule(o: LeaseOptions, maxAttempts?: number): StaleRule {
  const lease = Math.min(o.leaseSeconds ?? o.staleAfterSeconds, o.staleAfterSeconds);
  return { leaseSeconds: lease, maxRunSeconds: o.staleAfterSeconds, maxAttempts };
}

/** Claims sweep at most this often; with a short lease, often enough that a crash costs about one lease. */
export function recoveryIntervalMs(o: LeaseOptions): number {
  return Math.min(o.recoveryIntervalSeconds, staleRule(o).leaseSeconds / 2) * 1000;
}

/**
 * Whether a failed attempt goes back to the queue, and after how long: only a retryable error with
 * attempts left; the wait doubles with each attempt.
 */
export function retryDecision(a: {
  attempt: number;
  maxAttempts: number;
  retryable: boolean;
  backoffBaseSeconds: number;
}): { willRetry: boolean; backoffSeconds: number } {
  return {
    willRetry: a.retryable && a.attempt < a.maxAttempts,
    backoffSeconds: a.backoffBaseSeconds * 2 ** (a.attempt - 1),
  };
}

/**
 * A kind's stale recovery as its job service runs it: `recoverStale()` now (the periodic sweep), and
 * `recoverIfDue()` from claims, at most every recoveryIntervalMs. `onRecovered` (waking workers) runs
 * when some job went back to the queue.
 */
export function lazyRecovery(deps: {
  options: LeaseOptions;
  maxAttempts?: number;
  recover: (rule: StaleRule) => Promise<number>;
  onRecovered: () => void;
}) {
  let last = 0;
  async function recoverStale(): Promise<number> {
    last = Date.now();
    const n = await deps.recover(staleRule(deps.options, deps.maxAttempts));
    if (n > 0) deps.onRecovered();
    return n;
  }
  return {
    recoverStale,
    async recoverIfDue(): Promise<void> {
      if (Date.now() - last >= recoveryIntervalMs(deps.options)) await recoverStale();
    },
  };
}
