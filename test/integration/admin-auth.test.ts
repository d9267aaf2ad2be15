// Admin authentication endpoints (api-admin.md §2): login, check, csrf-token, logout, session rows and expiry.
import { describe, expect, it } from 'vitest';
import { sessionInject } from '../helpers/admin-inject.js';
import { loginSession, TEST_ADMIN_SECRET } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

describe.each(DRIVERS)('admin auth (%s)', (driver) => {
  const t = useTestApp(driver);

  const sessionRow = (token: string) =>
    t.container.db
      .selectFrom('admin_sessions')
      .selectAll()
      .where('session_token', '=', token)
      .executeTakeFirst();
  const tokenOf = (cookie: string) => cookie.replace(/^vlog_admin_session=/, '');
  const login = (payload: object) => t.adminApp.inject({ method: 'POST', url: '/api/auth/login', payload });

  describe('POST /api/auth/login', () => {
    it('refuses a request without a body (400, schema requires secret)', async () => {
      const res = await t.adminApp.inject({ method: 'POST', url: '/api/auth/login' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ detail: expect.any(String) });
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('refuses malformed JSON (400)', async () => {
      const res = await t.adminApp.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: '{"secret": ',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ detail: expect.any(String) });
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('refuses a body without secret (400 naming the field)', async () => {
      const res = await login({});
      expect(res.statusCode).toBe(400);
      expect(res.json<{ detail: string }>().detail).toContain('secret');
    });

    it('refuses an empty secret (400 Secret is required)', async () => {
      const res = await login({ secret: '' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ detail: 'Secret is required' });
    });

    it('refuses a wrong secret (403) and creates no session', async () => {
      const before = await t.container.db.selectFrom('admin_sessions').select('id').execute();
      const res = await login({ secret: 'wrong-secret' });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({ detail: 'Invalid admin secret' });
      expect(res.headers['set-cookie']).toBeUndefined();
      const after = await t.container.db.selectFrom('admin_sessions').select('id').execute();
      expect(after).toHaveLength(before.length);
    });

    it('sets a secure HttpOnly session cookie and stores the session', async () => {
      const res = await t.adminApp.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { secret: TEST_ADMIN_SECRET },
        headers: { 'user-agent': 'vitest-agent' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ authenticated: true, message: 'Login successful' });
      const raw = res.headers['set-cookie'];
      const cookie = String(Array.isArray(raw) ? raw[0] : raw);
      const match = /^vlog_admin_session=([A-Za-z0-9_-]+);/.exec(cookie);
      expect(match?.[1]).toHaveLength(64);
      const attrs = cookie.split(';').map((s) => s.trim().toLowerCase());
      expect(attrs).toEqual(
        expect.arrayContaining(['httponly', 'samesite=lax', 'path=/', 'secure', `max-age=${24 * 3600}`]),
      );
      const row = await sessionRow(match?.[1] ?? '');
      expect(row).toBeDefined();
      expect(row?.user_agent).toBe('vitest-agent');
      expect(new Date(row?.expires_at ?? 0).getTime()).toBeGreaterThan(Date.now() + 23 * 3600 * 1000);
    });
  });

  describe('GET /api/auth/check', () => {
    it('reports unauthenticated without credentials', async () => {
      const res = await t.adminApp.inject({ method: 'GET', url: '/api/auth/check' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ authenticated: false, auth_required: true });
    });

    it('reports authenticated with a session cookie or the secret header, not with a wrong secret', async () => {
      const { cookie } = await loginSession(t.adminApp);
      const bySession = await t.adminApp.inject({
        method: 'GET',
        url: '/api/auth/check',
        headers: { cookie },
      });
      expect(bySession.json()).toEqual({ authenticated: true, auth_required: true });
      const byHeader = await t.adminApp.inject({
        method: 'GET',
        url: '/api/auth/check',
        headers: { 'x-admin-secret': TEST_ADMIN_SECRET },
      });
      expect(byHeader.json()).toEqual({ authenticated: true, auth_required: true });
      const wrong = await t.adminApp.inject({
        method: 'GET',
        url: '/api/auth/check',
        headers: { 'x-admin-secret': 'nope' },
      });
      expect(wrong.json()).toEqual({ authenticated: false, auth_required: true });
    });

    it('does not accept an unknown session token', async () => {
      const res = await t.adminApp.inject({
        method: 'GET',
        url: '/api/auth/check',
        headers: { cookie: 'vlog_admin_session=forged-token' },
      });
      expect(res.json()).toEqual({ authenticated: false, auth_required: true });
    });
  });

  describe('GET /api/auth/csrf-token', () => {
    it('is 401 without a session', async () => {
      const res = await t.adminApp.inject({ method: 'GET', url: '/api/auth/csrf-token' });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ detail: 'Authentication required' });
    });

    it('returns the session-bound HMAC token with a session', async () => {
      const { cookie, csrf } = await loginSession(t.adminApp);
      expect(csrf).toMatch(/^[0-9a-f]{64}$/);
      expect(csrf).toBe(t.container.services.auth.csrfTokenFor(tokenOf(cookie)));
      const res = await t.adminApp.inject({
        method: 'GET',
        url: '/api/auth/csrf-token',
        headers: { cookie },
      });
      expect(res.json()).toEqual({ csrf_token: csrf, required: true });
      const other = await loginSession(t.adminApp);
      expect(other.csrf).not.toBe(csrf);
    });

    it('says CSRF is not required with the secret header', async () => {
      const res = await t.adminApp.inject({
        method: 'GET',
        url: '/api/auth/csrf-token',
        headers: { 'x-admin-secret': TEST_ADMIN_SECRET },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ csrf_token: '', required: false });
    });
  });

  describe('POST /api/auth/logout', () => {
    it('deletes the server session and clears the cookie; the old cookie is then refused', async () => {
      const { cookie, csrf } = await loginSession(t.adminApp);
      expect(await sessionRow(tokenOf(cookie))).toBeDefined();
      const res = await t.adminApp.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ authenticated: false, message: 'Logged out' });
      const raw = res.headers['set-cookie'];
      const cleared = String(Array.isArray(raw) ? raw[0] : raw);
      expect(cleared).toMatch(/^vlog_admin_session=;/);
      expect(cleared.toLowerCase()).toMatch(/max-age=0|expires=thu, 01 jan 1970/);
      expect(await sessionRow(tokenOf(cookie))).toBeUndefined();

      const list = await t.adminApp.inject({ method: 'GET', url: '/api/videos', headers: { cookie } });
      expect(list.statusCode).toBe(401);
      expect(list.json()).toEqual({ detail: 'Authentication required' });
      const post = await sessionInject(t, { cookie, csrf }, 'POST', '/api/categories', { name: 'x' });
      expect(post.statusCode).toBe(401);
      const token = await t.adminApp.inject({
        method: 'GET',
        url: '/api/auth/csrf-token',
        headers: { cookie },
      });
      expect(token.statusCode).toBe(401);
    });

    it('is harmless without a session', async () => {
      const res = await t.adminApp.inject({ method: 'POST', url: '/api/auth/logout' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ authenticated: false, message: 'Logged out' });
    });
  });

  describe('expired sessions', () => {
    it('refuses a session whose expires_at has passed', async () => {
      const { cookie } = await loginSession(t.adminApp);
      await t.container.db
        .updateTable('admin_sessions')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('session_token', '=', tokenOf(cookie))
        .execute();
      const res = await t.adminApp.inject({ method: 'GET', url: '/api/videos', headers: { cookie } });
      expect(res.statusCode).toBe(401);
    });
  });
});
