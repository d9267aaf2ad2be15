import type { Config } from '../../config/load-config.js';
import { parseBoolean, parseInteger } from '../../config/env-parsers.js';
import type { WorkerSettings, WorkerSettingsAnswer } from '../../contracts/worker-settings.js';
import type { ReencodeSettings } from '../reencode.runner.js';
import type { TranscodeSettings } from '../transcode.job.js';
import type { WorkerApiClient } from './worker-api-client.js';

type Own = { variable: string; value: (c: Config, raw: string) => number | boolean };

/** This worker's own variable for each setting, and its value (the config's, or parsed here). */
const OWN: Record<keyof WorkerSettings, Own> = {
  'transcoding.hls_segment_duration': {
    variable: 'VLOG_HLS_SEGMENT_DURATION',
    value: (c) => c.hlsSegmentDuration,
  },
  'transcoding.ffmpeg_timeout_multiplier': {
    variable: 'VLOG_FFMPEG_TIMEOUT_BASE_MULTIPLIER',
    value: (c) => c.ffmpegTimeoutMultiplier,
  },
  'transcoding.ffmpeg_timeout_minimum': {
    variable: 'VLOG_FFMPEG_TIMEOUT_MINIMUM',
    value: (c) => c.ffmpegTimeoutMinimum,
  },
  'transcoding.ffmpeg_timeout_maximum': {
    variable: 'VLOG_FFMPEG_TIMEOUT_MAXIMUM',
    value: (c) => c.ffmpegTimeoutMaximum,
  },
  'workers.heartbeat_interval': {
    variable: 'VLOG_WORKER_HEARTBEAT_INTERVAL',
    value: (c) => c.workerHeartbeatInterval,
  },
  'workers.poll_interval': { variable: 'VLOG_WORKER_POLL_INTERVAL', value: (c) => c.workerPollInterval },
  'workers.progress_update_interval': {
    variable: 'VLOG_PROGRESS_UPDATE_INTERVAL',
    value: (c) => c.progressUpdateInterval,
  },
  'streaming.enable_dash': { variable: 'VLOG_STREAMING_ENABLE_DASH', value: (_c, raw) => parseBoolean(raw) },
  'streaming.segment_duration': {
    variable: 'VLOG_STREAMING_SEGMENT_DURATION',
    value: (_c, raw) => parseInteger({ min: 1, max: 30 })(raw),
  },
};

/** The worker's own value of a setting when its variable is set (and parses), else undefined. */
function ownValue(config: Config, key: keyof WorkerSettings): number | boolean | undefined {
  const own = OWN[key];
  const raw = config.env[own.variable];
  if (raw === undefined) return undefined;
  try {
    return own.value(config, raw);
  } catch {
    return undefined;
  }
}

/** Until the server answers (or when it is older than the settings endpoint): this worker's own config. */
function fromConfig(config: Config): WorkerSettings {
  return {
    'transcoding.hls_segment_duration': config.hlsSegmentDuration,
    'transcoding.ffmpeg_timeout_multiplier': config.ffmpegTimeoutMultiplier,
    'transcoding.ffmpeg_timeout_minimum': config.ffmpegTimeoutMinimum,
    'transcoding.ffmpeg_timeout_maximum': config.ffmpegTimeoutMaximum,
    'workers.heartbeat_interval': config.workerHeartbeatInterval,
    'workers.poll_interval': config.workerPollInterval,
    'workers.progress_update_interval': config.progressUpdateInterval,
    'streaming.enable_dash': (ownValue(config, 'streaming.enable_dash') as boolean | undefined) ?? true,
    'streaming.segment_duration':
      (ownValue(config, 'streaming.segment_duration') as number | undefined) ?? config.hlsSegmentDuration,
  };
}

/**
 * What this worker applies: a value stored in the server's database wins; otherwise the worker's own
 * variable when set (an operator's environment keeps working); otherwise the server's value.
 */
export function mergeWorkerSettings(config: Config, answer: WorkerSettingsAnswer): WorkerSettings {
  const merged = { ...answer.settings };
  for (const key of Object.keys(OWN) as Array<keyof WorkerSettings>) {
    if (answer.from_database.includes(key)) continue;
    const own = ownValue(config, key);
    if (own !== undefined) (merged as Record<string, unknown>)[key] = own;
  }
  return merged;
}

/**
 * The server's settings as this worker applies them (GET /api/worker/settings): fetched at start, before
 * each job and with heartbeats, so a change made in the admin reaches the next job. The transcode and
 * re-encode settings objects are updated in place: the runners hold them.
 */
export function createServerSettings(client: WorkerApiClient, config: Config) {
  let current = fromConfig(config);
  const transcode: TranscodeSettings = {
    segmentDuration: 0,
    progressIntervalMs: 0,
    timeouts: { multiplier: 0, minimum: 0, maximum: 0 },
  };
  const reencode: ReencodeSettings = { segmentDuration: 0, timeouts: transcode.timeouts };

  function apply(): void {
    const s = current;
    Object.assign(transcode.timeouts, {
      multiplier: s['transcoding.ffmpeg_timeout_multiplier'],
      minimum: s['transcoding.ffmpeg_timeout_minimum'],
      maximum: s['transcoding.ffmpeg_timeout_maximum'],
    });
    transcode.segmentDuration = s['transcoding.hls_segment_duration'];
    transcode.progressIntervalMs = s['workers.progress_update_interval'] * 1000;
    transcode.enableDash = s['streaming.enable_dash'];
    reencode.segmentDuration = s['streaming.segment_duration'];
    reencode.enableDash = s['streaming.enable_dash'];
  }
  apply();

  return {
    get current(): WorkerSettings {
      return current;
    },
    transcode,
    reencode,
    /** Asks the server once; keeps what it had when the server cannot answer (the job runs on). */
    async refresh(): Promise<void> {
      try {
        const answer = await client.json<WorkerSettingsAnswer>('/api/worker/settings', {
          timeoutMs: 10_000,
          retryForMs: 0,
        });
        current = mergeWorkerSettings(config, answer);
        apply();
      } catch {
        // An older server (404) or a passing failure: the last known settings still hold.
      }
    },
  };
}

export type ServerSettings = ReturnType<typeof createServerSettings>;
