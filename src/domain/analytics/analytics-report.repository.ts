import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/database.types.js';

/** Totals of a set of sessions, as the reports need them (numbers, unrounded). */
export interface SessionTotals {
  views: number;
  viewers: number;
  watchSeconds: number;
  completed: number;
}

const totals = sql<number>`count(ps.id)::int`;
const viewers = sql<number>`count(distinct ps.viewer_id)::int`;
const watchSeconds = sql<number>`coalesce(sum(ps.duration_watched), 0)::float8`;
const completed = sql<number>`(count(ps.id) filter (where ps.completed))::int`;
const completionRate = sql<number>`(case when count(ps.id) = 0 then 0
  else (count(ps.id) filter (where ps.completed))::float8 / count(ps.id) end)`;
/** A session's UTC calendar day. */
const day = sql<string>`to_char(ps.started_at at time zone 'UTC', 'YYYY-MM-DD')`;

/** See retention(). */
const END_SLACK_SECONDS = 0.5;

const SORT_COLUMNS = { views: totals, watch_time: watchSeconds, completion_rate: completionRate } as const;

const toTotals = (r: {
  views: unknown;
  viewers: unknown;
  watch: unknown;
  completed: unknown;
}): SessionTotals => ({
  views: Number(r.views),
  viewers: Number(r.viewers),
  watchSeconds: Number(r.watch),
  completed: Number(r.completed),
});

/** SQL of the admin analytics reports (api-admin.md §6), over playback_sessions. */
export function createAnalyticsReportRepository(db: Kysely<Database>) {
  const sessions = () => db.selectFrom('playback_sessions as ps');

  return {
    /** All sessions' totals, and the views since each of the given instants. */
    async overview(since: { today: Date; week: Date; month: Date }) {
      const r = await sessions()
        .select([
          totals.as('views'),
          viewers.as('viewers'),
          watchSeconds.as('watch'),
          completed.as('completed'),
          sql<number>`(count(ps.id) filter (where ps.started_at >= ${since.today}))::int`.as('today'),
          sql<number>`(count(ps.id) filter (where ps.started_at >= ${since.week}))::int`.as('week'),
          sql<number>`(count(ps.id) filter (where ps.started_at >= ${since.month}))::int`.as('month'),
        ])
        .executeTakeFirstOrThrow();
      return { ...toTotals(r), today: Number(r.today), week: Number(r.week), month: Number(r.month) };
    },

    /** Ready videos (deleted ones too) with their sessions since `since` (all when null), sorted desc. */
    async videos(q: {
      since: Date | null;
      sortBy: keyof typeof SORT_COLUMNS;
      limit: number;
      offset: number;
    }) {
      const inPeriod = q.since ? sql<SqlBool>`ps.started_at >= ${q.since}` : sql<SqlBool>`true`;
      const rows = await db
        .selectFrom('videos as v')
        .leftJoin('playback_sessions as ps', (j) =>
          j.onRef('ps.video_id', '=', 'v.id').on(inPeriod as Expression<SqlBool>),
        )
        .where('v.status', '=', 'ready')
        .groupBy('v.id')
        .select([
          'v.id',
          'v.title',
          'v.slug',
          'v.status',
          'v.thumbnail_source',
          'v.thumbnail_timestamp',
          totals.as('views'),
          viewers.as('viewers'),
          watchSeconds.as('watch'),
          completed.as('completed'),
          sql<string | null>`(select q.quality_used from playback_sessions q
            where q.video_id = v.id and q.quality_used is not null
              and (${q.since}::timestamptz is null or q.started_at >= ${q.since}::timestamptz)
            group by q.quality_used order by count(*) desc, q.quality_used limit 1)`.as('peak_quality'),
        ])
        .orderBy(SORT_COLUMNS[q.sortBy], 'desc')
        .orderBy('v.id')
        .limit(q.limit)
        .offset(q.offset)
        .execute();
      const count = await db
        .selectFrom('videos')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('status', '=', 'ready')
        .executeTakeFirstOrThrow();
      return { rows: rows.map((r) => ({ ...r, totals: toTotals(r) })), totalCount: Number(count.n) };
    },

    async findVideo(id: number) {
      return db
        .selectFrom('videos')
        .select(['id', 'title', 'duration'])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** One video's totals and its mean furthest position as a fraction of `duration` (each capped at 1). */
    async videoTotals(id: number, duration: number) {
      const r = await sessions()
        .where('ps.video_id', '=', id)
        .select([
          totals.as('views'),
          viewers.as('viewers'),
          watchSeconds.as('watch'),
          completed.as('completed'),
          sql<number>`coalesce(avg(least(coalesce(ps.max_position, 0) / ${duration}::float8, 1)), 0)::float8`.as(
            'watched_fraction',
          ),
        ])
        .executeTakeFirstOrThrow();
      return { ...toTotals(r), watchedFraction: duration > 0 ? Number(r.watched_fraction) : 0 };
    },

    /** Sessions per stored quality, most used first. */
    async qualityCounts(id: number): Promise<Array<{ quality: string; n: number }>> {
      const rows = await sessions()
        .where('ps.video_id', '=', id)
        .where('ps.quality_used', 'is not', null)
        .groupBy('ps.quality_used')
        .select(['ps.quality_used as quality', sql<number>`count(*)::int`.as('n')])
        .orderBy('n', 'desc')
        .orderBy('ps.quality_used')
        .execute();
      return rows.map((r) => ({ quality: r.quality ?? '', n: Number(r.n) }));
    },

    /**
     * For each of the points 0, 1/buckets, …, 1 of the video: how many of its sessions reached it, and how
     * many sessions it has. We store no per-second trace of a session, only its furthest position
     * (max_position, raised by every heartbeat and the end), so "still watching at p" means "got at least
     * as far as p"; a session with no position (opened, never played) reached only the start. The end
     * counts as reached within END_SLACK_SECONDS of the probed duration: the player's last position at
     * `ended` is the media element's duration, which can fall a few hundredths short of it.
     */
    async retention(q: { videoId: number; duration: number; buckets: number }) {
      const at = sql`least(${q.duration}::float8 * g.i / ${q.buckets}, greatest(${q.duration}::float8 - ${END_SLACK_SECONDS}, 0))`;
      const { rows } = await sql<{ i: number; reached: number; sessions: number }>`
        select g.i::int as i,
          (count(ps.id) filter (where coalesce(ps.max_position, 0) >= ${at}))::int as reached,
          count(ps.id)::int as sessions
        from generate_series(0, ${q.buckets}::int) as g(i)
        left join playback_sessions ps on ps.video_id = ${q.videoId}
        group by g.i
        order by g.i`.execute(db);
      return rows.map((r) => ({
        index: Number(r.i),
        reached: Number(r.reached),
        sessions: Number(r.sessions),
      }));
    },

    /** Per UTC day since `since` (days without sessions absent): views, viewers, watched seconds. */
    async perDay(q: { since: Date; videoId?: number }) {
      let query = sessions().where('ps.started_at', '>=', q.since);
      if (q.videoId !== undefined) query = query.where('ps.video_id', '=', q.videoId);
      const rows = await query
        .groupBy(day)
        .select([day.as('day'), totals.as('views'), viewers.as('viewers'), watchSeconds.as('watch')])
        .execute();
      return new Map(
        rows.map((r) => [
          r.day,
          { views: Number(r.views), viewers: Number(r.viewers), watchSeconds: Number(r.watch) },
        ]),
      );
    },
  };
}

export type AnalyticsReportRepository = ReturnType<typeof createAnalyticsReportRepository>;
