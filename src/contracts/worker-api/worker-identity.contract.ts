import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.contract.js';

/** Request and response schemas of worker identity: registration, heartbeats, the worker list (api-worker.md §3, §6). */

const Str = (maxLength: number) => Type.String({ maxLength });
const DateTime = Nullable(Type.String({ format: 'date-time' }));
const FreeObject = Nullable(Type.Unknown({ description: 'JSON object' }));

/** What a worker can do (api-worker.md §4.1); unknown keys are dropped. */
export const WorkerCapabilities = Type.Object({
  hwaccel_enabled: Type.Boolean({ default: false }),
  hwaccel_type: Type.String({ maxLength: 20, default: 'none' }),
  gpu_name: Type.Optional(Str(200)),
  code_version: Type.Optional(Str(64)),
  supported_codecs: Type.Array(Str(20), { maxItems: 10, default: ['h264'] }),
  encoders: Type.Record(Type.String(), Type.Array(Str(50), { maxItems: 20 }), {
    propertyNames: { maxLength: 20 },
    maxProperties: 20,
    default: { h264: ['libx264'] },
  }),
  max_concurrent_encode_sessions: Type.Integer({ minimum: 1, maximum: 100, default: 1 }),
  ffmpeg_version: Type.Optional(Str(100)),
  driver_version: Type.Optional(Str(100)),
  cuda_version: Type.Optional(Str(100)),
  vaapi_device: Type.Optional(Str(200)),
});

/** Where a worker runs (api-worker.md §4.1); unknown keys are dropped. */
export const WorkerMetadata = Type.Object({
  deployment_type: Type.Optional(
    Type.Union([
      Type.Literal('kubernetes'),
      Type.Literal('systemd'),
      Type.Literal('docker'),
      Type.Literal('manual'),
    ]),
  ),
  pod_name: Type.Optional(Str(253)),
  pod_namespace: Type.Optional(Str(253)),
  node_name: Type.Optional(Str(253)),
  container_name: Type.Optional(Str(253)),
  pod_uid: Type.Optional(Str(36)),
  container_image: Type.Optional(Str(500)),
  cloud_provider: Type.Optional(Str(50)),
  region: Type.Optional(Str(100)),
  availability_zone: Type.Optional(Str(100)),
  labels: Type.Optional(
    Type.Record(Type.String(), Str(500), { propertyNames: { maxLength: 253 }, maxProperties: 50 }),
  ),
});

export const RegisterBody = Type.Object({
  worker_name: Type.Optional(Type.String({ maxLength: 100 })),
  worker_type: Type.Union([Type.Literal('remote'), Type.Literal('local')], { default: 'remote' }),
  capabilities: Type.Optional(WorkerCapabilities),
  metadata: Type.Optional(WorkerMetadata),
});

export const RegisterResponse = Type.Object({
  worker_id: Type.String(),
  api_key: Type.String(),
  message: Type.String(),
});

export const HeartbeatBody = Type.Object({
  status: Type.Union([Type.Literal('active'), Type.Literal('busy'), Type.Literal('idle')], {
    default: 'active',
  }),
  code_version: Type.Optional(Str(40)),
  /** Free-form (≤ 20 keys), merged into the stored metadata; `capabilities` is validated. */
  metadata: Type.Optional(
    Type.Object(
      { capabilities: Type.Optional(WorkerCapabilities) },
      { patternProperties: { '^.*$': {} }, maxProperties: 20 },
    ),
  ),
  acknowledged_commands: Type.Optional(
    Type.Array(
      Type.Object({
        id: Type.Integer({ minimum: 1, maximum: 2147483647 }),
        status: Type.Union([Type.Literal('completed'), Type.Literal('failed')]),
        new_version: Type.Optional(Str(64)),
        error: Type.Optional(Str(500)),
      }),
      { maxItems: 50 },
    ),
  ),
});

export const HeartbeatResponse = Type.Object({
  status: Type.String(),
  worker_id: Type.String({ description: 'The calling worker (the key identifies it)' }),
  worker_name: Nullable(Type.String()),
  server_time: Type.String({ format: 'date-time' }),
  required_version: Type.String(),
  version_ok: Type.Boolean(),
  worker_status: Type.String(),
  current_job_id: Nullable(Type.Integer()),
  last_heartbeat_recorded: Type.String({ format: 'date-time' }),
  commands: Type.Array(
    Type.Object({
      id: Type.Integer(),
      command: Type.String({ description: 'restart | stop | update' }),
      params: Type.Record(Type.String(), Type.Unknown()),
    }),
    { description: 'Open commands; acknowledge each in a later heartbeat (acknowledged_commands)' },
  ),
});

/** The counts of every worker list (the worker API's and the admin's). */
export const workerListCounts = {
  total_count: Type.Integer(),
  active_count: Type.Integer(),
  offline_count: Type.Integer(),
  disabled_count: Type.Integer(),
};

/** Who a worker is, first in each row of a worker list. */
export const workerRowIdentity = {
  id: Type.Integer(),
  worker_id: Type.String(),
  worker_name: Nullable(Type.String()),
  worker_type: Nullable(Type.String()),
};

/** GET /api/workers on the worker API (api-worker.md §6). */
export const WorkerApiList = Type.Object({
  workers: Type.Array(
    Type.Object({
      ...workerRowIdentity,
      status: Type.String(),
      registered_at: DateTime,
      last_heartbeat: DateTime,
      current_job_id: Nullable(Type.Integer()),
      current_video_slug: Nullable(Type.String()),
      capabilities: FreeObject,
      metadata: FreeObject,
    }),
  ),
  ...workerListCounts,
});

export type Heartbeat = Static<typeof HeartbeatBody>;
export type HeartbeatAnswer = Static<typeof HeartbeatResponse>;
