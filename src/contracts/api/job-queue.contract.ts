import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TARGET_CODECS, TARGET_FORMATS } from '../reencode-job.js';
import { DateTime, Id, literals, Nullable, PageQuery } from './common.contract.js';

/** The admin side of the sprite (api-admin.md §10) and re-encode (§15) queues. */

export const QUEUE_PRIORITIES = ['high', 'normal', 'low'] as const;
export type QueuePriority = (typeof QUEUE_PRIORITIES)[number];
export const SPRITE_JOB_STATUSES = ['pending', 'processing', 'completed', 'failed', 'cancelled'] as const;
export const REENCODE_JOB_STATUSES = ['pending', 'in_progress', 'completed', 'failed', 'cancelled'] as const;

/** `?status=&limit=&offset=` of a job list. */
const JobListQuery = <S extends string>(statuses: readonly S[]) =>
  Type.Object({ status: Type.Optional(literals(statuses)), ...PageQuery(500, 50) });

/** `{jobs, count, total}`: one page of a job list, `count` on this page. */
const JobPage = <T extends TSchema>(job: T) =>
  Type.Object({ jobs: Type.Array(job), count: Type.Integer(), total: Type.Integer() });

/** What a job row of either queue answers; `extra` are the kind's own columns. */
const JobRow = <P extends Record<string, TSchema>>(extra: P) =>
  Type.Object({
    id: Type.Integer(),
    video_id: Nullable(Type.Integer()),
    ...extra,
    priority: Type.String(),
    status: Type.String(),
    created_at: DateTime(),
    started_at: DateTime(),
    completed_at: DateTime(),
    error_message: Nullable(Type.String()),
  });

export const SpriteQueueStatus = Type.Object({
  pending: Type.Integer(),
  processing: Type.Integer(),
  completed: Type.Integer(),
  failed: Type.Integer(),
  /** Cancelled jobs count here only. */
  total: Type.Integer(),
});
export type SpriteQueueStatus = Static<typeof SpriteQueueStatus>;

export const SpriteGenerateBody = Nullable(
  Type.Object({ priority: Type.Optional(literals(QUEUE_PRIORITIES)) }),
);

export const SpriteGenerateResult = Type.Object({
  status: Type.Union([Type.Literal('queued'), Type.Literal('already_queued')]),
  message: Type.String(),
  job_id: Type.Integer(),
});
export type SpriteGenerateResult = Static<typeof SpriteGenerateResult>;

export const SpriteQueueAllQuery = Type.Object({ priority: Type.Optional(literals(QUEUE_PRIORITIES)) });
export const SpriteQueueAllResult = Type.Object({
  status: Type.String(),
  queued: Type.Integer(),
  message: Type.String(),
});

export const SpriteJob = JobRow({
  video_slug: Nullable(Type.String()),
  video_title: Nullable(Type.String()),
});
export type SpriteJob = Static<typeof SpriteJob>;
export const SpriteJobListQuery = JobListQuery(SPRITE_JOB_STATUSES);
export const SpriteJobPage = JobPage(SpriteJob);
export type SpriteJobPage = Static<typeof SpriteJobPage>;

export const VideoSprites = Type.Object({
  video_id: Type.Integer(),
  status: Nullable(Type.String()),
  error: Nullable(Type.String()),
  count: Type.Integer(),
  interval: Nullable(Type.Integer()),
  tile_size: Nullable(Type.Integer()),
  frame_width: Nullable(Type.Integer()),
  frame_height: Nullable(Type.Integer()),
});
export type VideoSprites = Static<typeof VideoSprites>;

const Target = {
  target_format: literals(TARGET_FORMATS),
  target_codec: literals(TARGET_CODECS),
};

export const ReencodeJob = Type.Object({
  ...JobRow({
    video_title: Nullable(Type.String()),
    video_slug: Nullable(Type.String()),
    target_format: Type.String(),
    target_codec: Type.String(),
  }).properties,
  retry_count: Type.Integer(),
});
export type ReencodeJob = Static<typeof ReencodeJob>;
export const ReencodeJobListQuery = JobListQuery(REENCODE_JOB_STATUSES);
export const ReencodeJobPage = JobPage(ReencodeJob);
export type ReencodeJobPage = Static<typeof ReencodeJobPage>;

export const ReencodeQueueQuery = Type.Object({
  video_ids: Type.Array(Id(), { minItems: 1, maxItems: 100 }),
  priority: Type.Optional(literals(QUEUE_PRIORITIES)),
  target_format: Type.Optional(Target.target_format),
  target_codec: Type.Optional(Target.target_codec),
});

export const ReencodeQueueResult = Type.Object({
  queued: Type.Array(Type.Integer()),
  skipped: Type.Array(Type.Integer()),
  errors: Type.Array(Type.Object({ video_id: Type.Integer(), error: Type.String() })),
  total_queued: Type.Integer(),
});
export type ReencodeQueueResult = Static<typeof ReencodeQueueResult>;

export const ReencodeQueueAllQuery = Type.Object({
  priority: Type.Optional(literals(QUEUE_PRIORITIES)),
  ...Type.Partial(Type.Object(Target)).properties,
  batch_size: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
});
export const ReencodeQueueAllResult = Type.Object({ queued_count: Type.Integer(), message: Type.String() });

export const ReencodeStatus = Type.Object({
  queue_stats: Type.Object({
    pending: Type.Integer(),
    in_progress: Type.Integer(),
    completed: Type.Integer(),
    failed: Type.Integer(),
    cancelled: Type.Integer(),
  }),
  legacy_videos_remaining: Type.Integer(),
  total_in_queue: Type.Integer(),
});
export type ReencodeStatus = Static<typeof ReencodeStatus>;
