import { boolean, float, integer } from '../settings.types.js';

const WORKER_TIMEOUT = { to: 'ffmpeg timeout of each transcode and re-encode rung', by: 'worker' } as const;

/** transcoding.* (pipeline.md §20.1). Defaults are the config schema's (src/config/config.schema.ts). */
export const TRANSCODING_SETTINGS = {
  'transcoding.hls_segment_duration': integer(6, [2, 30], {
    env: 'VLOG_HLS_SEGMENT_DURATION',
    description: 'HLS segment duration in seconds',
    // A resumed job keeps the duration its published segments were cut with (its checkpoint).
    applies: { to: 'segment duration of each new transcode', by: 'worker' },
  }),
  'transcoding.checkpoint_interval': integer(30, [1, 300], {
    env: 'VLOG_CHECKPOINT_INTERVAL',
    description: 'Checkpoint interval in seconds',
  }),
  'transcoding.max_retries': integer(3, [0, 10], {
    env: 'VLOG_MAX_RETRY_ATTEMPTS',
    description: 'Maximum attempts of a transcoding job (0 counts as 1: a job always gets its first)',
    applies: { to: 'max_attempts of jobs created or reset from now on', by: 'server' },
  }),
  'transcoding.retry_backoff_base': integer(60, [0, 600], {
    env: 'VLOG_RETRY_BACKOFF_BASE',
    description: 'Base retry backoff in seconds (doubles per attempt)',
    applies: { to: 'delay before a failed job is retried', by: 'server' },
  }),
  'transcoding.job_stale_timeout': integer(1800, [60, 7200], {
    env: 'VLOG_JOB_STALE_TIMEOUT',
    description: 'Job stale timeout in seconds (jobs here are recovered by lease expiry instead)',
  }),
  'transcoding.cleanup_partial_on_failure': boolean(true, {
    env: 'VLOG_CLEANUP_PARTIAL_ON_FAILURE',
    description: 'Clean up partial files on failure',
  }),
  'transcoding.keep_completed_qualities': boolean(true, {
    env: 'VLOG_KEEP_COMPLETED_QUALITIES',
    description: 'Keep completed qualities on resume',
  }),
  'transcoding.ffmpeg_timeout_multiplier': float(2.0, [0.1, 10], {
    // The reference read VLOG_FFMPEG_TIMEOUT_MULTIPLIER here and _BASE_MULTIPLIER in its config: both work.
    env: ['VLOG_FFMPEG_TIMEOUT_MULTIPLIER', 'VLOG_FFMPEG_TIMEOUT_BASE_MULTIPLIER'],
    description: 'FFmpeg timeout base multiplier (timeout = duration × this × resolution factor)',
    applies: WORKER_TIMEOUT,
  }),
  'transcoding.ffmpeg_timeout_minimum': integer(300, [60, 3600], {
    env: 'VLOG_FFMPEG_TIMEOUT_MINIMUM',
    description: 'Minimum FFmpeg timeout in seconds',
    applies: WORKER_TIMEOUT,
  }),
  'transcoding.ffmpeg_timeout_maximum': integer(14400, [300, 86400], {
    env: 'VLOG_FFMPEG_TIMEOUT_MAXIMUM',
    description: 'Maximum FFmpeg timeout in seconds',
    applies: WORKER_TIMEOUT,
  }),
} as const;
