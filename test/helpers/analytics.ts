// Viewer tracking as a browser drives it (api-public.md §4.7), for the analytics tests: real HTTP requests
// through the public app, with the clock of a session moved back in the database where a test needs time
// to have passed between two beats.
import { sql } from 'kysely';
import { expect } from 'vitest';
import { adminInject } from './admin-inject.js';
import type { TestApp } from './test-app.js';

let made = 0;

/** A video row in the given state (ready and published unless told), with `duration` seconds. */
export async function analyticsVideo(
  t: TestApp,
  options: { duration: number; status?: string; deleted?: boolean; title?: string },
): Promise<{ id: number; slug: string; title: string }> {
  made += 1;
  const title = options.title ?? `Watched ${made}`;
  const slug = `watched-${made}-${Math.random().toString(36).slice(2, 8)}`;
  const row = await t.container.db
    .insertInto('videos')
    .values({
      title,
      slug,
      duration: options.duration,
      status: options.status ?? 'ready',
      published_at: new Date(),
      deleted_at: options.deleted ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, slug, title };
}

/** One browser: keeps the viewer cookie between requests, as a real one does. */
export function viewerBrowser(t: TestApp, headers: Record<string, string> = {}) {
  let cookie: string | undefined;
  async function post(url: string, payload: object | string, contentType = 'application/json') {
    const res = await t.publicApp.inject({
      method: 'POST',
      url,
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      headers: {
        'content-type': contentType,
        ...headers,
        ...(cookie ? { cookie: `vlog_viewer=${cookie}` } : {}),
      },
    });
    const set = res.cookies.find((c) => c.name === 'vlog_viewer');
    if (set) cookie = set.value;
    return res;
  }
  return {
    post,
    get cookie() {
      return cookie;
    },
    async start(videoId: number, quality: string | null = null, position?: number): Promise<string> {
      const res = await post('/api/analytics/session', { video_id: videoId, quality, position });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ session_token: string }>().session_token;
    },
    async beat(token: string, position: number, extra: { quality?: string | null; playing?: boolean } = {}) {
      const res = await post('/api/analytics/heartbeat', { session_token: token, position, ...extra });
      expect(res.statusCode, res.body).toBe(200);
    },
    async end(token: string, position: number, completed?: boolean) {
      const res = await post('/api/analytics/end', { session_token: token, position, completed });
      expect(res.statusCode, res.body).toBe(200);
    },
  };
}

/** Moves a session's clock back: its start and last beat happened `seconds` earlier than stored. */
export async function ageSession(t: TestApp, token: string, seconds: number): Promise<void> {
  const back = sql`make_interval(secs => ${seconds})`;
  await t.container.db
    .updateTable('playback_sessions')
    .set({
      started_at: sql`started_at - ${back}`,
      last_heartbeat_at: sql`last_heartbeat_at - ${back}`,
    })
    .where('session_token', '=', token)
    .execute();
}

export async function sessionRow(t: TestApp, token: string) {
  return t.container.db
    .selectFrom('playback_sessions')
    .selectAll()
    .where('session_token', '=', token)
    .executeTakeFirstOrThrow();
}

/** A GET of an admin analytics report: 200 with the reports' Cache-Control, its JSON body. */
export function reportGetter(t: TestApp) {
  return async (url: string) => {
    const res = await adminInject(t, 'GET', url);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    expect(res.headers['cache-control']).toBe('private, max-age=60');
    return res.json();
  };
}
