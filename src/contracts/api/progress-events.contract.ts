import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './common.contract.js';
import { QualityProgress } from './video.contract.js';

/**
 * GET /api/events/progress (api-admin.md §12): the Server-Sent Events of the admin's live progress.
 * `initial` carries the progress of every unfinished video, `progress` one change, `heartbeat` the time.
 */
export const ProgressEvent = Type.Object({
  type: Type.Literal('progress'),
  video_id: Type.Integer(),
  video_slug: Type.String(),
  job_id: Nullable(Type.Integer()),
  status: Type.String(),
  current_step: Nullable(Type.String()),
  progress_percent: Type.Integer(),
  qualities: Type.Array(QualityProgress),
  last_error: Nullable(Type.String()),
  timestamp: Type.String({ format: 'date-time' }),
});
export type ProgressEvent = Static<typeof ProgressEvent>;

/** Keyed by the video id (a string, as JSON object keys are). */
export const InitialProgressEvent = Type.Object({ progress: Type.Record(Type.String(), ProgressEvent) });
export type InitialProgressEvent = Static<typeof InitialProgressEvent>;

export const HeartbeatEvent = Type.Object({ timestamp: Type.String({ format: 'date-time' }) });
export type HeartbeatEvent = Static<typeof HeartbeatEvent>;
