// The admin analytics reports (api-admin.md §6) are exact: scripted viewers watch videos through the real
// public endpoints (partial and complete watches, seeks, qualities, different days), then every number of
// the four reports is checked against values worked out by hand below, on both databases.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { adminInject } from '../helpers/admin-inject.js';
import { ageSession, analyticsVideo, reportGetter, viewerBrowser } from '../helpers/analytics.js';
import { DRIVERS } from '../helpers/test-db.js';
import type { TestApp } from '../helpers/test-app.js';
import { useTestApp } from '../helpers/use-test-app.js';

type Browser = ReturnType<typeof viewerBrowser>;
interface Beat {
  pos: number;
  /** Seconds of wall time before the beat; default: 10 more than the playhead moved (all of it counts). */
  age?: number;
  quality?: string;
}

/** One scripted session; `daysAgo` moves its start to that many days before now once it is over. */
async function watch(
  t: TestApp,
  b: Browser,
  s: {
    video: number;
    quality: string | null;
    beats: Beat[];
    end?: Beat & { completed?: boolean };
    daysAgo: number;
  },
) {
  const token = await b.start(s.video, s.quality);
  let last = 0;
  const wait = (beat: Beat) => ageSession(t, token, beat.age ?? Math.max(beat.pos - last, 0) + 10);
  for (const beat of s.beats) {
    await wait(beat);
    await b.beat(token, beat.pos, { quality: beat.quality });
    last = beat.pos;
  }
  if (s.end) {
    await wait(s.end);
    await b.end(token, s.end.pos, s.end.completed);
  }
  await t.container.db
    .updateTable('playback_sessions')
    .set({ started_at: sql`now() - make_interval(days => ${s.daysAgo})` })
    .where('session_token', '=', token)
    .execute();
}

/** "YYYY-MM-DD" of the UTC day `n` days ago. */
const dayAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** The `count` days ending today, with the given non-zero entries, others zero. */
function series<T extends object>(count: number, zero: T, entries: Record<number, Partial<T>>) {
  return Array.from({ length: count }, (_, i) => {
    const ago = count - 1 - i;
    return { date: dayAgo(ago), ...zero, ...(entries[ago] ?? {}) };
  });
}

describe.each(DRIVERS)('analytics reports are exact (%s)', (driver) => {
  const t = useTestApp(driver, { VLOG_ANALYTICS_CACHE_ENABLED: 'false' });
  const get = reportGetter(t);

  it('counts every session, viewer, second, completion, quality and day', async () => {
    const before = await t.container.db
      .selectFrom('videos')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('status', '=', 'ready')
      .executeTakeFirstOrThrow();
    expect(Number(before.n)).toBe(0);
    const a = await analyticsVideo(t, { duration: 100, title: 'A' });
    const b = await analyticsVideo(t, { duration: 200, title: 'B' });
    const c = await analyticsVideo(t, { duration: 50, title: 'C' });
    await analyticsVideo(t, { duration: 10, status: 'pending', title: 'D' });
    const [v1, v2, v3, v4] = [viewerBrowser(t), viewerBrowser(t), viewerBrowser(t), viewerBrowser(t)];

    // S1: A, V1, today. 30 + 30 + 35 = 95 s, furthest 95 ≥ 90 % → complete.
    await watch(t, v1, {
      video: a.id,
      quality: '1080p',
      beats: [{ pos: 30 }, { pos: 60 }],
      end: { pos: 95 },
      daysAgo: 0,
    });
    // S2: A, V2, today. 20 + 20 = 40 s, furthest 40 → partial.
    await watch(t, v2, { video: a.id, quality: '720p', beats: [{ pos: 20 }], end: { pos: 40 }, daysAgo: 0 });
    // S3: A, V1, 1 day ago, "auto" → no quality. 50 s; the client says complete.
    await watch(t, v1, {
      video: a.id,
      quality: 'auto',
      beats: [{ pos: 50 }],
      end: { pos: 50, completed: true },
      daysAgo: 1,
    });
    // S4: A, V3, 5 days ago. 10 s, a seek to 80 (70 s in 1 s: nothing), 10 s, end in place: 20 s; 90 → complete.
    await watch(t, v3, {
      video: a.id,
      quality: '1080p',
      beats: [{ pos: 10 }, { pos: 80, age: 1 }, { pos: 90 }],
      end: { pos: 90 },
      daysAgo: 5,
    });
    // S5: B, V2, 7 days ago. 100 + 50 = 150 s, 150 of 200 → partial.
    await watch(t, v2, {
      video: b.id,
      quality: '480p',
      beats: [{ pos: 100 }],
      end: { pos: 150 },
      daysAgo: 7,
    });
    // S6: B, V4 (whose viewer row is then deleted: no viewer), 10 days ago. 100 + 90 = 190 s → complete.
    await watch(t, v4, {
      video: b.id,
      quality: '1080p',
      beats: [{ pos: 100 }, { pos: 190 }],
      end: { pos: 190 },
      daysAgo: 10,
    });
    // S7: B, V1, 40 days ago, switched from 720p to 480p. 30 s → partial.
    await watch(t, v1, {
      video: b.id,
      quality: '720p',
      beats: [{ pos: 30, quality: '480p' }],
      end: { pos: 30 },
      daysAgo: 40,
    });
    // S8: C (archived afterwards), V3, today. 25 s of 50 → partial.
    await watch(t, v3, { video: c.id, quality: null, beats: [{ pos: 25 }], end: { pos: 25 }, daysAgo: 0 });
    // S9: A, V2, 2 days ago, 360p: opened, never played, never ended.
    await watch(t, v2, { video: a.id, quality: '360p', beats: [], daysAgo: 2 });
    await t.container.db
      .updateTable('videos')
      .set({ deleted_at: new Date() })
      .where('id', '=', c.id)
      .execute();
    await t.container.db.deleteFrom('viewers').where('session_id', '=', v4.cookie!).execute();

    // Overview: 9 sessions; viewers V1, V2, V3 (S6 has none); 95+40+50+20+150+190+30+25+0 = 600 s = 0.1667 h;
    // complete S1, S3, S4, S6 = 4/9; 600/9 = 66.67 s; today S1, S2, S8; week adds S3, S4, S5 (7 days ago is
    // after midnight − 7 d), S9; month adds S6.
    expect(await get('/api/analytics/overview?period=week')).toEqual({
      total_views: 9,
      unique_viewers: 3,
      total_watch_time_hours: 0.2,
      completion_rate: 0.44,
      avg_watch_duration_seconds: 66.7,
      views_today: 3,
      views_this_week: 7,
      views_this_month: 8,
    });

    // Per video, all time. A: S1 S2 S3 S4 S9 — viewers V1 V2 V3, 205 s, complete 3/5, 1080p twice.
    // B: S5 S6 S7 — viewers V2 V1, 370 s (123.33 avg), complete 1/3, 480p twice. C: S8 only, no quality.
    const rowA = {
      video_id: a.id,
      title: 'A',
      slug: a.slug,
      total_views: 5,
      unique_viewers: 3,
      total_watch_time_seconds: 205,
      avg_watch_duration_seconds: 41,
      completion_rate: 0.6,
      peak_quality: '1080p',
    };
    const rowB = {
      video_id: b.id,
      title: 'B',
      slug: b.slug,
      total_views: 3,
      unique_viewers: 2,
      total_watch_time_seconds: 370,
      avg_watch_duration_seconds: 123.3,
      completion_rate: 0.33,
      peak_quality: '480p',
    };
    const rowC = {
      video_id: c.id,
      title: 'C',
      slug: c.slug,
      total_views: 1,
      unique_viewers: 1,
      total_watch_time_seconds: 25,
      avg_watch_duration_seconds: 25,
      completion_rate: 0,
      peak_quality: null,
    };
    const list = async (query: string) => {
      const body = await get(`/api/analytics/videos${query}`);
      expect(body.total_count).toBe(3); // ready videos, the archived one included, not the pending one
      for (const v of body.videos)
        expect(v.thumbnail_url).toMatch(new RegExp(`^/videos/${v.slug}/thumbnail\\.jpg\\?v=\\d+$`));
      return body.videos.map(({ thumbnail_url: _, ...rest }: { thumbnail_url: string }) => rest);
    };
    expect(await list('')).toEqual([rowA, rowB, rowC]);
    expect(await list('?sort_by=nonsense&period=nonsense')).toEqual([rowA, rowB, rowC]);
    expect(await list('?sort_by=watch_time')).toEqual([rowB, rowA, rowC]);
    expect(await list('?sort_by=completion_rate')).toEqual([rowA, rowB, rowC]);
    expect(await list('?limit=1&offset=1')).toEqual([rowB]);
    // Today: A has S1 S2 (135 s, one complete, 1080p and 720p once each: the first by name), C has S8, B none.
    expect(await list('?period=day')).toEqual([
      {
        ...rowA,
        total_views: 2,
        unique_viewers: 2,
        total_watch_time_seconds: 135,
        avg_watch_duration_seconds: 67.5,
        completion_rate: 0.5,
      },
      rowC,
      {
        ...rowB,
        total_views: 0,
        unique_viewers: 0,
        total_watch_time_seconds: 0,
        avg_watch_duration_seconds: 0,
        completion_rate: 0,
        peak_quality: null,
      },
    ]);
    // This week: A all five; B only S5 (ties with C on views: lower id first).
    expect(await list('?period=week')).toEqual([
      rowA,
      {
        ...rowB,
        total_views: 1,
        unique_viewers: 1,
        total_watch_time_seconds: 150,
        avg_watch_duration_seconds: 150,
        completion_rate: 0,
      },
      rowC,
    ]);
    // This month: B adds S6 (no viewer).
    expect(await list('?period=month&sort_by=watch_time')).toEqual([
      {
        ...rowB,
        total_views: 2,
        unique_viewers: 1,
        total_watch_time_seconds: 340,
        avg_watch_duration_seconds: 170,
        completion_rate: 0.5,
        peak_quality: '1080p',
      },
      rowA,
      rowC,
    ]);

    // One video. A: furthest 95, 40, 50, 90, 0 of 100 → 0.55; qualities 1080p ×2, 360p, 720p of 4 known.
    expect(await get(`/api/analytics/videos/${a.id}`)).toEqual({
      video_id: a.id,
      title: 'A',
      duration: 100,
      total_views: 5,
      unique_viewers: 3,
      total_watch_time_seconds: 205,
      avg_watch_duration_seconds: 41,
      completion_rate: 0.6,
      avg_percent_watched: 0.55,
      quality_breakdown: [
        { quality: '1080p', percentage: 0.5 },
        { quality: '360p', percentage: 0.25 },
        { quality: '720p', percentage: 0.25 },
      ],
      views_over_time: series(
        30,
        { views: 0 },
        { 0: { views: 2 }, 1: { views: 1 }, 2: { views: 1 }, 5: { views: 1 } },
      ),
    });
    // B: furthest 150, 190, 30 of 200 → 1.85 / 3 = 0.62; S7 (40 days ago) is outside the 30 days.
    expect(await get(`/api/analytics/videos/${b.id}`)).toMatchObject({
      total_views: 3,
      avg_percent_watched: 0.62,
      quality_breakdown: [
        { quality: '480p', percentage: 0.67 },
        { quality: '1080p', percentage: 0.33 },
      ],
      views_over_time: series(30, { views: 0 }, { 7: { views: 1 }, 10: { views: 1 } }),
    });
    expect(await get(`/api/analytics/videos/${c.id}`)).toMatchObject({
      total_views: 1,
      avg_percent_watched: 0.5,
      quality_breakdown: [],
    });
    const missing = await adminInject(t, 'GET', '/api/analytics/videos/99999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ detail: 'Video not found' });

    // Trends, per UTC day: today S1 S2 S8 (3 viewers, 160 s = 0.04 h); 1 day ago S3 (50 s → 0.01);
    // 2 days ago S9 (0 s); 5 days ago S4 (20 s → 0.01); 7 days ago S5 (150 s → 0.04); 10 days ago S6 (no
    // viewer, 190 s → 0.05); 40 days ago S7 (30 s → 0.01).
    const zero = { views: 0, unique_viewers: 0, watch_time_hours: 0 };
    const week = {
      0: { views: 3, unique_viewers: 3, watch_time_hours: 0.04 },
      1: { views: 1, unique_viewers: 1, watch_time_hours: 0.01 },
      2: { views: 1, unique_viewers: 1, watch_time_hours: 0 },
      5: { views: 1, unique_viewers: 1, watch_time_hours: 0.01 },
    };
    const month = {
      ...week,
      7: { views: 1, unique_viewers: 1, watch_time_hours: 0.04 },
      10: { views: 1, unique_viewers: 0, watch_time_hours: 0.05 },
    };
    expect(await get('/api/analytics/trends?period=7d')).toEqual({
      period: '7d',
      data: series(7, zero, week),
    });
    expect(await get('/api/analytics/trends?period=30d')).toEqual({
      period: '30d',
      data: series(30, zero, month),
    });
    expect(await get('/api/analytics/trends')).toEqual({ period: '30d', data: series(30, zero, month) });
    expect(await get('/api/analytics/trends?period=fortnight')).toEqual({
      period: 'fortnight',
      data: series(30, zero, month),
    });
    expect(await get('/api/analytics/trends?period=90d')).toEqual({
      period: '90d',
      data: series(90, zero, { ...month, 40: { views: 1, unique_viewers: 1, watch_time_hours: 0.01 } }),
    });
    expect(await get(`/api/analytics/trends?period=30d&video_id=${b.id}`)).toEqual({
      period: '30d',
      data: series(30, zero, {
        7: { views: 1, unique_viewers: 1, watch_time_hours: 0.04 },
        10: { views: 1, unique_viewers: 0, watch_time_hours: 0.05 },
      }),
    });
  });

  it('refuses bad parameters with 400', async () => {
    for (const url of [
      '/api/analytics/videos?limit=0',
      '/api/analytics/videos?limit=101',
      '/api/analytics/videos?offset=-1',
      '/api/analytics/videos/0',
      '/api/analytics/videos/abc',
      '/api/analytics/trends?video_id=x',
    ]) {
      const res = await adminInject(t, 'GET', url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json<{ detail: string }>().detail).toBeTruthy();
    }
  });
});

describe.each(DRIVERS)('analytics report cache (%s)', (driver) => {
  const t = useTestApp(driver, { VLOG_ANALYTICS_CACHE_TTL: '60', VLOG_ANALYTICS_CLIENT_CACHE_MAX_AGE: '15' });

  it('answers a report from the cache for analytics.cache_ttl, with the client max-age', async () => {
    const video = await analyticsVideo(t, { duration: 60 });
    const overview = async () => {
      const res = await adminInject(t, 'GET', '/api/analytics/overview');
      expect(res.headers['cache-control']).toBe('private, max-age=15');
      return res.json<{ total_views: number }>().total_views;
    };
    const first = await overview();
    await viewerBrowser(t).start(video.id);
    expect(await overview()).toBe(first);
    const off = await adminInject(t, 'PUT', '/api/settings/key/analytics.cache_enabled', { value: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(await overview()).toBe(first + 1);
  });
});
