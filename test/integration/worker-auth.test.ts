// Worker API authentication (api-worker.md §2, security-reliability.md A1): registration with the
// worker admin secret, argon2id keys (and legacy SHA-256 rows), revocation, expiry, disabled
// workers, encoded-path bypasses, and coverage of every registered worker API route (job, sprite and
// re-encode protocols included).
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../helpers/route-tree.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';
import { waitFor } from '../helpers/wait.js';
import { ADMIN_ROUTES, KEY_ROUTES, PUBLIC_ROUTES, type Route } from '../helpers/worker-auth-routes.js';
import { WORKER_SECRET, workerFixtures } from '../helpers/worker-fixtures.js';

const ADMIN = { 'x-admin-secret': WORKER_SECRET };

/** "METHOD /path" of every route the app registers under /api/ (HEAD and OPTIONS left out). */
const apiRoutes = (tree: string) =>
  registeredRoutes(tree)
    .filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS')
    .map((r) => `${r.method} ${r.path}`);

describe.each(DRIVERS)('worker API authentication (%s)', (driver) => {
  const t = useTestApp(driver, { VLOG_WORKER_ADMIN_SECRET: WORKER_SECRET });
  const fixtures = workerFixtures(() => t);

  const register = async (name?: string) => {
    const res = await t.workerApp.inject({
      method: 'POST',
      url: '/api/worker/register',
      headers: ADMIN,
      payload: name ? { worker_name: name } : {},
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ worker_id: string; api_key: string; message: string }>();
  };
  const call = (r: Route, headers: Record<string, string>, url = r.url) =>
    t.workerApp.inject({
      method: r.method,
      url,
      headers: { ...r.headers, ...headers },
      ...(r.payload !== undefined ? { payload: r.payload } : {}),
    });
  const workerRow = fixtures.row;
  const keyRows = async (uuid: string) => {
    const w = await workerRow(uuid);
    return t.db.db.selectFrom('worker_api_keys').selectAll().where('worker_id', '=', w.id).execute();
  };
  /** A worker whose only key is stored with the given hash format (e.g. a legacy SHA-256 row). */
  const workerWithStoredKey = async (hashVersion: number) => {
    const w = await fixtures.register(`legacy-${hashVersion}`, hashVersion);
    return { key: w.key, workerId: w.id };
  };

  it('every registered /api route is listed as key-protected, admin-protected or public', () => {
    const tree = apiRoutes(t.workerApp.printRoutes({ commonPrefix: false }));
    // Without common prefixes printRoutes shows wildcard routes as one bare "*" per method at the root;
    // the prefix tree shows each in place: each must be a listed wildcard pattern that is really
    // registered (hasRoute), and there must be no other.
    const wildcards = apiRoutes(t.workerApp.printRoutes()).filter(
      (r) => r.endsWith('/*') && r.split(' ')[1]?.startsWith('/api/'),
    );
    const listedWildcards = KEY_ROUTES.filter((r) => r.pattern.endsWith('/*'));
    expect(wildcards.sort()).toEqual(listedWildcards.map((r) => `${r.method} ${r.pattern}`).sort());
    for (const r of listedWildcards)
      expect(t.workerApp.hasRoute({ method: r.method, url: r.pattern }), r.pattern).toBe(true);
    const registered = [
      ...tree.filter((r) => r.split(' ')[1]?.startsWith('/api/')),
      ...listedWildcards.map((r) => `${r.method} ${r.pattern}`),
    ].sort();
    const listed = [
      ...[...KEY_ROUTES, ...ADMIN_ROUTES].map((r) => `${r.method} ${r.pattern}`),
      ...PUBLIC_ROUTES,
    ].sort();
    expect(registered).toEqual(listed);
  });

  describe('POST /api/worker/register', () => {
    it('401 without the worker admin secret, 403 with a wrong one; nothing is created', async () => {
      const before = (await t.db.db.selectFrom('workers').select('id').execute()).length;
      const none = await t.workerApp.inject({ method: 'POST', url: '/api/worker/register', payload: {} });
      expect(none.statusCode).toBe(401);
      expect(none.json()).toEqual({ detail: 'X-Admin-Secret header required' });
      const wrong = await t.workerApp.inject({
        method: 'POST',
        url: '/api/worker/register',
        headers: { 'x-admin-secret': `${WORKER_SECRET}x` },
        payload: {},
      });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json()).toEqual({ detail: 'Invalid admin secret' });
      // The admin API's secret is not the worker admin secret.
      const adminSecret = await t.workerApp.inject({
        method: 'POST',
        url: '/api/worker/register',
        headers: { 'x-admin-secret': 'test-admin-secret-0123456789abcdef' },
        payload: {},
      });
      expect(adminSecret.statusCode).toBe(403);
      expect((await t.db.db.selectFrom('workers').select('id').execute()).length).toBe(before);
    });

    it('creates the worker and returns its key once; only an argon2id hash and the prefix are stored', async () => {
      const body = await register();
      expect(body.worker_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(body.api_key).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(body.message).toBe(
        "Worker registered successfully. Store the API key securely - it won't be shown again.",
      );
      const w = await workerRow(body.worker_id);
      expect(w).toMatchObject({
        worker_name: `worker-${body.worker_id.slice(0, 8)}`,
        worker_type: 'remote',
        status: 'active',
      });
      expect(w.last_heartbeat?.getTime()).toBe(w.registered_at.getTime());
      const [key, ...more] = await keyRows(body.worker_id);
      expect(more).toEqual([]);
      expect(key?.key_prefix).toBe(body.api_key.slice(0, 8));
      expect(key?.key_hash).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=4\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
      expect(key?.key_hash).not.toContain(body.api_key);
      expect(key?.hash_version).toBe(2);
      expect(key?.revoked_at).toBeNull();
    });

    it('400 on a bad body', async () => {
      const res = await t.workerApp.inject({
        method: 'POST',
        url: '/api/worker/register',
        headers: ADMIN,
        payload: { worker_type: 'cloud' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ detail: string }>().detail).toMatch(/^Invalid body/);
    });
  });

  describe.each(KEY_ROUTES.map((r) => [`${r.method} ${r.url}`, r] as const))('%s', (_label, r) => {
    // Registration costs an argon2 hash, so tests share one registered worker where they can and
    // use cheap legacy-hash rows where the hash format does not matter.
    let shared: { worker_id: string; api_key: string };
    beforeAll(async () => {
      shared = await register('shared');
    });

    it('401 without a key, with a wrong key and with a too-short key', async () => {
      const none = await call(r, {});
      expect(none.statusCode).toBe(401);
      expect(none.json()).toEqual({ detail: 'Missing API key. Include X-Worker-API-Key header.' });
      const samePrefix = `${shared.api_key.slice(0, 8)}${randomBytes(32).toString('base64url').slice(0, 35)}`;
      for (const key of [randomBytes(32).toString('base64url'), samePrefix, 'short']) {
        const res = await call(r, { 'x-worker-api-key': key });
        expect(res.statusCode, key).toBe(401);
        expect(res.json()).toEqual({ detail: 'Invalid API key' });
      }
      // The admin secret is not a worker key.
      expect((await call(r, ADMIN)).statusCode).toBe(401);
    });

    it('accepts a valid key; sets last_used_at without delaying the request', async () => {
      const res = await call(r, { 'x-worker-api-key': shared.api_key });
      expect(res.statusCode, res.body).toBe(r.authed ?? 200);
      const used = await waitFor(
        async () => (await keyRows(shared.worker_id))[0]?.last_used_at ?? undefined,
        {
          timeoutMs: 5000,
          intervalMs: 20,
          what: 'last_used_at',
        },
      );
      expect(used).toBeInstanceOf(Date);
    });

    it('401 "API key expired" once expires_at has passed', async () => {
      const w = await workerRow(shared.worker_id);
      const setExpiry = (expires: ReturnType<typeof sql<Date>>) =>
        t.db.db
          .updateTable('worker_api_keys')
          .set({ expires_at: expires })
          .where('worker_id', '=', w.id)
          .execute();
      expect((await call(r, { 'x-worker-api-key': shared.api_key })).statusCode).toBe(r.authed ?? 200);
      await setExpiry(sql<Date>`now() - interval '1 second'`);
      const res = await call(r, { 'x-worker-api-key': shared.api_key });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ detail: 'API key expired' });
      await setExpiry(sql<Date>`now() + interval '1 hour'`);
      expect((await call(r, { 'x-worker-api-key': shared.api_key })).statusCode).toBe(r.authed ?? 200);
    });

    it('401 for a key revoked through the API', async () => {
      const a = await register();
      expect((await call(r, { 'x-worker-api-key': a.api_key })).statusCode).toBe(r.authed ?? 200);
      const revoked = await t.workerApp.inject({
        method: 'POST',
        url: `/api/workers/${a.worker_id}/revoke`,
        headers: ADMIN,
      });
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json()).toEqual({ status: 'ok', message: `Worker ${a.worker_id} has been revoked` });
      const res = await call(r, { 'x-worker-api-key': a.api_key });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ detail: 'Invalid API key' });
      expect((await keyRows(a.worker_id))[0]?.revoked_at).toBeInstanceOf(Date);
      expect((await workerRow(a.worker_id)).status).toBe('disabled');
    });

    it('a cached verification does not outlive a revocation or disable written by another process', async () => {
      const b = await workerWithStoredKey(1);
      expect((await call(r, { 'x-worker-api-key': b.key })).statusCode).toBe(r.authed ?? 200);
      await t.db.db
        .updateTable('workers')
        .set({ status: 'disabled' })
        .where('worker_id', '=', b.workerId)
        .execute();
      const disabled = await call(r, { 'x-worker-api-key': b.key });
      expect(disabled.statusCode).toBe(403);
      expect(disabled.json()).toEqual({ detail: 'Worker is disabled' });
      const w = await workerRow(b.workerId);
      await t.db.db
        .updateTable('worker_api_keys')
        .set({ revoked_at: sql<Date>`now()` })
        .where('worker_id', '=', w.id)
        .execute();
      const revoked = await call(r, { 'x-worker-api-key': b.key });
      expect(revoked.statusCode).toBe(401);
      expect(revoked.json()).toEqual({ detail: 'Invalid API key' });
    });

    it('accepts a legacy SHA-256 key (hash_version 1) and refuses any other hash_version', async () => {
      const legacy = await workerWithStoredKey(1);
      expect((await call(r, { 'x-worker-api-key': legacy.key })).statusCode).toBe(r.authed ?? 200);
      const unknown = await workerWithStoredKey(3);
      const res = await call(r, { 'x-worker-api-key': unknown.key });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ detail: 'Invalid API key' });
    });

    it('tries every live key sharing a prefix', async () => {
      const target = await workerWithStoredKey(1);
      // An older row with the same prefix but another key: the lookup must not stop at it.
      const other = await workerWithStoredKey(1);
      const w = await workerRow(other.workerId);
      await t.db.db
        .updateTable('worker_api_keys')
        .set({ key_prefix: target.key.slice(0, 8) })
        .where('worker_id', '=', w.id)
        .execute();
      await t.db.db
        .updateTable('worker_api_keys')
        .set({ id: sql<number>`-id` })
        .where('worker_id', '=', w.id)
        .execute();
      const res = await call(r, { 'x-worker-api-key': target.key });
      expect(res.statusCode, res.body).toBe(r.authed ?? 200);
    });

    it('a percent-encoded path is guarded like the plain one', async () => {
      for (const url of [r.url.replace(/^\/api\//, '/%61pi/'), r.url.replace('/worker/', '/%77orker/')]) {
        const res = await call(r, {}, url);
        const refused =
          res.statusCode === 401 ||
          (res.statusCode === 404 && res.json<{ detail: string }>().detail === 'Not Found');
        expect(refused, `${url}: ${res.statusCode} ${res.body}`).toBe(true);
      }
    });
  });

  describe.each(ADMIN_ROUTES.map((r) => [`${r.method} ${r.url}`, r] as const))('%s', (_label, r) => {
    it('401 without and 403 with a wrong admin secret, also through an encoded path', async () => {
      const { key } = await workerWithStoredKey(1);
      const before = (await t.db.db.selectFrom('workers').select('id').execute()).length;
      for (const url of [r.url, r.url.replace(/^\/api\//, '/%61pi/')]) {
        const none = await call(r, {}, url);
        expect(none.statusCode, url).toBe(401);
        expect(none.json()).toEqual({ detail: 'X-Admin-Secret header required' });
        const wrong = await call(r, { 'x-admin-secret': 'nope' }, url);
        expect(wrong.statusCode, url).toBe(403);
        // A worker key is not the admin secret.
        expect((await call(r, { 'x-worker-api-key': key }, url)).statusCode).toBe(401);
      }
      expect((await t.db.db.selectFrom('workers').select('id').execute()).length).toBe(before);
    });
  });

  it('GET /api/health stays public', async () => {
    const res = await t.workerApp.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
  });
});
