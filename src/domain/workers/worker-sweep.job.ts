import type { WorkerRegistryService } from './worker-registry.service.js';

export interface SweepLogger {
  error(obj: object, msg: string): void;
}

/**
 * The worker API's periodic sweep (api-worker.md §7): stale workers go offline, overdue commands
 * fail. The first run waits for the startup grace so workers can heartbeat again after the API
 * was down. Safe with several API replicas: the updates are conditional.
 */
export function createWorkerSweep(deps: {
  registry: WorkerRegistryService;
  intervalMs: number;
  startupGraceMs: number;
  logger: SweepLogger;
}) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;

  const runOnce = () => {
    if (running) return;
    running = deps.registry
      .sweep()
      .catch((err: unknown) => deps.logger.error({ err }, 'worker sweep failed'))
      .finally(() => {
        running = null;
      });
  };

  return {
    start(): void {
      if (timer) return;
      timer = setTimeout(
        function tick() {
          runOnce();
          timer = setTimeout(tick, deps.intervalMs);
          timer.unref();
        },
        Math.max(deps.intervalMs, deps.startupGraceMs),
      );
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
