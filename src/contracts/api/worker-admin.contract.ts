import { Type } from '@sinclair/typebox';
import { workerListCounts, workerRowIdentity } from '../worker-api/worker-identity.contract.js';
import { DateTime, Nullable } from './common.contract.js';

/**
 * Schemas of worker management on the admin API (api-admin.md §11). What workers themselves send and
 * receive is in src/contracts/worker-api/.
 */

const FreeObject = Nullable(Type.Unknown({ description: 'JSON object' }));

export const WorkerIdParam = Type.Object({ worker_id: Type.String({ minLength: 1, maxLength: 36 }) });

const EffectiveStatus = Type.Union([
  Type.Literal('active'),
  Type.Literal('idle'),
  Type.Literal('offline'),
  Type.Literal('disabled'),
]);

/** Who a worker is and how it is doing: how the list and the detail both start (workerIdentity()). */
const workerState = {
  ...workerRowIdentity,
  status: EffectiveStatus,
  registered_at: DateTime(),
  last_heartbeat: DateTime(),
};

/** A transcode job and its video, as the recent and active job lists show it. */
const jobWithVideo = {
  job_id: Type.Integer(),
  video_id: Type.Integer(),
  video_slug: Type.String(),
  video_title: Type.String(),
};

/** GET /api/workers on the admin API (api-admin.md §11). */
export const AdminWorkerList = Type.Object({
  workers: Type.Array(
    Type.Object({
      ...workerState,
      seconds_since_heartbeat: Nullable(Type.Integer()),
      current_job_id: Nullable(Type.Integer()),
      current_video_slug: Nullable(Type.String()),
      current_video_title: Nullable(Type.String()),
      current_step: Nullable(Type.String()),
      current_progress: Nullable(Type.Number()),
      hwaccel_enabled: Type.Boolean(),
      hwaccel_type: Nullable(Type.String()),
      gpu_name: Nullable(Type.String()),
      code_version: Nullable(Type.String()),
      deployment_type: Nullable(Type.String()),
      jobs_completed: Type.Integer(),
      jobs_failed: Type.Integer(),
      last_job_completed_at: DateTime(),
    }),
  ),
  ...workerListCounts,
  idle_count: Type.Integer(),
});

export const AdminWorkerDetail = Type.Object({
  ...workerState,
  capabilities: FreeObject,
  metadata: FreeObject,
  jobs_completed: Type.Integer(),
  jobs_failed: Type.Integer(),
  avg_job_duration_seconds: Nullable(Type.Number()),
  recent_jobs: Type.Array(
    Type.Object({
      ...jobWithVideo,
      status: Type.Union([Type.Literal('completed'), Type.Literal('failed')]),
      started_at: DateTime(),
      completed_at: DateTime(),
      duration_seconds: Nullable(Type.Number()),
      error_message: Nullable(Type.String()),
    }),
  ),
});

export const ActiveJobs = Type.Object({
  jobs: Type.Array(
    Type.Object({
      ...jobWithVideo,
      thumbnail_url: Nullable(Type.String()),
      worker_id: Nullable(Type.String()),
      worker_name: Nullable(Type.String()),
      worker_hwaccel_type: Nullable(Type.String()),
      status: Type.String(),
      current_step: Nullable(Type.String()),
      progress_percent: Type.Number(),
      qualities: Type.Array(
        Type.Object({ name: Type.String(), status: Type.String(), progress: Type.Number() }),
      ),
      started_at: DateTime(),
      claimed_at: DateTime(),
      attempt: Type.Integer(),
      max_attempts: Type.Integer(),
    }),
  ),
  total_count: Type.Integer(),
  processing_count: Type.Integer(),
  pending_count: Type.Integer(),
});

export const CommandResult = Type.Object({
  status: Type.String(),
  message: Type.String(),
  event_id: Type.Integer(),
});

export const RestartAllResult = Type.Object({
  status: Type.String(),
  message: Type.String(),
  count: Type.Integer(),
  event_ids: Type.Array(Type.Integer()),
});

export const DeploymentQuery = Type.Object({
  worker_id: Type.Optional(Type.String({ maxLength: 36 })),
  event_type: Type.Optional(Type.String({ maxLength: 20 })),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
});

export const DeploymentEvents = Type.Object({
  events: Type.Array(
    Type.Object({
      id: Type.Integer(),
      worker_id: Type.String(),
      worker_name: Nullable(Type.String()),
      event_type: Type.String(),
      old_version: Nullable(Type.String()),
      new_version: Nullable(Type.String()),
      status: Nullable(Type.String({ description: 'pending | delivered | completed | failed' })),
      triggered_by: Nullable(Type.String()),
      details: Nullable(Type.String()),
      created_at: DateTime(),
      completed_at: DateTime(),
    }),
  ),
  count: Type.Integer(),
});
