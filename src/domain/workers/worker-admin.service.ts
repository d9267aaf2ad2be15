import type { Kysely } from 'kysely';
import type { Database, QualityProgress, Worker } from '../../db/database.types.js';
import { badRequest, notFound } from '../shared/errors.js';
import type { WorkerAuthService } from './worker-auth.service.js';
import {
  capabilitiesOf,
  codeVersionOf,
  effectiveStatus,
  hardwareOf,
  iso,
  parseJsonObject,
  reportedStatus,
  type EffectiveStatus,
} from './worker.mapper.js';
import type { WorkerRepository } from './worker.repository.js';
import type { CurrentJob, JobStats, WorkerViewRepository, WorkerWithAge } from './worker-view.repository.js';

const RECENT_JOBS = 20;

/** What the list and the detail both say of a worker: who it is and its effective status. */
function workerIdentity(w: WorkerWithAge, hasJob: boolean, threshold: number) {
  return {
    id: w.id,
    worker_id: w.worker_id,
    worker_name: w.worker_name,
    worker_type: w.worker_type,
    status: effectiveStatus({
      status: w.status,
      heartbeatAgeSeconds: w.heartbeat_age,
      offlineThresholdSeconds: threshold,
      hasJob,
    }),
    registered_at: iso(w.registered_at),
    last_heartbeat: iso(w.last_heartbeat),
  };
}

function toAdminWorker(
  w: WorkerWithAge,
  job: CurrentJob | undefined,
  stats: JobStats | undefined,
  threshold: number,
) {
  const metadata = parseJsonObject(w.metadata) ?? {};
  return {
    ...workerIdentity(w, job !== undefined, threshold),
    seconds_since_heartbeat: w.heartbeat_age === null ? null : Math.max(0, Math.round(w.heartbeat_age)),
    current_job_id: job?.job_id ?? null,
    current_video_slug: job?.video_slug ?? null,
    current_video_title: job?.video_title ?? null,
    current_step: job?.current_step ?? null,
    current_progress: job?.progress_percent ?? null,
    ...hardwareOf(w),
    code_version: codeVersionOf(w),
    deployment_type: typeof metadata.deployment_type === 'string' ? metadata.deployment_type : null,
    jobs_completed: stats?.completed ?? 0,
    jobs_failed: stats?.failed ?? 0,
    last_job_completed_at: iso(stats?.last_completed_at),
  };
}

const seconds = (from: Date | null, to: Date | null) =>
  from && to ? Math.max(0, (new Date(to).getTime() - new Date(from).getTime()) / 1000) : null;

/**
 * Worker management shared by the admin API (api-admin.md §11) and the worker API's
 * admin-secret endpoints (api-worker.md §6): listings, detail, disable/enable/delete/revoke.
 */
export function createWorkerAdminService(deps: {
  db: Kysely<Database>;
  workers: WorkerRepository;
  views: WorkerViewRepository;
  /** The per-rendition progress rows of transcode jobs (the job repository's). */
  qualityProgress: (jobIds: number[]) => Promise<QualityProgress[]>;
  auth: WorkerAuthService;
  /** Gives a claimed job back to the queue (the job service's release). */
  releaseJob: (input: { jobId: number; workerId: string }) => Promise<void>;
  /** Read at each use: a setting (workers.offline_threshold_minutes) that may change while we run. */
  options: { offlineThresholdSeconds: number };
}) {
  const { db, workers, views, auth } = deps;

  async function find(workerId: string): Promise<Worker> {
    const worker = await workers.findByUuid(db, workerId);
    if (!worker) throw notFound('Worker not found');
    return worker;
  }

  async function releaseJobs(worker: Worker): Promise<void> {
    for (const jobId of await workers.unfinishedJobIds(db, worker.worker_id))
      await deps.releaseJob({ jobId, workerId: worker.worker_id });
  }

  return {
    async listAdmin() {
      const rows = await views.workers();
      const jobs = await views.currentJobs(rows);
      const stats = await views.jobStats(rows.map((w) => w.worker_id));
      const list = rows.map((w) =>
        toAdminWorker(w, jobs.get(w.worker_id), stats.get(w.worker_id), deps.options.offlineThresholdSeconds),
      );
      const count = (s: EffectiveStatus) => list.filter((w) => w.status === s).length;
      return {
        workers: list,
        total_count: list.length,
        active_count: count('active'),
        idle_count: count('idle'),
        offline_count: count('offline'),
        disabled_count: count('disabled'),
      };
    },

    /** The worker API's management listing (what `vlog worker list|status` prints). */
    async listForWorkerApi() {
      const rows = await views.workers();
      const jobs = await views.currentJobs(rows);
      const list = rows.map((w) => ({
        id: w.id,
        worker_id: w.worker_id,
        worker_name: w.worker_name,
        worker_type: w.worker_type,
        status: reportedStatus(w.status, w.heartbeat_age, deps.options.offlineThresholdSeconds),
        registered_at: iso(w.registered_at),
        last_heartbeat: iso(w.last_heartbeat),
        current_job_id: jobs.get(w.worker_id)?.job_id ?? null,
        current_video_slug: jobs.get(w.worker_id)?.video_slug ?? null,
        capabilities: capabilitiesOf(w),
        metadata: parseJsonObject(w.metadata),
      }));
      const offline = list.filter((w) => w.status === 'offline').length;
      const disabled = list.filter((w) => w.status === 'disabled').length;
      return {
        workers: list,
        total_count: list.length,
        active_count: list.length - offline - disabled,
        offline_count: offline,
        disabled_count: disabled,
      };
    },

    async detail(workerId: string) {
      const [w] = await views.workers({ workerId });
      if (!w) throw notFound('Worker not found');
      const stats = (await views.jobStats([w.worker_id])).get(w.worker_id);
      const jobs = await views.recentJobs(w.worker_id, RECENT_JOBS);
      const current = (await views.currentJobs([w])).get(w.worker_id);
      return {
        ...workerIdentity(w, current !== undefined, deps.options.offlineThresholdSeconds),
        capabilities: capabilitiesOf(w),
        metadata: parseJsonObject(w.metadata),
        jobs_completed: stats?.completed ?? 0,
        jobs_failed: stats?.failed ?? 0,
        avg_job_duration_seconds: stats?.avg_duration ?? null,
        recent_jobs: jobs.map((j) => ({
          job_id: j.job_id,
          video_id: j.video_id,
          video_slug: j.video_slug,
          video_title: j.video_title,
          status: j.video_status === 'failed' ? ('failed' as const) : ('completed' as const),
          started_at: iso(j.started_at),
          completed_at: iso(j.completed_at),
          duration_seconds: seconds(j.started_at, j.completed_at),
          error_message: j.last_error,
        })),
      };
    },

    async activeJobs() {
      const rows = await views.activeJobs();
      const qualities = await deps.qualityProgress(rows.map((r) => r.job_id));
      const jobs = rows.map((r) => ({
        job_id: r.job_id,
        video_id: r.video_id,
        video_slug: r.video_slug,
        video_title: r.video_title,
        thumbnail_url: null,
        worker_id: r.worker_id,
        worker_name: r.worker_name,
        worker_hwaccel_type: r.worker_name
          ? hardwareOf({ metadata: r.worker_metadata, capabilities: r.worker_capabilities }).hwaccel_type
          : null,
        status: r.video_status ?? 'pending',
        current_step: r.current_step,
        progress_percent: r.progress_percent ?? 0,
        qualities: qualities
          .filter((q) => q.job_id === r.job_id)
          .map((q) => ({ name: q.quality, status: q.status, progress: q.progress_percent ?? 0 })),
        started_at: iso(r.started_at),
        claimed_at: iso(r.claimed_at),
        attempt: r.attempt_number ?? 1,
        max_attempts: r.max_attempts ?? 3,
      }));
      const processing = jobs.filter((j) => j.status === 'processing').length;
      return {
        jobs,
        total_count: jobs.length,
        processing_count: processing,
        pending_count: jobs.length - processing,
      };
    },

    /** Stops the worker from authenticating and gives its unfinished job back to the queue. */
    async disable(workerId: string) {
      const worker = await find(workerId);
      const updated = await workers.setStatus(db, worker.id, 'disabled', { notFrom: 'disabled' });
      if (!updated) throw badRequest('Worker is already disabled');
      auth.forgetWorker(worker.id);
      await releaseJobs(worker);
      return { status: 'ok', message: 'Worker disabled' };
    },

    async enable(workerId: string) {
      const worker = await find(workerId);
      const updated = await workers.setStatus(db, worker.id, 'active', { onlyFrom: 'disabled' });
      if (!updated) throw badRequest('Worker is not disabled');
      return { status: 'ok', message: 'Worker enabled' };
    },

    /** Revokes every key and disables the worker (its job is released as on disable). */
    async revoke(workerId: string) {
      const worker = await find(workerId);
      await db.transaction().execute(async (trx) => {
        await workers.revokeKeys(trx, worker.id);
        await workers.setStatus(trx, worker.id, 'disabled');
      });
      auth.forgetWorker(worker.id);
      await releaseJobs(worker);
      return { status: 'ok', message: `Worker ${worker.worker_id} has been revoked` };
    },

    /** Deletes the worker. Its keys go with it (ON DELETE CASCADE); history keeps the job rows. */
    async remove(workerId: string, options: { revokeKeys: boolean }) {
      const worker = await find(workerId);
      await releaseJobs(worker);
      await db.transaction().execute(async (trx) => {
        if (options.revokeKeys) await workers.revokeKeys(trx, worker.id);
        await workers.delete(trx, worker);
      });
      auth.forgetWorker(worker.id);
      return { status: 'ok', message: 'Worker deleted' };
    },
  };
}

export type WorkerAdminService = ReturnType<typeof createWorkerAdminService>;
