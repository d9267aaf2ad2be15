import { Type } from '@sinclair/typebox';

/**
 * The settings a worker applies, as GET /api/worker/settings answers them (keys of the settings
 * catalogue, pipeline.md §20.1): workers have no database, so the server resolves them (database,
 * environment, default) and the worker asks before each job. A value stored in the database wins
 * everywhere; otherwise a variable set in the worker's own environment does (config.md §15: these
 * variables keep working), then the server's.
 */
export const WORKER_SETTING_KEYS = [
  'transcoding.hls_segment_duration',
  'transcoding.ffmpeg_timeout_multiplier',
  'transcoding.ffmpeg_timeout_minimum',
  'transcoding.ffmpeg_timeout_maximum',
  'workers.heartbeat_interval',
  'workers.poll_interval',
  'workers.progress_update_interval',
  'streaming.enable_dash',
  'streaming.segment_duration',
] as const;

export interface WorkerSettings {
  'transcoding.hls_segment_duration': number;
  'transcoding.ffmpeg_timeout_multiplier': number;
  'transcoding.ffmpeg_timeout_minimum': number;
  'transcoding.ffmpeg_timeout_maximum': number;
  'workers.heartbeat_interval': number;
  'workers.poll_interval': number;
  'workers.progress_update_interval': number;
  'streaming.enable_dash': boolean;
  'streaming.segment_duration': number;
}

export interface WorkerSettingsAnswer {
  settings: WorkerSettings;
  /** The keys whose value is stored in the database (the others come from the server's environment or default). */
  from_database: Array<keyof WorkerSettings>;
}

const seconds = (description: string) => Type.Number({ description });

/** The schema of GET /api/worker/settings, whose answer is a WorkerSettingsAnswer. */
export const WorkerSettingsResponse = Type.Object({
  settings: Type.Object({
    'transcoding.hls_segment_duration': seconds('Segment duration of new transcodes (s)'),
    'transcoding.ffmpeg_timeout_multiplier': Type.Number({ description: 'ffmpeg timeout multiplier' }),
    'transcoding.ffmpeg_timeout_minimum': seconds('Lower bound of the ffmpeg timeout (s)'),
    'transcoding.ffmpeg_timeout_maximum': seconds('Upper bound of the ffmpeg timeout (s)'),
    'workers.heartbeat_interval': seconds('Heartbeat period (s)'),
    'workers.poll_interval': seconds('Wait for work when idle (s)'),
    'workers.progress_update_interval': seconds('Minimum gap between progress reports (s)'),
    'streaming.enable_dash': Type.Boolean({ description: 'CMAF output also gets manifest.mpd' }),
    'streaming.segment_duration': seconds('Segment duration of re-encodes (s)'),
  } satisfies Record<keyof WorkerSettings, unknown>),
  from_database: Type.Array(Type.String(), {
    description: 'Keys stored in the database: they win over the worker’s own environment',
  }),
});
