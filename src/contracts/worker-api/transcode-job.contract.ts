import { Type, type Static } from '@sinclair/typebox';
import { Int4, Nullable, Seconds, uploadedFields } from './common.contract.js';

/** Request and response schemas of the worker API's transcoding job endpoints (api-worker.md §4, §5). */

const QUALITY = ['2160p', '1440p', '1080p', '720p', '480p', '360p', 'original'] as const;
const QualityName = Type.Union(QUALITY.map((q) => Type.Literal(q)));

const STEPS = [
  'claimed',
  'download',
  'probe',
  'thumbnail',
  'transcode',
  'master_playlist',
  'upload',
  'finalize',
] as const;
const QUALITY_STATUS = [
  'pending',
  'in_progress',
  'uploading',
  'completed',
  'uploaded',
  'failed',
  'skipped',
] as const;

export const ClaimQuery = Type.Object({
  reclaim_own: Type.Optional(
    Type.Boolean({
      description:
        'Also take back a job this worker still holds (it restarted after a crash): resumes at once',
    }),
  ),
});

/** What earlier attempts published; the worker resumes after it (see src/domain/transcode/job-checkpoint.ts). */
export const CheckpointSchema = Type.Object({
  encode: Nullable(Type.Object({ segment_duration: Type.Number(), frame_rate: Type.Number() })),
  source: Nullable(Type.Object({ duration: Type.Number(), width: Type.Integer(), height: Type.Integer() })),
  thumbnail: Type.Boolean(),
  renditions: Type.Record(
    Type.String(),
    Type.Object({ segments: Type.Integer(), durations: Type.Array(Type.Number()) }),
  ),
});
export type CheckpointBody = Static<typeof CheckpointSchema>;

export const ClaimResponse = Type.Object({
  message: Type.String(),
  job_id: Type.Optional(Type.Integer()),
  video_id: Type.Optional(Type.Integer()),
  video_slug: Type.Optional(Type.String()),
  video_duration: Type.Optional(Nullable(Type.Number())),
  source_width: Type.Optional(Nullable(Type.Integer())),
  source_height: Type.Optional(Nullable(Type.Integer())),
  source_filename: Type.Optional(Nullable(Type.String())),
  local_source_path: Type.Optional(
    Nullable(
      Type.String({
        description:
          'For a worker of type local (on the server machine): the source file itself, read in place ' +
          'instead of downloaded when the worker can read it',
      }),
    ),
  ),
  claim_expires_at: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  existing_qualities: Type.Optional(Nullable(Type.Array(Type.String()))),
  streaming_format: Type.Optional(Type.String()),
  streaming_codec: Type.Optional(Type.String()),
  attempt_number: Type.Optional(Type.Integer()),
  max_attempts: Type.Optional(Type.Integer()),
  checkpoint: Type.Optional(CheckpointSchema),
});

export const ProgressBody = Type.Object({
  current_step: Type.Optional(Type.Union(STEPS.map((s) => Type.Literal(s)))),
  progress_percent: Type.Number({ minimum: 0, maximum: 100 }),
  quality_progress: Type.Optional(
    Type.Array(
      Type.Object({
        name: QualityName,
        status: Type.Union(QUALITY_STATUS.map((s) => Type.Literal(s))),
        progress: Type.Number({ minimum: 0, maximum: 100 }),
        segments_total: Type.Optional(Nullable(Int4({ minimum: 0 }))),
        segments_completed: Type.Optional(Int4({ minimum: 0 })),
      }),
      { maxItems: 7 },
    ),
  ),
  duration: Type.Optional(Seconds()),
  source_width: Type.Optional(Int4({ minimum: 1 })),
  source_height: Type.Optional(Int4({ minimum: 1 })),
});

export const ProgressResponse = Type.Object({
  status: Type.String(),
  claim_expires_at: Nullable(Type.String({ format: 'date-time' })),
});

export const CompleteBody = Type.Object({
  qualities: Type.Array(
    Type.Object({
      name: QualityName,
      width: Type.Integer({ minimum: 1, maximum: 16384 }),
      height: Type.Integer({ minimum: 1, maximum: 16384 }),
      bitrate: Int4({ minimum: 0, description: 'kbps' }),
    }),
    { maxItems: 7 },
  ),
  duration: Type.Optional(Seconds()),
});

export const FailBody = Type.Object({
  error_message: Type.String({ minLength: 1, maxLength: 500 }),
  retry: Type.Boolean({ default: true }),
});

export const FailResponse = Type.Object({
  status: Type.String(),
  will_retry: Type.Boolean(),
  attempt_number: Type.Integer(),
});

export const LocalFilesBody = Type.Object({
  files: Type.Array(
    Type.Object({
      path: Type.String({ minLength: 1, maxLength: 300, description: 'path inside the video directory' }),
      local_path: Type.String({
        minLength: 1,
        maxLength: 4096,
        description:
          "absolute path of the finished file in the server's worker directory (VLOG_WORKER_WORK_DIR)",
      }),
    }),
    { minItems: 1, maxItems: 100 },
  ),
});
export const LocalFilesResponse = Type.Object({
  status: Type.String(),
  files: Type.Array(Type.Object({ path: Type.String(), bytes_written: Type.Integer() })),
});

export const FileUploadResponse = Type.Object({ ...uploadedFields, checksum_verified: Type.Boolean() });

export type TranscodeClaim = Static<typeof ClaimResponse>;
export type TranscodeProgress = Static<typeof ProgressBody>;
export type TranscodeComplete = Static<typeof CompleteBody>;
export type TranscodeFail = Static<typeof FailBody>;
export type TranscodeFailResult = Static<typeof FailResponse>;
export type LocalFiles = Static<typeof LocalFilesBody>;
