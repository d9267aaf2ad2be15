// The admin guard on every protected /api route (api-admin.md §2): 401 without credentials, 403 on a wrong secret or CSRF token, coverage of every registered route.
import { describe, expect, it } from 'vitest';
import { ADMIN_ROUTES, type AdminRoute, type Method } from '../helpers/admin-routes/index.js';
import { sessionInject } from '../helpers/admin-inject.js';
import { registeredRoutes } from '../helpers/route-tree.js';
import { loginSession, TEST_ADMIN_SECRET } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

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
        // The settings cache's age (GET /api/settings/cache-stats) moves between the two requests.
        const withoutClock = (body: unknown) =>
          body && typeof body === 'object' ? { ...body, age_seconds: undefined } : body;
        expect(withoutClock(byHeader.json())).toEqual(withoutClock(bySession.json()));
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
