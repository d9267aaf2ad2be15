import type { Kysely } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { JobEvents } from '../domain/queue/job-events.js';
import type { SettingsService } from '../domain/settings/settings.service.js';
import { CircuitBreaker } from '../domain/webhooks/circuit-breaker.js';
import { createOperationalAlerts } from '../domain/webhooks/operational-alerts.js';
import { systemResolver, type Resolver } from '../domain/webhooks/ssrf-guard.js';
import { createWebhookAdminService } from '../domain/webhooks/webhook-admin.service.js';
import { createWebhookDeliveryRepository } from '../domain/webhooks/webhook-delivery.repository.js';
import { createWebhookDeliveryService } from '../domain/webhooks/webhook-delivery.service.js';
import { createWebhookRunner } from '../domain/webhooks/webhook-runner.js';
import { createWebhookTrigger } from '../domain/webhooks/webhook-trigger.js';
import { createWebhookRepository } from '../domain/webhooks/webhook.repository.js';
import { createVideoFactsRepository } from '../domain/webhooks/video-facts.repository.js';
import { createVideoWebhooks, type VideoWebhooks } from '../domain/webhooks/video-webhooks.js';
import type { StagedUpload, UploadFields, UploadService } from '../domain/videos/upload.service.js';
import type { FailedAttempt } from '../domain/transcode/job.service.js';
import type { WorkerEvents } from '../domain/workers/worker-events.js';

/** Delivered and finally failed deliveries are kept this long (pipeline.md §16). */
export const DELIVERY_RETENTION_DAYS = 30;

/**
 * Webhooks (pipeline.md §16) and operational alerts (§17): the trigger every event calls, the admin
 * service, the delivery runner (started by `vlog serve` for the admin role) and the alerts sender. Every
 * option is read from the settings at each use. Queueing a delivery signals the job system's "work
 * queued" event, which wakes the runner here and, relayed on PostgreSQL, in the other server processes.
 */
export function webhookServices(deps: {
  db: Kysely<Database>;
  settings: SettingsService;
  events: JobEvents;
  resolve?: Resolver;
}) {
  const { settings, events } = deps;
  const resolve = deps.resolve ?? systemResolver;
  const webhooks = createWebhookRepository(deps.db);
  const deliveries = createWebhookDeliveryRepository(deps.db, webhooks);
  const breaker = new CircuitBreaker();
  const options = {
    get maxRetries() {
      return settings.get('webhooks.max_retries');
    },
    get retryBaseDelaySeconds() {
      return settings.get('webhooks.retry_base_delay');
    },
    get retryBackoffMultiplier() {
      return settings.get('webhooks.retry_backoff_multiplier');
    },
    get requestTimeoutSeconds() {
      return settings.get('webhooks.request_timeout');
    },
    get allowPrivateTargets() {
      return settings.get('webhooks.allow_private_targets');
    },
    get deliveryBatchSize() {
      return settings.get('webhooks.delivery_batch_size');
    },
    get maxConcurrentDeliveries() {
      return settings.get('webhooks.max_concurrent_deliveries');
    },
    /** A send ends by its timeout; past it and a margin its sender is gone. */
    get leaseSeconds() {
      return settings.get('webhooks.request_timeout') + 5;
    },
  };
  const queued = () => events.queued();
  const runner = createWebhookRunner({
    deliveries,
    service: createWebhookDeliveryService({ deliveries, breaker, resolve, options }),
    onQueued: (listener) => events.onQueued(() => listener()),
    options,
    log: (err, message) => console.error(message, err),
  });
  const trigger = createWebhookTrigger({
    webhooks,
    breaker,
    enabled: () => settings.get('webhooks.enabled'),
    onQueued: queued,
  });
  const facts = createVideoFactsRepository(deps.db);
  const videoWebhooks = createVideoWebhooks({
    trigger,
    facts,
    log: (err, message) => console.error(message, err),
  });
  const alerts = createOperationalAlerts({
    resolve,
    options: {
      get url() {
        return settings.get('alerts.webhook_url');
      },
      get timeoutSeconds() {
        return settings.get('alerts.webhook_timeout');
      },
      get rateLimitSeconds() {
        return settings.get('alerts.rate_limit_seconds');
      },
      get allowPrivateTargets() {
        return settings.get('webhooks.allow_private_targets');
      },
    },
  });
  return {
    webhooks: trigger,
    videoWebhooks,
    /** Worker lifecycle events queue webhook deliveries (none while webhooks.enabled is off). */
    triggerOnWorkerEvents(workerEvents: WorkerEvents): void {
      for (const name of ['worker.offline', 'worker.registered'] as const)
        workerEvents.on(name, (event) => {
          trigger
            .trigger(name, event)
            .catch((err: unknown) => console.error(`webhook ${name} not queued`, err));
        });
    },
    /** A kind's stale-job recovery that alerts (§17 job_stale_recovered) when it recovered some. */
    alertingRecovery: (kind: string, recover: () => Promise<number>) => async (): Promise<number> => {
      const recovered = await recover();
      if (recovered > 0) alerts.staleRecovered({ job_kind: kind, jobs_recovered: recovered });
      return recovered;
    },
    /** A failed transcode attempt: video.failed when it was the last, and the alert of §17. */
    async transcodeFailed(f: FailedAttempt): Promise<void> {
      if (!f.willRetry) await videoWebhooks.failed(f);
      const slug = (await facts.find(f.videoId).catch(() => null))?.slug ?? '';
      if (f.willRetry)
        alerts.jobFailed({
          video_id: f.videoId,
          video_slug: slug,
          attempt_number: f.attemptNumber,
          error: f.error,
          will_retry: true,
        });
      else
        alerts.maxRetriesExceeded({
          video_id: f.videoId,
          video_slug: slug,
          max_attempts: f.maxAttempts,
          last_error: f.error,
        });
    },
    webhookAdmin: createWebhookAdminService({ webhooks, deliveries, resolve, options, onQueued: queued }),
    webhookRunner: runner,
    /** The periodic clean-up: old finished deliveries go. */
    purgeWebhookDeliveries: () => deliveries.purgeFinished(DELIVERY_RETENTION_DAYS),
    alerts,
  };
}

interface ArchivingService {
  archive(id: number): Promise<void>;
  restore(id: number): Promise<void>;
  deletePermanently(id: number): Promise<void>;
}

/**
 * The video service with its webhook events: video.deleted (soft, `permanent: false`; a permanent delete
 * says `true`) and video.restored, each after the operation committed. Bulk restores use the plain
 * service: the spec triggers video.restored for a single restore only.
 */
export function withVideoWebhooks<S extends ArchivingService>(service: S, hooks: VideoWebhooks): S {
  return {
    ...service,
    async archive(id: number) {
      const sent = await hooks.deleting(id, false);
      await service.archive(id);
      await sent();
    },
    async deletePermanently(id: number) {
      const sent = await hooks.deleting(id, true);
      await service.deletePermanently(id);
      await sent();
    },
    async restore(id: number) {
      await service.restore(id);
      await hooks.restored(id);
    },
  };
}

/** The upload service with video.uploaded once the upload's video and job are committed. */
export function withUploadWebhook<S extends Pick<UploadService, 'createVideo'>>(
  service: S,
  hooks: VideoWebhooks,
): S {
  return {
    ...service,
    async createVideo(staged: StagedUpload, fields: UploadFields) {
      const video = await service.createVideo(staged, fields);
      await hooks.uploaded(video, staged.filename);
      return video;
    },
  };
}
