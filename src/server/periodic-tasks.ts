import type { RetentionLogger } from '../domain/videos/retention.service.js';
import type { Container } from './container.js';
import type { PeriodicTask } from './schedules.js';
import type { Role } from './serve.js';

/**
 * The periodic tasks of the roles this process serves (one module runs them: schedules.ts).
 * - archive retention purge (pipeline.md §12), by the admin role: shortly after start, then hourly;
 *   a retention period set in the admin applies at the next run (0 = off, nothing is purged);
 * - admin-session purge, by the admin role: at start, then hourly;
 * - webhook delivery purge, by the admin role: delivered and finally failed deliveries older than 30 days
 *   (pipeline.md §16), a minute after start, then every 6 h;
 * - worker sweep (api-worker.md §7), by the worker API: stale workers go offline, overdue commands
 *   fail; the first run waits two minutes so workers can heartbeat again after the API was down;
 * - stale-job recovery, by the worker API, right after each sweep's interval: jobs of every kind whose
 *   lease ran out with their worker silent go back to the queue (claims also recover lazily).
 */
export function periodicTasks(c: Container, roles: readonly Role[], logger: RetentionLogger): PeriodicTask[] {
  const tasks: PeriodicTask[] = [];
  if (roles.includes('admin')) {
    tasks.push({
      name: 'archive retention',
      firstRunMs: 30_000,
      everyMs: () => 3_600_000,
      run: () => c.services.retention.purgeExpired({ logger }),
    });
    tasks.push({
      name: 'admin session purge',
      firstRunMs: 0,
      everyMs: () => 3_600_000,
      run: () => c.services.auth.purgeExpired(),
    });
    tasks.push({
      name: 'webhook delivery purge',
      firstRunMs: 60_000,
      everyMs: () => 6 * 3_600_000,
      run: () => c.services.purgeWebhookDeliveries(),
    });
  }
  if (roles.includes('worker-api')) {
    tasks.push({
      name: 'worker sweep',
      firstRunMs: Math.max(c.live.sweepIntervalMs, 120_000),
      everyMs: () => c.live.sweepIntervalMs,
      run: () => c.services.workerRegistry.sweep(),
    });
    tasks.push({
      name: 'stale job recovery',
      firstRunMs: Math.max(c.live.sweepIntervalMs, 120_000),
      everyMs: () => c.live.sweepIntervalMs,
      run: () => c.services.staleJobs.recoverStaleJobs(),
    });
  }
  return tasks;
}
