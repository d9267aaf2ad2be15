// The admin guard on every protected /api route (api-admin.md §2): 401 without credentials, 403 on a wrong secret or CSRF token, coverage of every registered route.
import { describe, expect, it } from 'vitest';
import { sessionInject } from '../helpers/admin-inject.js';
import { registeredRoutes } from '../helpers/route-tree.js';
import { loginSession, TEST_ADMIN_SECRET } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface AdminRoute {
  method: Method;
  /** Concrete URL to call. */
  url: string;
  /** Route pattern as Fastify registers it (for the coverage guard). */
  pattern: string;
  /** Server-Sent Events: never called with valid credentials (the stream would stay open). */
  stream?: boolean;
}

/** Values for the route parameters, so that each route is called at a concrete URL. */
const PARAM_VALUES: Record<string, string> = {
  id: '1',
  job_id: '1',
  worker_id: '00000000-0000-4000-8000-000000000000',
  category: 'workers',
  key: 'transcoding.hls_segment_duration',
  tag_id: '1',
};

/** A route by its Fastify pattern; its URL fills the parameters from PARAM_VALUES and adds `query`. */
function route(method: Method, pattern: string, extra: { query?: string; stream?: true } = {}): AdminRoute {
  const url = pattern.replace(/:(\w+)/g, (_match, name: string) => {
    const value = PARAM_VALUES[name];
    if (value === undefined) throw new Error(`No value for :${name} in PARAM_VALUES`);
    return value;
  });
  return { method, pattern, url: url + (extra.query ?? ''), ...(extra.stream ? { stream: true } : {}) };
}

/** Every protected admin route. A new /api route must be added here (the guard test below fails otherwise). */
const ADMIN_ROUTES: AdminRoute[] = [
  route('GET', '/api/videos'),
  route('GET', '/api/videos/archived'),
  route('GET', '/api/videos/:id'),
  route('GET', '/api/videos/:id/progress'),
  route('DELETE', '/api/videos/:id'),
  route('POST', '/api/videos/:id/restore'),
  route('POST', '/api/videos/:id/retry'),
  route('POST', '/api/videos/:id/re-upload'),
  route('GET', '/api/videos/:id/qualities'),
  route('POST', '/api/videos/:id/retranscode'),
  route('POST', '/api/videos/:id/publish'),
  route('POST', '/api/videos/:id/unpublish'),
  route('PUT', '/api/videos/:id'),
  route('GET', '/api/videos/:id/thumbnail'),
  route('POST', '/api/videos/:id/thumbnail/frames'),
  route('POST', '/api/videos/:id/thumbnail/select'),
  route('POST', '/api/videos/:id/thumbnail/upload'),
  route('POST', '/api/videos/:id/thumbnail/revert'),
  route('POST', '/api/videos'),
  route('GET', '/api/categories'),
  route('POST', '/api/categories'),
  route('DELETE', '/api/categories/:id'),
  route('GET', '/api/tags'),
  route('POST', '/api/tags'),
  route('PUT', '/api/tags/:id'),
  route('DELETE', '/api/tags/:id'),
  route('GET', '/api/videos/:id/tags'),
  route('PUT', '/api/videos/:id/tags'),
  route('DELETE', '/api/videos/:id/tags/:tag_id'),
  route('GET', '/api/sprites/status'),
  route('POST', '/api/videos/:id/sprites/generate'),
  route('POST', '/api/sprites/queue-all'),
  route('GET', '/api/sprites/jobs'),
  route('GET', '/api/videos/:id/sprites'),
  route('DELETE', '/api/sprites/jobs/:job_id'),
  route('GET', '/api/reencode/status'),
  route('POST', '/api/reencode/queue', { query: '?video_ids=1' }),
  route('POST', '/api/reencode/queue-all'),
  route('GET', '/api/reencode/jobs'),
  route('DELETE', '/api/reencode/jobs/:job_id'),
  route('GET', '/api/workers'),
  route('GET', '/api/workers/active-jobs'),
  route('GET', '/api/workers/:worker_id'),
  route('PUT', '/api/workers/:worker_id/disable'),
  route('PUT', '/api/workers/:worker_id/enable'),
  route('DELETE', '/api/workers/:worker_id'),
  route('POST', '/api/workers/:worker_id/revoke'),
  route('POST', '/api/admin/workers/:worker_id/restart'),
  route('POST', '/api/admin/workers/:worker_id/stop'),
  route('POST', '/api/admin/workers/:worker_id/update'),
  route('POST', '/api/admin/workers/restart-all'),
  route('GET', '/api/admin/deployments'),
  route('GET', '/api/events/progress', { stream: true }),
  route('GET', '/api/settings'),
  route('POST', '/api/settings'),
  route('GET', '/api/settings/categories'),
  route('GET', '/api/settings/catalogue'),
  route('GET', '/api/settings/category/:category'),
  route('GET', '/api/settings/key/:key'),
  route('PUT', '/api/settings/key/:key'),
  route('DELETE', '/api/settings/key/:key'),
  route('POST', '/api/settings/export'),
  route('POST', '/api/settings/import'),
  route('POST', '/api/settings/invalidate-cache'),
  route('GET', '/api/settings/cache-stats'),
  route('POST', '/api/settings/seed-from-env'),
];

const STATE_CHANGING = new Set<Method>(['POST', 'PUT', 'PATCH', 'DELETE']);
const label = (r: AdminRoute) => `${r.method} ${r.url}`;

describe.each(DRIVERS)('admin route guard (%s)', (driver) => {
  const t = useTestApp(driver);

  describe('every protected admin route', () => {
    it('the explicit list covers every /api route the admin app registers (except /api/auth/*)', () => {
      const registered = registeredRoutes(t.adminApp.printRoutes({ commonPrefix: false }))
        .filter(
          (r) =>
            r.path.startsWith('/api/') &&
            !r.path.startsWith('/api/auth/') &&
            r.method !== 'HEAD' &&
            r.method !== 'OPTIONS',
        )
        .map((r) => `${r.method} ${r.path}`)
        .sort();
      const listed = [...new Set(ADMIN_ROUTES.map((r) => `${r.method} ${r.pattern}`))].sort();
      expect(registered).toEqual(listed);
      for (const r of ADMIN_ROUTES)
        expect(t.adminApp.hasRoute({ method: r.method, url: r.pattern }), label(r)).toBe(true);
    });

    it('the auth routes themselves are registered (and exempt)', () => {
      for (const [method, url] of [
        ['POST', '/api/auth/login'],
        ['POST', '/api/auth/logout'],
        ['GET', '/api/auth/check'],
        ['GET', '/api/auth/csrf-token'],
      ] as const) {
        expect(t.adminApp.hasRoute({ method, url })).toBe(true);
      }
    });

    it.each(ADMIN_ROUTES.map((r) => [label(r), r] as const))(
      '%s: 401 without credentials',
      async (_name, r) => {
        const res = await t.adminApp.inject({ method: r.method, url: r.url });
        expect(res.statusCode).toBe(401);
        expect(res.json()).toEqual({ detail: 'Authentication required' });
      },
    );

    it.each(ADMIN_ROUTES.map((r) => [label(r), r] as const))(
      '%s: 403 with a wrong X-Admin-Secret, even with a valid session',
      async (_name, r) => {
        const { cookie, csrf } = await loginSession(t.adminApp);
        const res = await t.adminApp.inject({
          method: r.method,
          url: r.url,
          headers: { 'x-admin-secret': `${TEST_ADMIN_SECRET}x` },
        });
        expect(res.statusCode).toBe(403);
        expect(res.json()).toEqual({ detail: 'Invalid admin secret' });
        // No fallback to the cookie when a (wrong) header is present.
        const both = await t.adminApp.inject({
          method: r.method,
          url: r.url,
          headers: { 'x-admin-secret': 'wrong', cookie, 'x-csrf-token': csrf },
        });
        expect(both.statusCode).toBe(403);
      },
    );

    it.each(ADMIN_ROUTES.filter((r) => STATE_CHANGING.has(r.method)).map((r) => [label(r), r] as const))(
      '%s: 403 with a session but a missing or wrong CSRF token',
      async (_name, r) => {
        const { cookie, csrf } = await loginSession(t.adminApp);
        const missing = await t.adminApp.inject({ method: r.method, url: r.url, headers: { cookie } });
        expect(missing.statusCode).toBe(403);
        expect(missing.json()).toEqual({ detail: 'CSRF token invalid or missing' });
        const wrong = await t.adminApp.inject({
          method: r.method,
          url: r.url,
          headers: { cookie, 'x-csrf-token': 'f'.repeat(64) },
        });
        expect(wrong.statusCode).toBe(403);
        expect(wrong.json()).toEqual({ detail: 'CSRF token invalid or missing' });
        // Another session's token is not valid for this one.
        const other = await loginSession(t.adminApp);
        const crossed = await t.adminApp.inject({
          method: r.method,
          url: r.url,
          headers: { cookie, 'x-csrf-token': other.csrf },
        });
        expect(crossed.statusCode).toBe(403);
        expect(csrf).not.toBe(other.csrf);
      },
    );

    it.each(ADMIN_ROUTES.filter((r) => r.method === 'GET' && !r.stream).map((r) => [label(r), r] as const))(
      '%s: allowed with a session cookie (no CSRF needed) and with the secret header',
      async (_name, r) => {
        const { cookie } = await loginSession(t.adminApp);
        const bySession = await t.adminApp.inject({ method: 'GET', url: r.url, headers: { cookie } });
        expect([401, 403]).not.toContain(bySession.statusCode);
        expect(bySession.statusCode).toBeLessThan(500);
        const byHeader = await t.adminApp.inject({
          method: 'GET',
          url: r.url,
          headers: { 'x-admin-secret': TEST_ADMIN_SECRET },
        });
        expect(byHeader.statusCode).toBe(bySession.statusCode);
        expect(byHeader.json()).toEqual(bySession.json());
      },
    );

    it('a state-changing request with a session and the right CSRF token gets through', async () => {
      const session = await loginSession(t.adminApp);
      const res = await sessionInject(t, session, 'POST', '/api/categories', { name: 'Csrf Ok' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ name: 'Csrf Ok', slug: 'csrf-ok' });
      const del = await sessionInject(t, session, 'DELETE', '/api/videos/999999');
      expect(del.statusCode).toBe(404);
      expect(del.json()).toEqual({ detail: 'Video not found' });
    });

    // The guard must protect what the router matches, not the raw URL text: find-my-way decodes
    // percent-encoded letters, so `/%61pi/videos` is routed to `/api/videos`. (The SSE route is left
    // out: if unguarded it would hold the stream open.)
    it.each(ADMIN_ROUTES.filter((r) => !r.stream).map((r) => [label(r), r] as const))(
      '%s: a percent-encoded path (/%%61pi/...) is refused without credentials',
      async (_name, r) => {
        const url = r.url.replace(/^\/api\//, '/%61pi/');
        const payload =
          r.url === '/api/categories' && r.method === 'POST' ? { name: 'Encoded Bypass' } : undefined;
        const res = await t.adminApp.inject({ method: r.method, url, ...(payload ? { payload } : {}) });
        const refused =
          res.statusCode === 401 ||
          (res.statusCode === 404 && res.json<{ detail: string }>().detail === 'Not Found');
        expect(refused, `${res.statusCode} ${res.body}`).toBe(true);
        const bypassed = await t.container.db
          .selectFrom('categories')
          .select('id')
          .where('name', '=', 'Encoded Bypass')
          .execute();
        expect(bypassed).toEqual([]);
      },
    );

    it('non-/api paths are not behind the admin guard', async () => {
      const res = await t.adminApp.inject({ method: 'GET', url: '/health' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'healthy' });
    });
  });
});
