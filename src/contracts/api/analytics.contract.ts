import { Type, type Static } from '@sinclair/typebox';
import { Id, Int4, Nullable, Offset } from './common.contract.js';

/** Viewer tracking (api-public.md §4.7) and the admin analytics reports (api-admin.md §6). */

/** The furthest a playhead may be (api-public.md §4.7: 0 … 86400 s). */
export const MAX_TRACKED_POSITION = 86_400;
const Position = (options: { default?: number } = {}) =>
  Type.Number({ minimum: 0, maximum: MAX_TRACKED_POSITION, ...options });
/** A quality as the player names it ("1080p", "auto", …): stored only when it is a ladder name. */
const QualityIn = Type.Optional(Nullable(Type.String({ maxLength: 32 })));
const SessionToken = Type.String({ minLength: 1, maxLength: 64 });

export const StartSessionBody = Type.Object({
  video_id: Id(),
  quality: QualityIn,
  /** Not in the reference: where playback starts (a resumed or `?t=` start), so the first beat counts. */
  position: Type.Optional(Position({ default: 0 })),
});
export type StartSessionBody = Static<typeof StartSessionBody>;
export const SessionStarted = Type.Object({ session_token: Type.String() });
export type SessionStarted = Static<typeof SessionStarted>;

export const HeartbeatBody = Type.Object({
  session_token: SessionToken,
  position: Position(),
  quality: QualityIn,
  playing: Type.Boolean({ default: true }),
});
export type HeartbeatBody = Static<typeof HeartbeatBody>;

export const EndSessionBody = Type.Object({
  session_token: SessionToken,
  position: Position(),
  completed: Type.Boolean({ default: false }),
});
export type EndSessionBody = Static<typeof EndSessionBody>;

// Admin reports (api-admin.md §6).

export const ANALYTICS_SORTS = ['views', 'watch_time', 'completion_rate'] as const;
export type AnalyticsSort = (typeof ANALYTICS_SORTS)[number];
export const ANALYTICS_PERIODS = ['all', 'day', 'week', 'month'] as const;
export type AnalyticsPeriod = (typeof ANALYTICS_PERIODS)[number];
export const TREND_PERIODS = { '7d': 7, '30d': 30, '90d': 90 } as const;

export const AnalyticsOverview = Type.Object({
  total_views: Type.Integer(),
  unique_viewers: Type.Integer(),
  total_watch_time_hours: Type.Number(),
  completion_rate: Type.Number(),
  avg_watch_duration_seconds: Type.Number(),
  views_today: Type.Integer(),
  views_this_week: Type.Integer(),
  views_this_month: Type.Integer(),
});
export type AnalyticsOverview = Static<typeof AnalyticsOverview>;
/** The UI sends `period`; the overview covers all sessions whatever it says (api-admin.md §6). */
export const OverviewQuery = Type.Object({ period: Type.Optional(Type.String({ maxLength: 32 })) });

/** Unknown `sort_by` / `period` values fall back (views, all) rather than fail, as specified. */
export const VideoAnalyticsQuery = Type.Object({
  limit: Int4({ minimum: 1, maximum: 100, default: 50 }),
  offset: Offset(),
  sort_by: Type.String({ maxLength: 32, default: 'views' }),
  period: Type.String({ maxLength: 32, default: 'all' }),
});
export type VideoAnalyticsQuery = Static<typeof VideoAnalyticsQuery>;

const VideoTotals = {
  total_views: Type.Integer(),
  unique_viewers: Type.Integer(),
  total_watch_time_seconds: Type.Number(),
  avg_watch_duration_seconds: Type.Number(),
  completion_rate: Type.Number(),
};

export const VideoAnalyticsItem = Type.Object({
  video_id: Type.Integer(),
  title: Type.String(),
  slug: Type.String(),
  thumbnail_url: Nullable(Type.String()),
  ...VideoTotals,
  peak_quality: Nullable(Type.String()),
});
export type VideoAnalyticsItem = Static<typeof VideoAnalyticsItem>;
export const VideoAnalyticsList = Type.Object({
  videos: Type.Array(VideoAnalyticsItem),
  total_count: Type.Integer(),
});
export type VideoAnalyticsList = Static<typeof VideoAnalyticsList>;

export const QualityShare = Type.Object({ quality: Type.String(), percentage: Type.Number() });
export const DayViews = Type.Object({ date: Type.String(), views: Type.Integer() });
export const VideoAnalyticsDetail = Type.Object({
  video_id: Type.Integer(),
  title: Type.String(),
  duration: Type.Number(),
  ...VideoTotals,
  avg_percent_watched: Type.Number(),
  quality_breakdown: Type.Array(QualityShare),
  views_over_time: Type.Array(DayViews),
});
export type VideoAnalyticsDetail = Static<typeof VideoAnalyticsDetail>;

export const TrendsQuery = Type.Object({
  period: Type.String({ maxLength: 32, default: '30d' }),
  video_id: Type.Optional(Id()),
});
export type TrendsQuery = Static<typeof TrendsQuery>;
export const TrendDay = Type.Object({
  date: Type.String(),
  views: Type.Integer(),
  unique_viewers: Type.Integer(),
  watch_time_hours: Type.Number(),
});
export const AnalyticsTrends = Type.Object({ period: Type.String(), data: Type.Array(TrendDay) });
export type AnalyticsTrends = Static<typeof AnalyticsTrends>;

/**
 * Audience retention (not in the reference, issue 13): the share of a video's sessions still watching at
 * `buckets + 1` evenly spaced points from its start (0 %) to its end (100 %).
 */
export const RetentionQuery = Type.Object({
  buckets: Int4({ minimum: 2, maximum: 100, default: 20 }),
});
export type RetentionQuery = Static<typeof RetentionQuery>;
export const RetentionPoint = Type.Object({
  position_seconds: Type.Number(),
  percent_of_duration: Type.Number(),
  /** Fraction (4 dp) of the video's sessions whose furthest position reached this point. */
  share: Type.Number(),
});
export type RetentionPoint = Static<typeof RetentionPoint>;
export const VideoRetention = Type.Object({
  video_id: Type.Integer(),
  duration: Type.Number(),
  sessions: Type.Integer(),
  /** Empty when the video has no known duration (no positions to place the points at). */
  points: Type.Array(RetentionPoint),
});
export type VideoRetention = Static<typeof VideoRetention>;
