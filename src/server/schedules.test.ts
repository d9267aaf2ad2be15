import { describe, expect, it } from 'vitest';
import { startSchedules, type PeriodicTask } from './schedules.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function countingTask(name: string, over: Partial<PeriodicTask> & { workMs?: number } = {}) {
  const stats = { runs: 0, active: 0, maxActive: 0 };
  const task: PeriodicTask = {
    name,
    firstRunMs: 0,
    everyMs: () => 10,
    run: async () => {
      stats.runs++;
      stats.active++;
      stats.maxActive = Math.max(stats.maxActive, stats.active);
      await sleep(over.workMs ?? 15);
      stats.active--;
    },
    ...over,
  };
  return { task, stats };
}

describe('periodic tasks', () => {
  it('waits for the first delay, then runs every interval and never overlaps; stop waits for a run', async () => {
    const { task, stats } = countingTask('sweep', { firstRunMs: 40 });
    const schedules = startSchedules([task], { error: () => undefined });
    await sleep(25);
    expect(stats.runs).toBe(0);
    await sleep(200);
    const overlapping = schedules.runNow('sweep'); // joins the run in progress or starts one
    await schedules.stop();
    await overlapping;
    expect(stats.runs).toBeGreaterThanOrEqual(3);
    expect(stats.maxActive).toBe(1);
    expect(stats.active).toBe(0);
    const after = stats.runs;
    await sleep(50);
    expect(stats.runs).toBe(after);
  });

  it('reads the interval before each wait (a changed setting applies from the next run)', async () => {
    let every = 5;
    const { task, stats } = countingTask('retention', { everyMs: () => every, workMs: 1 });
    const schedules = startSchedules([task], { error: () => undefined });
    await sleep(60);
    expect(stats.runs).toBeGreaterThan(3);
    every = 1000; // the run after the current wait is the last one for a second
    await sleep(30);
    const settled = stats.runs;
    await sleep(80);
    expect(stats.runs).toBe(settled);
    await schedules.stop();
  });

  it('logs a failed run under the task name and keeps going; other tasks are not affected', async () => {
    const errors: string[] = [];
    let failing = 0;
    const broken: PeriodicTask = {
      name: 'session purge',
      firstRunMs: 0,
      everyMs: () => 5,
      run: () => {
        failing++;
        return Promise.reject(new Error('db down'));
      },
    };
    const { task, stats } = countingTask('sweep', { workMs: 1 });
    const schedules = startSchedules([broken, task], { error: (_o, m) => errors.push(m) });
    await sleep(150);
    await schedules.stop();
    expect(failing).toBeGreaterThanOrEqual(2);
    expect(stats.runs).toBeGreaterThanOrEqual(2);
    expect(errors[0]).toBe('session purge failed');
  });

  it('refuses duplicate names and unknown tasks', async () => {
    const { task } = countingTask('a');
    expect(() => startSchedules([task, task], { error: () => undefined })).toThrow(/unique/);
    const schedules = startSchedules([], { error: () => undefined });
    await expect(schedules.runNow('nope')).rejects.toThrow(/No periodic task/);
    await schedules.stop();
  });
});
