import type { Config } from '../config/load-config.js';
import type { SettingsService } from '../domain/settings/settings.service.js';

const MIB = 1024 * 1024;
/** storage.max_upload_size_mb's upper bound (pipeline.md §20.1). */
const MAX_UPLOAD_SETTING_MB = 102400;

/**
 * The options services read at each use, as getters over the settings: a change made through the admin
 * API (here or in another process) applies to the next upload, claim, sweep… without a restart.
 * Pass this object itself, never a spread copy: spreading reads the getters once.
 */
export function liveSettings(settings: SettingsService, config: Config) {
  return {
    /** transcoding.max_retries counts attempts (VLOG_MAX_RETRY_ATTEMPTS); a job always gets its first. */
    get maxAttempts(): number {
      return Math.max(1, settings.get('transcoding.max_retries'));
    },
    get retryBackoffBaseSeconds(): number {
      return settings.get('transcoding.retry_backoff_base');
    },
    get leaseSeconds(): number {
      return settings.get('workers.claim_duration_minutes') * 60;
    },
    get offlineThresholdSeconds(): number {
      return settings.get('workers.offline_threshold_minutes') * 60;
    },
    get sweepIntervalMs(): number {
      return settings.get('workers.stale_job_check_interval') * 1000;
    },
    get requireMatch(): boolean {
      return settings.get('workers.require_version_match');
    },
    get requireField(): boolean {
      return settings.get('workers.require_version_field');
    },
    /** A re-encode is killed at the ffmpeg timeout maximum; past that plus a margin its worker is gone. */
    get reencodeStaleAfterSeconds(): number {
      return settings.get('transcoding.ffmpeg_timeout_maximum') + 1800;
    },
    get maxUploadSize(): number {
      return Math.round(settings.get('storage.max_upload_size_mb') * MIB);
    },
    get maxThumbnailSize(): number {
      return Math.round(settings.get('storage.max_thumbnail_size_mb') * MIB);
    },
    get thumbnailWidth(): number {
      return settings.get('storage.thumbnail_width');
    },
    get retentionDays(): number {
      return settings.get('storage.archive_retention_days');
    },
    get streamingFormat(): string {
      return settings.get('streaming.default_format');
    },
    get streamingCodec(): string {
      return settings.get('streaming.default_codec');
    },
    /**
     * The multipart parser's fixed ceiling (set once when the app is built): the highest value the upload
     * limit can take. The live limit is enforced as the bytes arrive.
     */
    uploadCeiling: Math.max(config.maxUploadSize, MAX_UPLOAD_SETTING_MB * MIB),
  };
}

export type LiveSettings = ReturnType<typeof liveSettings>;
