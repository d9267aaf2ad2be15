import {
  ANALYTICS_PERIODS,
  ANALYTICS_SORTS,
  TREND_PERIODS,
  type AnalyticsOverview,
  type AnalyticsPeriod,
  type AnalyticsSort,
  type AnalyticsTrends,
  type VideoAnalyticsDetail,
  type VideoAnalyticsList,
  type VideoRetention,
} from '../../contracts/api/analytics.contract.js';
import { notFound } from '../shared/errors.js';
import { thumbnailUrl } from '../videos/video.mapper.js';
import type { AnalyticsReportRepository, SessionTotals } from './analytics-report.repository.js';
import { daysBeforeMidnight, lastDays, ratio, round, utcMidnight } from './report-days.js';
import type { ReportCache } from './report-cache.js';
import { toRetentionResponse } from './retention.mapper.js';

export interface ReportOptions {
  /** analytics.cache_enabled and analytics.cache_ttl, read at each request. */
  readonly cacheEnabled: boolean;
  readonly cacheTtlSeconds: number;
  /** analytics.client_cache_max_age: the reports' Cache-Control max-age. */
  readonly clientMaxAgeSeconds: number;
}

/** Days of the periods (api-admin.md §6); "week" and "month" end at today's UTC midnight like the overview's. */
const PERIOD_DAYS: Record<Exclude<AnalyticsPeriod, 'all'>, number> = { day: 0, week: 7, month: 30 };
const VIEWS_OVER_TIME_DAYS = 30;

const oneOf = <T extends string>(values: readonly T[], value: string, fallback: T): T =>
  (values as readonly string[]).includes(value) ? (value as T) : fallback;

/** The per-video numbers every report shows, rounded as specified. */
function videoTotals(t: SessionTotals) {
  return {
    total_views: t.views,
    unique_viewers: t.viewers,
    total_watch_time_seconds: round(t.watchSeconds, 1),
    avg_watch_duration_seconds: round(ratio(t.watchSeconds, t.views), 1),
    completion_rate: round(ratio(t.completed, t.views), 2),
  };
}

/**
 * The admin analytics reports (api-admin.md §6), each kept in the report cache for analytics.cache_ttl
 * seconds under its parameters. Days are UTC days; "today" starts at 00:00 UTC.
 */
export function createAnalyticsReportService(deps: {
  reports: AnalyticsReportRepository;
  cache: ReportCache;
  options: ReportOptions;
  now?: () => Date;
}) {
  const { reports, cache, options } = deps;
  const now = deps.now ?? (() => new Date());

  async function cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (!options.cacheEnabled) return compute();
    const hit = await cache.get(key);
    if (hit !== undefined) return hit as T;
    const value = await compute();
    await cache.set(key, value, options.cacheTtlSeconds);
    return value;
  }

  return {
    cacheControl: () => `private, max-age=${options.clientMaxAgeSeconds}`,
    close: () => cache.close(),

    overview: (): Promise<AnalyticsOverview> =>
      cached('overview', async () => {
        const at = now();
        const r = await reports.overview({
          today: utcMidnight(at),
          week: daysBeforeMidnight(at, 7),
          month: daysBeforeMidnight(at, 30),
        });
        return {
          total_views: r.views,
          unique_viewers: r.viewers,
          total_watch_time_hours: round(r.watchSeconds / 3600, 1),
          completion_rate: round(ratio(r.completed, r.views), 2),
          avg_watch_duration_seconds: round(ratio(r.watchSeconds, r.views), 1),
          views_today: r.today,
          views_this_week: r.week,
          views_this_month: r.month,
        };
      }),

    /** Unknown `sort_by` sorts by views, unknown `period` is all time (as specified). */
    videos(q: {
      limit: number;
      offset: number;
      sortBy: string;
      period: string;
    }): Promise<VideoAnalyticsList> {
      const sortBy = oneOf<AnalyticsSort>(ANALYTICS_SORTS, q.sortBy, 'views');
      const period = oneOf<AnalyticsPeriod>(ANALYTICS_PERIODS, q.period, 'all');
      return cached(`videos:${sortBy}:${period}:${q.limit}:${q.offset}`, async () => {
        const since = period === 'all' ? null : daysBeforeMidnight(now(), PERIOD_DAYS[period]);
        const page = await reports.videos({ since, sortBy, limit: q.limit, offset: q.offset });
        return {
          videos: page.rows.map((r) => ({
            video_id: r.id,
            title: r.title,
            slug: r.slug,
            thumbnail_url: thumbnailUrl(r, true),
            ...videoTotals(r.totals),
            peak_quality: r.peak_quality,
          })),
          total_count: page.totalCount,
        };
      });
    },

    video: (id: number): Promise<VideoAnalyticsDetail> =>
      cached(`video:${id}`, async () => {
        const video = await reports.findVideo(id);
        if (!video) throw notFound('Video not found');
        const duration = video.duration ?? 0;
        const at = now();
        const days = lastDays(at, VIEWS_OVER_TIME_DAYS);
        const [t, qualities, perDay] = await Promise.all([
          reports.videoTotals(id, duration),
          reports.qualityCounts(id),
          reports.perDay({ since: daysBeforeMidnight(at, VIEWS_OVER_TIME_DAYS - 1), videoId: id }),
        ]);
        const withQuality = qualities.reduce((n, q) => n + q.n, 0);
        return {
          video_id: video.id,
          title: video.title,
          duration,
          ...videoTotals(t),
          avg_percent_watched: round(t.watchedFraction, 2),
          quality_breakdown: qualities.map((q) => ({
            quality: q.quality,
            percentage: round(q.n / withQuality, 2),
          })),
          views_over_time: days.map((date) => ({ date, views: perDay.get(date)?.views ?? 0 })),
        };
      }),

    /** The share of the video's sessions that got as far as each of `buckets + 1` points (0 % … 100 %). */
    retention: (id: number, buckets: number): Promise<VideoRetention> =>
      cached(`retention:${id}:${buckets}`, async () => {
        const video = await reports.findVideo(id);
        if (!video) throw notFound('Video not found');
        const duration = video.duration ?? 0;
        const rows = await reports.retention({ videoId: id, duration, buckets });
        return toRetentionResponse({ videoId: id, duration, buckets, rows });
      }),

    /** One entry per UTC day of the period, today included; an unknown period is 30 days, echoed as given. */
    trends(q: { period: string; videoId?: number }): Promise<AnalyticsTrends> {
      const count = TREND_PERIODS[q.period as keyof typeof TREND_PERIODS] ?? 30;
      return cached(`trends:${q.period}:${q.videoId ?? ''}`, async () => {
        const at = now();
        const perDay = await reports.perDay({ since: daysBeforeMidnight(at, count - 1), videoId: q.videoId });
        return {
          period: q.period,
          data: lastDays(at, count).map((date) => {
            const d = perDay.get(date);
            return {
              date,
              views: d?.views ?? 0,
              unique_viewers: d?.viewers ?? 0,
              watch_time_hours: round((d?.watchSeconds ?? 0) / 3600, 2),
            };
          }),
        };
      });
    },
  };
}

export type AnalyticsReportService = ReturnType<typeof createAnalyticsReportService>;
