import { configSchema, type ConfigSchema } from '../config/config.schema.js';
import type { Config } from '../config/load-config.js';
import type { SettingKey } from '../domain/settings/settings-catalogue.js';
import type { EnvironmentLayer } from '../domain/settings/settings-environment.js';

const MIB = 1024 * 1024;

/**
 * Catalogued settings whose environment variable the config schema owns (config.md §15: these
 * variables keep working): the config's parsed value is the setting's environment layer.
 */
export const CONFIG_OWNED: Partial<
  Record<SettingKey, { field: keyof ConfigSchema; toSetting?: (v: number) => number }>
> = {
  'transcoding.hls_segment_duration': { field: 'hlsSegmentDuration' },
  'transcoding.max_retries': { field: 'maxRetryAttempts' },
  'transcoding.retry_backoff_base': { field: 'retryBackoffBase' },
  'transcoding.ffmpeg_timeout_multiplier': { field: 'ffmpegTimeoutMultiplier' },
  'transcoding.ffmpeg_timeout_minimum': { field: 'ffmpegTimeoutMinimum' },
  'transcoding.ffmpeg_timeout_maximum': { field: 'ffmpegTimeoutMaximum' },
  'workers.heartbeat_interval': { field: 'workerHeartbeatInterval' },
  'workers.claim_duration_minutes': { field: 'workerClaimDurationMinutes' },
  'workers.poll_interval': { field: 'workerPollInterval' },
  'workers.offline_threshold_minutes': { field: 'workerOfflineThresholdMinutes' },
  'workers.stale_job_check_interval': { field: 'staleJobCheckInterval' },
  'workers.progress_update_interval': { field: 'progressUpdateInterval' },
  'workers.require_version_match': { field: 'requireVersionMatch' },
  'workers.require_version_field': { field: 'requireVersionField' },
  'storage.archive_retention_days': { field: 'archiveRetentionDays' },
  // The variables are bytes, the settings MB (the reference seeded the bytes and failed validation).
  'storage.max_upload_size_mb': { field: 'maxUploadSize', toSetting: (bytes) => bytes / MIB },
  'storage.max_thumbnail_size_mb': { field: 'maxThumbnailSize', toSetting: (bytes) => bytes / MIB },
  'storage.thumbnail_width': { field: 'thumbnailWidth' },
  'streaming.default_format': { field: 'streamingFormat' },
  'streaming.default_codec': { field: 'streamingCodec' },
};

/** The environment layer of the settings, from the validated config. */
export function settingsEnvironment(config: Config): EnvironmentLayer {
  const configured: EnvironmentLayer['configured'] = {};
  for (const [key, owned] of Object.entries(CONFIG_OWNED) as Array<
    [SettingKey, NonNullable<(typeof CONFIG_OWNED)[SettingKey]>]
  >) {
    const variable = configSchema[owned.field].env;
    if (config.env[variable] === undefined) continue;
    const value: unknown = config[owned.field];
    configured[key] = { variable, value: owned.toSetting ? owned.toSetting(value as number) : value };
  }
  return { environment: config.env, configured };
}
