// Rate limits (security-reliability.md §A4, api-public.md §1, api-admin.md §1), the failed-login security
// log and the Redis store shared by instances. Other tests run with VLOG_RATE_LIMIT_ENABLED=false.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdminApp } from '../../src/http/admin-app.js';
import { WEB_DIR } from '../../src/server/paths.js';
import { createTestApp, TEST_ADMIN_SECRET, type TestApp } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';
import { WORKER_SECRET, workerFixtures } from '../helpers/worker-fixtures.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const ADMIN = { 'x-admin-secret': TEST_ADMIN_SECRET };
const get = (url: string, remoteAddress: string) => () => ({ method: 'GET' as const, url, remoteAddress });
const limited = (error: string) => ({ detail: 'Rate limit exceeded', error });

let clients = 0;
/** A client address no other test uses, so each test starts with fresh counts. */
const newClient = () => `192.0.2.${++clients}`;

/** Sends `count` requests one after the other; their status codes. */
async function statuses(app: FastifyInstance, count: number, req: (i: number) => InjectOptions) {
  const codes: number[] = [];
  for (let i = 0; i < count; i++) codes.push((await app.inject(req(i))).statusCode);
  return codes;
}

const wrongLogin = (remoteAddress: string, headers: Record<string, string> = {}): InjectOptions => ({
  method: 'POST',
  url: '/api/auth/login',
  payload: { secret: 'not-the-admin-secret-at-all' },
  remoteAddress,
  headers,
});

/** Log lines written by an app (JSON, one per line). */
function logCapture() {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, stream: { write: (line: string) => void lines.push(JSON.parse(line)) } };
}

describe.each(DRIVERS)('rate limits (%s)', (driver) => {
  let t: TestApp;
  const workers = workerFixtures(() => t);
  beforeAll(async () => {
    t = await createTestApp(driver, {
      VLOG_RATE_LIMIT_ENABLED: 'true',
      VLOG_TRUSTED_PROXIES: '10.0.0.1',
      VLOG_RATE_LIMIT_PUBLIC_VIDEOS_LIST: '3/minute',
      VLOG_RATE_LIMIT_PUBLIC_DEFAULT: '5/minute',
      VLOG_RATE_LIMIT_ADMIN_DEFAULT: '4/minute',
      VLOG_RATE_LIMIT_ADMIN_UPLOAD: '2/hour',
      VLOG_RATE_LIMIT_WORKER_REGISTER: '2/hour',
      VLOG_RATE_LIMIT_WORKER_DEFAULT: '3/minute',
      VLOG_WORKER_ADMIN_SECRET: WORKER_SECRET,
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('2,000 wrong logins from one address: 403 for the first 10, then 429 with the exact body', async () => {
    const ip = newClient();
    const codes = await statuses(t.adminApp, 10, () => wrongLogin(ip));
    expect(codes).toEqual(Array(10).fill(403));
    const res = await t.adminApp.inject(wrongLogin(ip));
    expect(res.statusCode).toBe(429);
    expect(res.json()).toEqual(limited('10 per 1 minute'));
    expect(res.headers['retry-after']).toBeUndefined();
    const rest = await statuses(t.adminApp, 1989, () => wrongLogin(ip));
    expect(rest.filter((c) => c !== 429)).toEqual([]);
  });

  it('counts per client: the limited address cannot log in even with the secret, another one can', async () => {
    const [limitedIp, otherIp] = [newClient(), newClient()];
    await statuses(t.adminApp, 10, () => wrongLogin(limitedIp));
    const login = (remoteAddress: string) =>
      t.adminApp.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { secret: TEST_ADMIN_SECRET },
        remoteAddress,
      });
    expect((await login(limitedIp)).statusCode).toBe(429);
    expect((await login(otherIp)).statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const peer = newClient();
    const codes = await statuses(t.adminApp, 11, (i) =>
      wrongLogin(peer, { 'x-forwarded-for': `203.0.113.${i + 1}` }),
    );
    expect(codes).toEqual([...Array(10).fill(403), 429]);
  });

  it('keys on the forwarded client behind a trusted proxy', async () => {
    const viaProxy = (client: string) => wrongLogin('10.0.0.1', { 'x-forwarded-for': client });
    const codes = await statuses(t.adminApp, 11, () => viaProxy('198.51.100.1'));
    expect(codes).toEqual([...Array(10).fill(403), 429]);
    // Another client behind the same proxy has its own count.
    expect((await t.adminApp.inject(viaProxy('198.51.100.2'))).statusCode).toBe(403);
    // A client cannot escape by prepending a forged address: the proxy's own entry is the key.
    expect((await t.adminApp.inject(viaProxy('192.0.2.250, 198.51.100.1'))).statusCode).toBe(429);
  });

  it('public API: LIST on the video, category and playlist lists, DEF on other /api routes, none elsewhere', async () => {
    const ip = newClient();
    const get = (url: string) => () => ({ method: 'GET' as const, url, remoteAddress: ip });
    expect(await statuses(t.publicApp, 4, get('/api/videos'))).toEqual([200, 200, 200, 429]);
    const res = await t.publicApp.inject(get('/api/videos')());
    expect(res.json()).toEqual(limited('3 per 1 minute'));
    // Each route has its own count (slowapi keys a limit by endpoint).
    expect(await statuses(t.publicApp, 4, get('/api/categories'))).toEqual([200, 200, 200, 429]);
    expect(await statuses(t.publicApp, 4, get('/api/playlists'))).toEqual([200, 200, 200, 429]);
    expect(await statuses(t.publicApp, 6, get('/api/playlists/no-such-list'))).toEqual([
      404, 404, 404, 404, 404, 429,
    ]);
    const detail = await statuses(t.publicApp, 6, get('/api/videos/no-such-video'));
    expect(detail).toEqual([404, 404, 404, 404, 404, 429]);
    expect((await t.publicApp.inject(get('/api/videos/no-such-video')())).json()).toEqual(
      limited('5 per 1 minute'),
    );
    for (const url of ['/health', '/', '/videos/no-such-video/master.m3u8'])
      expect(await statuses(t.publicApp, 8, get(url))).not.toContain(429);
  });

  it('admin API: UPL on uploads, ADM on the rest counted before authentication, auth checks free', async () => {
    const ip = newClient();
    const post = (url: string) => () => ({ method: 'POST' as const, url, remoteAddress: ip, headers: ADMIN });
    for (const url of [
      '/api/videos',
      '/api/videos/999999/re-upload',
      '/api/videos/999999/thumbnail/upload',
    ]) {
      const codes = await statuses(t.adminApp, 3, post(url));
      expect(codes.slice(0, 2), url).not.toContain(429);
      expect(codes[2], url).toBe(429);
    }
    expect((await t.adminApp.inject(post('/api/videos')())).json()).toEqual(limited('2 per 1 hour'));
    // Without credentials: 401 until the ADM limit, then 429 (a guessed X-Admin-Secret is counted too).
    const anon = () => ({ method: 'GET' as const, url: '/api/categories', remoteAddress: ip });
    expect(await statuses(t.adminApp, 5, anon)).toEqual([401, 401, 401, 401, 429]);
    expect((await t.adminApp.inject(anon())).json()).toEqual(limited('4 per 1 minute'));
    for (const url of ['/api/auth/check', '/api/auth/csrf-token', '/health'])
      expect(await statuses(t.adminApp, 8, get(url, ip))).not.toContain(429);
    const logout = await statuses(t.adminApp, 8, () => ({ ...post('/api/auth/logout')(), headers: {} }));
    expect(logout).not.toContain(429);
  });

  it('worker API: WREG on register; authenticated traffic free; WDEF on failed authentication', async () => {
    const registrar = newClient();
    const register = () => ({
      method: 'POST' as const,
      url: '/api/worker/register',
      headers: { 'x-admin-secret': WORKER_SECRET },
      payload: { worker_name: `rl-${randomUUID().slice(0, 8)}` },
      remoteAddress: registrar,
    });
    expect(await statuses(t.workerApp, 3, register)).toEqual([200, 200, 429]);
    expect((await t.workerApp.inject(register())).json()).toEqual(limited('2 per 1 hour'));

    const { key } = await workers.register('rl-busy');
    const [busyHost, guesser] = [newClient(), newClient()];
    const beat = (apiKey: string, remoteAddress: string) => () => ({
      method: 'POST' as const,
      url: '/api/worker/heartbeat',
      headers: { 'x-worker-api-key': apiKey },
      payload: { status: 'idle' },
      remoteAddress,
    });
    expect(await statuses(t.workerApp, 40, beat(key, busyHost))).toEqual(Array(40).fill(200));
    expect(await statuses(t.workerApp, 4, beat('wrong-key', guesser))).toEqual([401, 401, 401, 429]);
    // Once refused, even the right key is not checked from that address; others are unaffected.
    const refused = await t.workerApp.inject(beat(key, guesser)());
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual(limited('3 per 1 minute'));
    expect((await t.workerApp.inject(beat(key, busyHost)())).statusCode).toBe(200);
    expect((await t.workerApp.inject(get('/api/health', guesser)())).statusCode).not.toBe(429);
  });
});

describe.each(DRIVERS)('rate limits: off switch, Redis, security log (%s)', (driver) => {
  const apps: TestApp[] = [];
  const start = async (env: Record<string, string>) => {
    const app = await createTestApp(driver, { VLOG_RATE_LIMIT_ENABLED: 'true', ...env });
    apps.push(app);
    return app;
  };
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
  });

  it('VLOG_RATE_LIMIT_ENABLED=false turns every limit off', async () => {
    const tight = { VLOG_RATE_LIMIT_PUBLIC_VIDEOS_LIST: '1/minute' };
    const [on, off] = [await start(tight), await start({ ...tight, VLOG_RATE_LIMIT_ENABLED: 'false' })];
    const ip = newClient();
    expect(await statuses(on.publicApp, 2, get('/api/videos', ip))).toEqual([200, 429]);
    expect(await statuses(off.publicApp, 5, get('/api/videos', ip))).toEqual(Array(5).fill(200));
    expect(await statuses(off.adminApp, 30, () => wrongLogin(ip))).toEqual(Array(30).fill(403));
  });

  it('two instances on one Redis count together', async () => {
    const env = {
      VLOG_RATE_LIMIT_STORAGE_URL: REDIS_URL,
      VLOG_RATE_LIMIT_KEY_PREFIX: `test:${randomUUID()}:`,
    };
    const [a, b] = [await start(env), await start(env)];
    const ip = newClient();
    expect(await statuses(a.adminApp, 6, () => wrongLogin(ip))).toEqual(Array(6).fill(403));
    expect(await statuses(b.adminApp, 5, () => wrongLogin(ip))).toEqual([403, 403, 403, 403, 429]);
    expect((await a.adminApp.inject(wrongLogin(ip))).statusCode).toBe(429);
  });

  it('VLOG_REDIS_URL is used when no storage URL is set; an unreachable Redis falls back to memory', async () => {
    const t = await start({ VLOG_REDIS_URL: 'redis://127.0.0.1:1' });
    const log = logCapture();
    const admin = await buildAdminApp(t.container, {
      logLevel: 'warn',
      trustedProxies: [],
      webDir: WEB_DIR,
      logStream: log.stream,
    });
    try {
      const ip = newClient();
      expect(await statuses(admin, 11, () => wrongLogin(ip))).toEqual([...Array(10).fill(403), 429]);
      const warnings = log.lines.filter((l) => String(l.msg).startsWith('rate-limit storage unreachable'));
      expect(warnings).toHaveLength(1);
    } finally {
      await admin.close();
    }
  });

  it('logs each failed login under security.admin_auth with the client IP', async () => {
    const t = await start({ VLOG_TRUSTED_PROXIES: '10.0.0.1' });
    const log = logCapture();
    const admin = await buildAdminApp(t.container, {
      logLevel: 'info',
      trustedProxies: t.config.trustedProxies,
      webDir: WEB_DIR,
      logStream: log.stream,
    });
    try {
      await admin.inject(wrongLogin('10.0.0.1', { 'x-forwarded-for': '203.0.113.77' }));
      await admin.inject({ ...wrongLogin('192.0.2.200'), payload: { secret: '' } });
      const failed = log.lines.filter((l) => l.msg === 'admin login failed');
      expect(failed).toEqual([
        expect.objectContaining({ level: 40, logger: 'security.admin_auth', ip: '203.0.113.77' }),
        expect.objectContaining({ level: 40, logger: 'security.admin_auth', ip: '192.0.2.200' }),
      ]);
    } finally {
      await admin.close();
    }
  });
});
