import { boolean, float, integer } from '../settings.types.js';

/**
 * workers.* (pipeline.md §20.1). The env names first are the config schema's; the second ones are the
 * reference's derived names (`VLOG_` + last key segment), which keep working.
 */
export const WORKERS_SETTINGS = {
  'workers.heartbeat_interval': integer(30, [5, 300], {
    env: ['VLOG_WORKER_HEARTBEAT_INTERVAL', 'VLOG_HEARTBEAT_INTERVAL'],
    description: 'Worker heartbeat interval in seconds',
    applies: { to: "each worker's heartbeat period (read from the worker API)", by: 'worker' },
  }),
  'workers.claim_duration_minutes': integer(30, [1, 120], {
    env: 'VLOG_WORKER_CLAIM_DURATION',
    description: 'Job claim duration in minutes (extended by progress)',
    applies: { to: 'lease of each claim and progress report', by: 'server' },
  }),
  'workers.poll_interval': integer(10, [1, 120], {
    env: ['VLOG_WORKER_POLL_INTERVAL', 'VLOG_POLL_INTERVAL'],
    description: 'Job polling interval in seconds',
    applies: { to: "an idle worker's wait for work (read from the worker API)", by: 'worker' },
  }),
  'workers.offline_threshold_minutes': integer(5, [1, 60], {
    env: 'VLOG_WORKER_OFFLINE_THRESHOLD',
    description: 'Minutes before worker is considered offline',
    applies: { to: 'worker status (listings, sweep, commands)', by: 'server' },
  }),
  'workers.stale_job_check_interval': integer(60, [10, 600], {
    env: 'VLOG_STALE_JOB_CHECK_INTERVAL',
    description: 'Stale job check interval in seconds',
    applies: { to: "period of the worker API's sweep (stale workers, overdue commands)", by: 'server' },
  }),
  'workers.progress_update_interval': float(2, [0.1, 60], {
    env: 'VLOG_PROGRESS_UPDATE_INTERVAL',
    description: 'Progress update interval in seconds',
    applies: { to: "minimum gap between a transcode's progress reports", by: 'worker' },
  }),
  'workers.fallback_poll_interval': integer(60, [1, 600], {
    env: 'VLOG_WORKER_FALLBACK_POLL_INTERVAL',
    description: 'Fallback polling interval when filesystem watcher unavailable (seconds)',
  }),
  'workers.debounce_delay': float(1.0, [0, 60], {
    env: 'VLOG_WORKER_DEBOUNCE_DELAY',
    description: 'Debounce delay for filesystem events (seconds)',
  }),
  'workers.streaming_upload': boolean(false, {
    env: 'VLOG_WORKER_STREAMING_UPLOAD',
    description: 'Upload segments individually during transcoding (always on here: segments publish live)',
  }),
  // Not in the reference's catalogue, but read through its settings service (api-worker.md §5).
  'workers.require_version_match': boolean(true, {
    env: 'VLOG_REQUIRE_VERSION_MATCH',
    description: 'Heartbeat version_ok is false when a worker reports another code_version',
    applies: { to: 'version_ok of each heartbeat', by: 'server' },
  }),
  'workers.require_version_field': boolean(false, {
    env: 'VLOG_REQUIRE_VERSION_FIELD',
    description: 'Heartbeat version_ok is false when a worker reports no code_version',
    applies: { to: 'version_ok of each heartbeat', by: 'server' },
  }),
} as const;
