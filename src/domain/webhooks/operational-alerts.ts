import { postJson, type PostOutcome } from './webhook-http.js';
import type { Resolver } from './ssrf-guard.js';

/** The alert types of pipeline.md §17; the last three are always sent (never rate-limited). */
export type AlertType =
  'job_stale_recovered' | 'job_failed' | 'job_max_retries_exceeded' | 'worker_startup' | 'worker_shutdown';
const FORCED: ReadonlySet<AlertType> = new Set([
  'job_max_retries_exceeded',
  'worker_startup',
  'worker_shutdown',
]);

export interface AlertOptions {
  /** alerts.webhook_url; empty disables. */
  readonly url: string;
  readonly timeoutSeconds: number;
  readonly rateLimitSeconds: number;
  readonly allowPrivateTargets: boolean;
}

/**
 * Operational alerts (pipeline.md §17) to `alerts.webhook_url`: fire-and-forget POSTs through the same
 * SSRF-guarded sender as webhooks, one per type per `alerts.rate_limit_seconds` except the forced types,
 * with the running metrics in each body. A failure is counted, never thrown.
 */
export function createOperationalAlerts(deps: {
  options: AlertOptions;
  resolve: Resolver;
  now?: () => number;
  onSent?: (outcome: PostOutcome, type: AlertType) => void;
}) {
  const now = deps.now ?? Date.now;
  const lastSent = new Map<AlertType, number>();
  const failingVideos = new Map<number, number>();
  const metrics = {
    stale_jobs_recovered: 0,
    jobs_max_retries_exceeded: 0,
    jobs_failed: 0,
    alerts_sent: 0,
    alerts_rate_limited: 0,
    alerts_failed: 0,
    videos_with_failures: 0,
  };

  /** Sends (or skips) one alert; resolves when it was sent or skipped (callers need not wait). */
  async function send(type: AlertType, details: object): Promise<void> {
    const { url, timeoutSeconds, rateLimitSeconds, allowPrivateTargets } = deps.options;
    if (!url) return;
    const last = lastSent.get(type);
    if (!FORCED.has(type) && last !== undefined && now() - last < rateLimitSeconds * 1000) {
      metrics.alerts_rate_limited++;
      return;
    }
    lastSent.set(type, now());
    const body = JSON.stringify({ event: type, timestamp: new Date(now()).toISOString(), details, metrics });
    const outcome = await postJson({
      url,
      body,
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'VLog-Alerts/1.0' },
      timeoutMs: timeoutSeconds * 1000,
      guard: { resolve: deps.resolve, allowPrivate: allowPrivateTargets },
    });
    if (outcome.ok) metrics.alerts_sent++;
    else metrics.alerts_failed++;
    deps.onSent?.(outcome, type);
  }
  const fire = (type: AlertType, details: object) => void send(type, details).catch(() => undefined);

  return {
    send,
    metrics: () => ({ ...metrics }),
    /** Jobs whose lease ran out went back to the queue (one alert per sweep, not per job). */
    staleRecovered(d: { job_kind: string; jobs_recovered: number }) {
      metrics.stale_jobs_recovered += d.jobs_recovered;
      fire('job_stale_recovered', d);
    },
    /** A failed attempt with retries left: alerted from the video's second failure on. */
    jobFailed(d: {
      video_id: number;
      video_slug: string;
      attempt_number: number;
      error: string;
      will_retry: boolean;
    }) {
      metrics.jobs_failed++;
      const count = (failingVideos.get(d.video_id) ?? 0) + 1;
      failingVideos.set(d.video_id, count);
      metrics.videos_with_failures = failingVideos.size;
      if (count >= 2) fire('job_failed', { ...d, error: d.error.slice(0, 500), video_failure_count: count });
    },
    maxRetriesExceeded(d: {
      video_id: number;
      video_slug: string;
      max_attempts: number;
      last_error: string;
    }) {
      metrics.jobs_max_retries_exceeded++;
      fire('job_max_retries_exceeded', {
        ...d,
        last_error: d.last_error.slice(0, 500),
        total_max_retries_exceeded: metrics.jobs_max_retries_exceeded,
      });
    },
    workerStartup: (d: { worker_id: string; gpu_info: unknown; recovered_jobs: number }) =>
      fire('worker_startup', d),
    workerShutdown: (d: { worker_id: string; jobs_reset: number }) =>
      fire('worker_shutdown', { ...d, final_metrics: { ...metrics } }),
  };
}

export type OperationalAlerts = ReturnType<typeof createOperationalAlerts>;
