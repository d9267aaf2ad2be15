import type { Kysely } from 'kysely';
import type { Config } from '../config/load-config.js';
import type { Database } from '../db/database.types.js';
import { createAnalyticsReportRepository } from '../domain/analytics/analytics-report.repository.js';
import { createAnalyticsReportService } from '../domain/analytics/analytics-report.service.js';
import { openReportCache } from '../domain/analytics/report-cache.js';
import { createTrackingRepository } from '../domain/analytics/tracking.repository.js';
import { createTrackingService } from '../domain/analytics/tracking.service.js';
import type { SettingsService } from '../domain/settings/settings.service.js';

/** Viewer tracking (public API) and the admin reports, reading their settings at each request. */
export function analyticsServices(db: Kysely<Database>, settings: SettingsService, config: Config) {
  return {
    tracking: createTrackingService({
      tracking: createTrackingRepository(db),
      options: {
        get respectDoNotTrack() {
          return settings.get('analytics.respect_dnt');
        },
      },
    }),
    analytics: createAnalyticsReportService({
      reports: createAnalyticsReportRepository(db),
      cache: openReportCache(config.analyticsCacheStorageUrl),
      options: {
        get cacheEnabled() {
          return settings.get('analytics.cache_enabled');
        },
        get cacheTtlSeconds() {
          return settings.get('analytics.cache_ttl');
        },
        get clientMaxAgeSeconds() {
          return settings.get('analytics.client_cache_max_age');
        },
      },
    }),
  };
}
