import type { VideoRetention } from '../../contracts/api/analytics.contract.js';
import { ratio, round } from './report-days.js';

/** One point of the retention query: sessions that reached point `index` of `buckets`, of `sessions`. */
export interface RetentionRow {
  index: number;
  reached: number;
  sessions: number;
}

/**
 * The retention curve as the API answers it. A video without a known duration has no positions to place
 * the points at: no points, only the session count.
 */
export function toRetentionResponse(input: {
  videoId: number;
  duration: number;
  buckets: number;
  rows: readonly RetentionRow[];
}): VideoRetention {
  const sessions = input.rows[0]?.sessions ?? 0;
  const points =
    input.duration > 0
      ? input.rows.map((r) => ({
          position_seconds: round((input.duration * r.index) / input.buckets, 2),
          percent_of_duration: round((100 * r.index) / input.buckets, 1),
          share: round(ratio(r.reached, r.sessions), 4),
        }))
      : [];
  return { video_id: input.videoId, duration: input.duration, sessions, points };
}
