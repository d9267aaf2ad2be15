import { sql, type Expression, type RawBuilder } from 'kysely';

/**
 * How much watched time one heartbeat (or the end) of a playback session credits. The reference added a
 * fixed 30 s per heartbeat whether the viewer watched, paused or seeked. Here each beat credits the
 * playhead's forward progress since the previous beat (or the session's start), never more than the wall
 * time that passed between them:
 *
 *   wall   = server time now − server time of the previous beat (the session's start for the first)
 *   moved  = position now − position at the previous beat (the start position for the first)
 *   credit = min(moved, wall, MAX_CREDIT_SECONDS)  when 0 < moved ≤ wall × MAX_PLAYBACK_RATE + JITTER_SECONDS
 *            0                                      otherwise
 *
 * So a paused player (the position does not move) earns nothing, a seek forward (the position jumps further
 * than playback could have carried it) or back (it moves backwards) earns nothing for that interval, 2×
 * speed earns the wall time actually spent, and a lost heartbeat costs at most what the cap cuts off. The
 * `playing` flag of a heartbeat describes the player after the beat; the interval before it is judged by
 * the positions alone (a beat sent on pause still credits the playing that led up to it).
 */
export const WATCH_TIME_RULE = {
  /** The fastest playback speed the player offers (ui.md §1.4: up to 2×). */
  MAX_PLAYBACK_RATE: 2,
  /** Timer and network jitter allowed on top of that. */
  JITTER_SECONDS: 1,
  /** At most this much per beat: a tab whose timers were throttled still beats at least every minute or so. */
  MAX_CREDIT_SECONDS: 120,
} as const;

/** The credit of a beat at `position`, as SQL over the session row's previous values (in an UPDATE's SET). */
export function watchCreditSql(position: number | Expression<number>): RawBuilder<number> {
  const { MAX_PLAYBACK_RATE, JITTER_SECONDS, MAX_CREDIT_SECONDS } = WATCH_TIME_RULE;
  const wall = sql`greatest(0, extract(epoch from (now() - coalesce(last_heartbeat_at, started_at, now())))::float8)`;
  const at = typeof position === 'number' ? sql`${position}::float8` : position;
  const moved = sql`(${at} - coalesce(last_position, 0))`;
  return sql<number>`(case when ${moved} > 0 and ${moved} <= ${wall} * ${MAX_PLAYBACK_RATE} + ${JITTER_SECONDS}
    then least(${moved}, ${wall}, ${MAX_CREDIT_SECONDS}::float8) else 0 end)`;
}
