import type { ProgressReport } from './worker-protocol.js';

/**
 * Forwards progress at most every `intervalMs`, or sooner when it moved by ≥ 1 % (STYLE.md 14),
 * one send at a time; the newest report wins while a send is in flight.
 */
export function createProgressThrottle<R = ProgressReport>(
  intervalMs: number,
  send: (r: R) => Promise<void>,
  onError: (err: unknown) => void,
) {
  let lastSentAt = 0;
  let lastPercent = -Infinity;
  let latest: R | null = null;
  let inFlight: Promise<void> | null = null;
  let error: unknown = null;

  function sendLatest(): void {
    if (!latest || inFlight) return;
    const report = latest;
    latest = null;
    lastSentAt = Date.now();
    inFlight = send(report)
      .catch((err: unknown) => {
        error = err;
        onError(err);
      })
      .finally(() => {
        inFlight = null;
      });
  }

  return {
    push(percent: number, report: R): void {
      if (error) return;
      latest = report;
      if (percent - lastPercent >= 1 || Date.now() - lastSentAt >= intervalMs) {
        lastPercent = percent;
        sendLatest();
      }
    },
    async flush(): Promise<void> {
      await inFlight;
      sendLatest();
      await inFlight;
      if (error) throw error;
    },
  };
}
