// Viewer tracking (api-public.md §4.7) on both databases, over the real public app: the viewer cookie,
// sessions, watched time from positions and wall time (not +30 s per beat), completion at 90 %, quality
// normalisation, sendBeacon bodies, Do Not Track, and no IP address stored.
import { describe, expect, it } from 'vitest';
import { adminInject } from '../helpers/admin-inject.js';
import { ageSession, analyticsVideo, sessionRow, viewerBrowser } from '../helpers/analytics.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

describe.each(DRIVERS)('viewer tracking (%s)', (driver) => {
  const t = useTestApp(driver);

  it('gives a new browser a viewer cookie and keeps it; a session per start; the view counts on the list', async () => {
    const video = await analyticsVideo(t, { duration: 100 });
    const browser = viewerBrowser(t);
    const first = await browser.post('/api/analytics/session', { video_id: video.id, quality: '720p' });
    expect(first.statusCode).toBe(200);
    const cookie = first.cookies.find((c) => c.name === 'vlog_viewer');
    expect(cookie).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
      maxAge: 31536000,
      path: '/',
      secure: true,
    });
    expect(cookie?.value).toMatch(/^[0-9a-f-]{36}$/);
    const again = await browser.post('/api/analytics/session', { video_id: video.id });
    expect(again.cookies.find((c) => c.name === 'vlog_viewer')).toBeUndefined();
    const tokens = [first.json().session_token, again.json().session_token];
    expect(new Set(tokens).size).toBe(2);
    const rows = await Promise.all(tokens.map((token: string) => sessionRow(t, token)));
    expect(rows[0]?.viewer_id).toBe(rows[1]?.viewer_id);
    expect(rows.map((r) => r.quality_used)).toEqual(['720p', null]);
    // A cookie no viewer holds (or garbage) gets a new viewer.
    const stranger = await t.publicApp.inject({
      method: 'POST',
      url: '/api/analytics/session',
      payload: { video_id: video.id },
      headers: { cookie: 'vlog_viewer=not-a-uuid' },
    });
    expect(stranger.cookies.find((c) => c.name === 'vlog_viewer')?.value).not.toBe(browser.cookie);
    const list = await t.publicApp.inject({ method: 'GET', url: '/api/videos?limit=100' });
    const item = list
      .json<{ videos: Array<{ id: number; view_count: number }> }>()
      .videos.find((v) => v.id === video.id);
    expect(item?.view_count).toBe(3);
  });

  it('refuses videos that are missing, not ready or deleted (404) and bad bodies (400)', async () => {
    const pending = await analyticsVideo(t, { duration: 10, status: 'pending' });
    const deleted = await analyticsVideo(t, { duration: 10, deleted: true });
    const browser = viewerBrowser(t);
    for (const id of [pending.id, deleted.id, 99999999]) {
      const res = await browser.post('/api/analytics/session', { video_id: id });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ detail: 'Video not found' });
    }
    const video = await analyticsVideo(t, { duration: 10 });
    const token = await browser.start(video.id);
    const bad: Array<[string, object | string]> = [
      ['/api/analytics/session', { video_id: 'x' }],
      ['/api/analytics/session', {}],
      ['/api/analytics/heartbeat', { session_token: token, position: -1 }],
      ['/api/analytics/heartbeat', { session_token: token, position: 86400.5 }],
      ['/api/analytics/heartbeat', { session_token: token }],
      ['/api/analytics/heartbeat', { session_token: 'x'.repeat(65), position: 1 }],
      ['/api/analytics/heartbeat', { session_token: token, position: 1, playing: 'yes' }],
      ['/api/analytics/end', { session_token: token, position: 1e9 }],
      ['/api/analytics/end', '{not json'],
    ];
    for (const [url, payload] of bad) {
      const res = await browser.post(url, payload);
      expect(res.statusCode, `${url} ${JSON.stringify(payload)}`).toBe(400);
      expect(res.json<{ detail: string }>().detail).toBeTruthy();
    }
    for (const url of ['/api/analytics/heartbeat', '/api/analytics/end']) {
      const res = await browser.post(url, { session_token: 'no-such-session', position: 1 });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ detail: 'Session not found' });
    }
  });

  it('credits forward progress at most the wall time between beats: pauses and seeks earn nothing', async () => {
    const video = await analyticsVideo(t, { duration: 600 });
    const browser = viewerBrowser(t);
    const token = await browser.start(video.id, '1080p');
    await ageSession(t, token, 40);
    await browser.beat(token, 30); // 30 s of playback in 40 s of wall time: 30
    expect((await sessionRow(t, token)).duration_watched).toBeCloseTo(30, 6);
    await ageSession(t, token, 10);
    await browser.beat(token, 50); // 20 s moved in 10 s: at 2× speed, credited the 10 s spent
    expect((await sessionRow(t, token)).duration_watched).toBeCloseTo(40, 0);
    await ageSession(t, token, 30);
    await browser.beat(token, 50, { playing: false }); // paused: the position did not move
    await ageSession(t, token, 5);
    await browser.beat(token, 400); // a seek forward: 350 s in 5 s is no playback
    await ageSession(t, token, 5);
    await browser.beat(token, 100); // a seek back
    const row = await sessionRow(t, token);
    expect(row.duration_watched).toBeCloseTo(40, 0);
    expect(row.max_position).toBe(400);
    expect(row.last_position).toBe(100);
    // A lost beat: 10 minutes of playback since the last one is credited at most 120 s.
    await ageSession(t, token, 700);
    await browser.beat(token, 190);
    await ageSession(t, token, 600);
    await browser.beat(token, 500);
    expect((await sessionRow(t, token)).duration_watched).toBeCloseTo(40 + 90 + 120, 0);
  });

  it('counts from the start position a session was opened at', async () => {
    const video = await analyticsVideo(t, { duration: 600 });
    const browser = viewerBrowser(t);
    const token = await browser.start(video.id, null, 300);
    await ageSession(t, token, 31);
    await browser.beat(token, 330);
    expect((await sessionRow(t, token)).duration_watched).toBeCloseTo(30, 6);
  });

  it('stores ladder qualities only: "auto" and unknown labels are null and do not overwrite', async () => {
    const video = await analyticsVideo(t, { duration: 60 });
    const browser = viewerBrowser(t);
    const auto = await browser.start(video.id, 'auto');
    expect((await sessionRow(t, auto)).quality_used).toBeNull();
    await browser.beat(auto, 1, { quality: '480P' });
    expect((await sessionRow(t, auto)).quality_used).toBe('480p');
    await browser.beat(auto, 2, { quality: 'auto' });
    await browser.beat(auto, 3, { quality: null });
    expect((await sessionRow(t, auto)).quality_used).toBe('480p');
  });

  it('ends a session: completed at 90 % of the video, or when the client says so; sendBeacon bodies', async () => {
    const video = await analyticsVideo(t, { duration: 100 });
    const browser = viewerBrowser(t);
    const partial = await browser.start(video.id);
    await browser.end(partial, 89.9);
    expect(await sessionRow(t, partial)).toMatchObject({ completed: false, max_position: 89.9 });
    expect((await sessionRow(t, partial)).ended_at).toBeInstanceOf(Date);

    const full = await browser.start(video.id);
    await browser.beat(full, 95);
    // The viewer went back before leaving: the furthest position counts.
    const beacon = await browser.post(
      '/api/analytics/end',
      JSON.stringify({ session_token: full, position: 20 }),
      'text/plain;charset=UTF-8',
    );
    expect(beacon.statusCode, beacon.body).toBe(200);
    expect(await sessionRow(t, full)).toMatchObject({ completed: true, max_position: 95, last_position: 20 });

    const told = await browser.start(video.id);
    await browser.end(told, 10, true);
    expect((await sessionRow(t, told)).completed).toBe(true);
    // A later end does not undo completion.
    await browser.end(told, 11, false);
    expect((await sessionRow(t, told)).completed).toBe(true);
  });

  it('with analytics.respect_dnt, DNT / Sec-GPC browsers get the same answers and nothing is written', async () => {
    const video = await analyticsVideo(t, { duration: 60 });
    const count = async () => {
      const s = await t.container.db
        .selectFrom('playback_sessions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const v = await t.container.db
        .selectFrom('viewers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return [Number(s.n), Number(v.n)];
    };
    // Off (the default): DNT is recorded like any browser.
    const before = await count();
    await viewerBrowser(t, { dnt: '1' }).start(video.id);
    expect(await count()).toEqual([before[0]! + 1, before[1]! + 1]);

    const put = await adminInject(t, 'PUT', '/api/settings/key/analytics.respect_dnt', { value: true });
    expect(put.statusCode, put.body).toBe(200);
    try {
      const optOuts: Array<Record<string, string>> = [{ dnt: '1' }, { 'sec-gpc': '1' }];
      for (const headers of optOuts) {
        const browser = viewerBrowser(t, headers);
        const start = await browser.post('/api/analytics/session', { video_id: video.id, quality: '720p' });
        expect(start.statusCode).toBe(200);
        expect(start.cookies).toEqual([]);
        const token = start.json<{ session_token: string }>().session_token;
        expect(token).toMatch(/^[0-9a-f-]{36}$/);
        await browser.beat(token, 10);
        await browser.end(token, 20, true);
        // Still a 404 for a video that cannot be played.
        expect((await browser.post('/api/analytics/session', { video_id: 99999999 })).statusCode).toBe(404);
      }
      expect(await count()).toEqual([before[0]! + 1, before[1]! + 1]);
      // Browsers without the signals are still tracked.
      await viewerBrowser(t, { dnt: '0' }).start(video.id);
      expect((await count())[0]).toBe(before[0]! + 2);
    } finally {
      await adminInject(t, 'PUT', '/api/settings/key/analytics.respect_dnt', { value: false });
    }
  });

  it('stores no IP address: viewers and playback_sessions have no such column', async () => {
    const columns = await t.container.db
      .selectFrom('information_schema.columns' as never)
      .select(['table_name' as never, 'column_name' as never])
      .where('table_name' as never, 'in', ['viewers', 'playback_sessions'] as never)
      .execute();
    const names = (columns as Array<{ column_name: string }>).map((c) => c.column_name);
    expect(names).toContain('session_id');
    expect(names.filter((n) => /ip|addr|agent/i.test(n))).toEqual([]);
  });
});

describe('viewer tracking rate limit', () => {
  const t = useTestApp('pglite', {
    VLOG_RATE_LIMIT_ENABLED: 'true',
    VLOG_RATE_LIMIT_PUBLIC_ANALYTICS: '2/minute',
  });

  it('counts each tracking endpoint in class ANA (VLOG_RATE_LIMIT_PUBLIC_ANALYTICS)', async () => {
    const video = await analyticsVideo(t, { duration: 60 });
    const browser = viewerBrowser(t);
    const token = await browser.start(video.id);
    await browser.start(video.id);
    const third = await browser.post('/api/analytics/session', { video_id: video.id });
    expect(third.statusCode).toBe(429);
    expect(third.json()).toEqual({ detail: 'Rate limit exceeded', error: '2 per 1 minute' });
    await browser.beat(token, 1);
    await browser.beat(token, 2);
    expect(
      (await browser.post('/api/analytics/heartbeat', { session_token: token, position: 3 })).statusCode,
    ).toBe(429);
  });
});
