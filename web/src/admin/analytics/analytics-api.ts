/** The Analytics tab's calls (api-admin.md §6 and the retention curve), typed by the API contracts. */
import type { ApiClient } from '../api.js';
import type {
  AnalyticsOverview,
  AnalyticsPeriod,
  AnalyticsSort,
  AnalyticsTrends,
  VideoAnalyticsDetail,
  VideoAnalyticsList,
  VideoRetention,
} from '../../shared/types.js';

/** A reload of the tab's reports: each bumps `version`; `fresh` when asked past the browser cache. */
export interface Reload {
  version: number;
  fresh: boolean;
}

export type TrendPeriod = '7d' | '30d' | '90d';

/** How many points the retention curve has, less one: a point every 5 % of the video. */
export const RETENTION_BUCKETS = 20;
/** The Top Videos table shows this many rows. */
export const TOP_VIDEOS_LIMIT = 20;

/**
 * The reports answer `Cache-Control: private, max-age=…` (api-admin.md §6), so the browser reuses them
 * when the tab is shown again; `fresh` (Refresh, signing in again) asks the server past that.
 */
export function analyticsApi(api: ApiClient) {
  const get = <T>(path: string, fresh: boolean) => api.get<T>(path, fresh ? { cache: 'no-cache' } : {});
  return {
    overview: (fresh = false) => get<AnalyticsOverview>('/api/analytics/overview', fresh),
    trends: (period: TrendPeriod, fresh = false) =>
      get<AnalyticsTrends>(`/api/analytics/trends?period=${period}`, fresh),
    videos: (q: { period: AnalyticsPeriod; sortBy: AnalyticsSort }, fresh = false) =>
      get<VideoAnalyticsList>(
        `/api/analytics/videos?limit=${TOP_VIDEOS_LIMIT}&period=${q.period}&sort_by=${q.sortBy}`,
        fresh,
      ),
    video: (id: number, fresh = false) => get<VideoAnalyticsDetail>(`/api/analytics/videos/${id}`, fresh),
    retention: (id: number, fresh = false) =>
      get<VideoRetention>(`/api/analytics/videos/${id}/retention?buckets=${RETENTION_BUCKETS}`, fresh),
  };
}

export type AnalyticsApi = ReturnType<typeof analyticsApi>;
