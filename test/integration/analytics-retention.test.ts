// The audience-retention curve (GET /api/analytics/videos/{id}/retention): scripted viewers watch through
// the real public tracking endpoints, then each point's share is checked against values worked out by
// hand, on both databases; plus the 401/400/404 answers.
import { describe, expect, it } from 'vitest';
import { adminInject } from '../helpers/admin-inject.js';
import { analyticsVideo, reportGetter, viewerBrowser } from '../helpers/analytics.js';
import { DRIVERS } from '../helpers/test-db.js';
import type { TestApp } from '../helpers/test-app.js';
import { useTestApp } from '../helpers/use-test-app.js';

/** One session of a fresh viewer: the heartbeats at `beats`, then the end at `end` (none: never ended). */
async function watch(t: TestApp, video: number, beats: number[], end?: number): Promise<string> {
  const b = viewerBrowser(t);
  const token = await b.start(video, '720p');
  for (const pos of beats) await b.beat(token, pos);
  if (end !== undefined) await b.end(token, end, end >= 90);
  return token;
}

describe.each(DRIVERS)('analytics retention curve (%s)', (driver) => {
  const t = useTestApp(driver, { VLOG_ANALYTICS_CACHE_ENABLED: 'false' });
  const get = reportGetter(t);

  it('gives the share of sessions whose furthest position reached each point', async () => {
    const a = await analyticsVideo(t, { duration: 100 });
    const other = await analyticsVideo(t, { duration: 100 });
    // Furthest positions on A: 100 (to the end), 40, 75 (exactly on a point), 99.6 (within the 0.5 s end
    // slack), 99.4 (not), a session opened and never played (0), and one whose max_position is NULL.
    await watch(t, a.id, [30, 60], 100);
    await watch(t, a.id, [20], 40);
    await watch(t, a.id, [75]);
    await watch(t, a.id, [50], 99.6);
    await watch(t, a.id, [], 99.4);
    await watch(t, a.id, []);
    const blank = await watch(t, a.id, []);
    await t.container.db
      .updateTable('playback_sessions')
      .set({ max_position: null })
      .where('session_token', '=', blank)
      .execute();
    // Another video's sessions never count.
    await watch(t, other.id, [10], 10);

    // 7 sessions. 0 s: all 7. 25 s: 100, 40, 75, 99.6, 99.4 = 5/7. 50 s and 75 s: 100, 75, 99.6, 99.4 = 4/7.
    // 100 s (reached from 99.5 on): 100, 99.6 = 2/7.
    expect(await get(`/api/analytics/videos/${a.id}/retention?buckets=4`)).toEqual({
      video_id: a.id,
      duration: 100,
      sessions: 7,
      points: [
        { position_seconds: 0, percent_of_duration: 0, share: 1 },
        { position_seconds: 25, percent_of_duration: 25, share: 0.7143 },
        { position_seconds: 50, percent_of_duration: 50, share: 0.5714 },
        { position_seconds: 75, percent_of_duration: 75, share: 0.5714 },
        { position_seconds: 100, percent_of_duration: 100, share: 0.2857 },
      ],
    });

    // Default: 20 buckets, 21 points 5 s apart. 40 s: 100, 40, 75, 99.6, 99.4 = 5/7; 45 s: 4/7.
    const byDefault = await get(`/api/analytics/videos/${a.id}/retention`);
    expect(byDefault.points).toHaveLength(21);
    expect(byDefault.points[8]).toEqual({ position_seconds: 40, percent_of_duration: 40, share: 0.7143 });
    expect(byDefault.points[9]).toEqual({ position_seconds: 45, percent_of_duration: 45, share: 0.5714 });

    // The other video: one session to 10 of 100.
    expect((await get(`/api/analytics/videos/${other.id}/retention?buckets=2`)).points).toEqual([
      { position_seconds: 0, percent_of_duration: 0, share: 1 },
      { position_seconds: 50, percent_of_duration: 50, share: 0 },
      { position_seconds: 100, percent_of_duration: 100, share: 0 },
    ]);
  });

  it('answers zero shares for an unwatched video and no points without a duration', async () => {
    const unwatched = await analyticsVideo(t, { duration: 30 });
    expect(await get(`/api/analytics/videos/${unwatched.id}/retention?buckets=3`)).toEqual({
      video_id: unwatched.id,
      duration: 30,
      sessions: 0,
      points: [0, 10, 20, 30].map((s, i) => ({
        position_seconds: s,
        percent_of_duration: [0, 33.3, 66.7, 100][i],
        share: 0,
      })),
    });
    const unprobed = await analyticsVideo(t, { duration: 0 });
    await watch(t, unprobed.id, [5]);
    expect(await get(`/api/analytics/videos/${unprobed.id}/retention`)).toEqual({
      video_id: unprobed.id,
      duration: 0,
      sessions: 1,
      points: [],
    });
  });

  it('refuses the unauthenticated, bad parameters and a missing video', async () => {
    const video = await analyticsVideo(t, { duration: 10 });
    const anonymous = await t.adminApp.inject({
      method: 'GET',
      url: `/api/analytics/videos/${video.id}/retention`,
    });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toEqual({ detail: 'Authentication required' });
    for (const query of ['buckets=1', 'buckets=101', 'buckets=abc', 'buckets=2.5']) {
      const res = await adminInject(t, 'GET', `/api/analytics/videos/${video.id}/retention?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json<{ detail: string }>().detail).toMatch(/buckets/);
    }
    for (const id of ['0', 'abc']) {
      const res = await adminInject(t, 'GET', `/api/analytics/videos/${id}/retention`);
      expect(res.statusCode, id).toBe(400);
    }
    const missing = await adminInject(t, 'GET', '/api/analytics/videos/99999999/retention');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ detail: 'Video not found' });
  });
});
