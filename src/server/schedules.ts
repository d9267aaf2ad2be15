/**
 * The server's periodic tasks, in one place: archive retention, the worker sweep, the admin-session
 * purge and stale-job recovery (serve.ts lists which run for which roles). Each task:
 * - first runs after `firstRunMs`, then every `everyMs()` — read again before each wait, so a setting
 *   changed at run time applies from the next run;
 * - never overlaps itself; a failure is logged and the next run happens as planned;
 * - stops with `stop()`, which cancels the timers and waits for the runs in progress (so the database
 *   can close behind them).
 * Timers are unref'd: a schedule never keeps the process alive on its own.
 */

export interface ScheduleLogger {
  error(obj: object, msg: string): void;
}

export interface PeriodicTask {
  /** Names the task in logs ("<name> failed"). */
  name: string;
  /** Delay before the first run. */
  firstRunMs: number;
  /** Delay between runs, asked for before each wait. */
  everyMs: () => number;
  run: () => Promise<unknown>;
}

export interface Schedules {
  /** Runs a task now unless it is running already; resolves when that run ends. */
  runNow(name: string): Promise<void>;
  stop(): Promise<void>;
}

export function startSchedules(tasks: readonly PeriodicTask[], logger: ScheduleLogger): Schedules {
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<void>>();
  let stopped = false;

  const runOnce = (task: PeriodicTask): Promise<void> => {
    const current = running.get(task.name);
    if (current) return current;
    const run = Promise.resolve()
      .then(task.run)
      .then(
        () => undefined,
        (err: unknown) => logger.error({ err, task: task.name }, `${task.name} failed`),
      )
      .finally(() => running.delete(task.name));
    running.set(task.name, run);
    return run;
  };

  const plan = (task: PeriodicTask, delayMs: number): void => {
    if (stopped) return;
    const timer = setTimeout(
      () => {
        void runOnce(task).then(() => plan(task, Math.max(1, task.everyMs())));
      },
      Math.max(0, delayMs),
    );
    timer.unref();
    timers.set(task.name, timer);
  };

  const byName = new Map(tasks.map((t) => [t.name, t]));
  if (byName.size !== tasks.length) throw new Error('Periodic task names must be unique');
  for (const task of tasks) plan(task, task.firstRunMs);

  return {
    async runNow(name) {
      const task = byName.get(name);
      if (!task) throw new Error(`No periodic task named ${name}`);
      await runOnce(task);
    },
    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.all(running.values());
    },
  };
}
