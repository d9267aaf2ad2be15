import { describe, expect, it } from 'vitest';
import type { WorkerRegistryService } from './worker-registry.service.js';
import { createWorkerSweep } from './worker-sweep.job.js';

describe('worker sweep timer', () => {
  it('waits for the startup grace, then runs every interval and never overlaps; stop waits for a run', async () => {
    let runs = 0;
    let active = 0;
    let maxActive = 0;
    const registry = {
      sweep: async () => {
        runs++;
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 15));
        active--;
        return { offline: [], expiredCommands: 0 };
      },
    } as unknown as WorkerRegistryService;
    const sweep = createWorkerSweep({
      registry,
      intervalMs: 10,
      startupGraceMs: 40,
      logger: { error: () => undefined },
    });
    sweep.start();
    await new Promise((r) => setTimeout(r, 25));
    expect(runs).toBe(0); // still in the grace period
    await new Promise((r) => setTimeout(r, 200));
    await sweep.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(maxActive).toBe(1);
    const after = runs;
    await new Promise((r) => setTimeout(r, 40));
    expect(runs).toBe(after);
  });

  it('logs a failed run and keeps going', async () => {
    const errors: string[] = [];
    let runs = 0;
    const registry = {
      sweep: () => {
        runs++;
        return Promise.reject(new Error('db down'));
      },
    } as unknown as WorkerRegistryService;
    const sweep = createWorkerSweep({
      registry,
      intervalMs: 5,
      startupGraceMs: 0,
      logger: { error: (_o, m) => errors.push(m) },
    });
    sweep.start();
    await new Promise((r) => setTimeout(r, 150));
    await sweep.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(errors[0]).toBe('worker sweep failed');
  });
});
