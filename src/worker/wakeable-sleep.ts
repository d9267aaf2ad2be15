/**
 * A sleep another part of the worker can cut short: `sleep(ms)` resolves after `ms` or at the next
 * `wake()`, whichever comes first; `wake()` with nobody asleep does nothing.
 */
export function createWakeableSleep() {
  let wakeUp: (() => void) | null = null;
  return {
    sleep(ms: number): Promise<void> {
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wakeUp = null;
          resolve();
        }
        wakeUp = done;
      });
    },
    wake(): void {
      wakeUp?.();
    },
  };
}
