// The webhooks admin API (api-admin.md §17): CRUD, validation and SSRF refusals with the spec's codes and
// texts, secrets never answered, stats, the delivery log's 404s and the retry refusal. Both databases.
import { describe, expect, it } from 'vitest';
import type { WebhookList, WebhookResponse, WebhookStats } from '../../src/contracts/api/webhook.contract.js';
import { adminInject } from '../helpers/admin-inject.js';
import { loginSession } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

const SECRET = 'x'.repeat(40);
const hook = (over: object = {}) => ({
  name: 'Chat',
  url: 'https://93.184.216.34/hooks/vlog',
  events: ['video.ready', 'video.uploaded'],
  ...over,
});

describe.each(DRIVERS)('webhooks admin API (%s)', (driver) => {
  const t = useTestApp(driver);

  const create = async (over: object = {}) => {
    const res = await adminInject(t, 'POST', '/api/webhooks', hook(over));
    expect(res.statusCode, res.body).toBe(201);
    return res.json<WebhookResponse>();
  };

  it('creates (201), reads, lists newest first and never answers the secret', async () => {
    const a = await create({ secret: SECRET, headers: { 'X-Team': 'video' } });
    expect(a).toMatchObject({
      name: 'Chat',
      events: ['video.ready', 'video.uploaded'],
      active: true,
      has_secret: true,
      headers: { 'X-Team': 'video' },
      total_deliveries: 0,
    });
    expect(JSON.stringify(a)).not.toContain(SECRET);
    const b = await create({ name: 'Indexer', active: false });
    expect(b.has_secret).toBe(false);
    const got = await adminInject(t, 'GET', `/api/webhooks/${a.id}`);
    expect(got.json()).toEqual(a);
    const list = (await adminInject(t, 'GET', '/api/webhooks')).json<WebhookList>();
    expect(list.webhooks.map((w) => w.id).slice(0, 2)).toEqual([b.id, a.id]);
    expect(JSON.stringify(list)).not.toContain(SECRET);
    const active = (await adminInject(t, 'GET', '/api/webhooks?active_only=true')).json<WebhookList>();
    expect(active.webhooks.some((w) => w.id === b.id)).toBe(false);
    expect(active.total_count).toBe(list.total_count - 1);
  });

  it('updates any field; secret "" removes the secret, headers {} clears them', async () => {
    const w = await create({ secret: SECRET, headers: { 'X-A': '1' } });
    const put = await adminInject(t, 'PUT', `/api/webhooks/${w.id}`, {
      name: 'Renamed',
      secret: '',
      headers: {},
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ name: 'Renamed', has_secret: false, headers: {}, url: w.url });
    const again = await adminInject(t, 'PUT', `/api/webhooks/${w.id}`, {
      secret: 'y'.repeat(32),
      active: false,
    });
    expect(again.json()).toMatchObject({ has_secret: true, active: false, name: 'Renamed' });
  });

  it('deletes with the spec message; then 404', async () => {
    const w = await create({ name: 'Doomed' });
    const del = await adminInject(t, 'DELETE', `/api/webhooks/${w.id}`);
    expect(del.statusCode).toBe(200);
    expect(del.json()).toEqual({ status: 'ok', message: "Webhook 'Doomed' deleted" });
    expect((await adminInject(t, 'GET', `/api/webhooks/${w.id}`)).statusCode).toBe(404);
  });

  const refusals: Array<[string, 'POST' | 'PUT', string, object | undefined, number, RegExp]> = [
    ['private address', 'POST', '/api/webhooks', hook({ url: 'http://10.0.0.1/x' }), 422, /blocked/],
    ['CGNAT address', 'POST', '/api/webhooks', hook({ url: 'http://100.64.0.1/x' }), 422, /blocked.*100\.64/],
    [
      'IPv4-mapped loopback',
      'POST',
      '/api/webhooks',
      hook({ url: 'http://[::ffff:127.0.0.1]/x' }),
      422,
      /blocked/,
    ],
    [
      'localhost (resolves to loopback)',
      'POST',
      '/api/webhooks',
      hook({ url: 'http://localhost:8080/x' }),
      422,
      /blocked/,
    ],
    [
      'cloud metadata',
      'POST',
      '/api/webhooks',
      hook({ url: 'http://169.254.169.254/latest' }),
      422,
      /blocked/,
    ],
    [
      'metadata host name',
      'POST',
      '/api/webhooks',
      hook({ url: 'http://metadata.google.internal/x' }),
      422,
      /blocked/,
    ],
    [
      'not http(s)',
      'POST',
      '/api/webhooks',
      hook({ url: 'ftp://example.com/x' }),
      422,
      /http:\/\/ or https:\/\//,
    ],
    ['unknown event', 'POST', '/api/webhooks', hook({ events: ['video.exploded'] }), 400, /events/],
    ['no events', 'POST', '/api/webhooks', hook({ events: [] }), 400, /events/],
    ['short secret', 'POST', '/api/webhooks', hook({ secret: 'short' }), 400, /secret/],
    ['empty name', 'POST', '/api/webhooks', hook({ name: '' }), 400, /name/],
    ['short url', 'POST', '/api/webhooks', hook({ url: 'http://a' }), 400, /url/],
    [
      'protected header',
      'POST',
      '/api/webhooks',
      hook({ headers: { authorization: 'x' } }),
      400,
      /protected.*authorization/,
    ],
    ['missing webhook', 'PUT', '/api/webhooks/999999', { name: 'x' }, 404, /^Webhook not found$/],
    ['missing webhook test', 'POST', '/api/webhooks/999999/test', {}, 404, /^Webhook not found$/],
  ];
  it.each(refusals)('refuses %s', async (_label, method, url, body, status, detail) => {
    const res = await adminInject(t, method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json<{ detail: string }>().detail).toMatch(detail);
  });

  it('refuses an update to a blocked URL (422) and leaves the webhook as it was', async () => {
    const w = await create();
    const res = await adminInject(t, 'PUT', `/api/webhooks/${w.id}`, { url: 'http://192.168.1.10/hook' });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ detail: string }>().detail).toMatch(/blocked/);
    expect((await adminInject(t, 'GET', `/api/webhooks/${w.id}`)).json()).toMatchObject({ url: w.url });
  });

  it('answers 404 texts on the delivery log of a missing webhook or delivery', async () => {
    const w = await create();
    for (const url of [
      '/api/webhooks/999999',
      '/api/webhooks/999999/deliveries',
      '/api/webhooks/999999/deliveries/1',
    ])
      expect((await adminInject(t, 'GET', url)).json()).toEqual({ detail: 'Webhook not found' });
    const missing = await adminInject(t, 'GET', `/api/webhooks/${w.id}/deliveries/999999`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ detail: 'Delivery not found' });
    const retry = await adminInject(t, 'POST', `/api/webhooks/${w.id}/deliveries/999999/retry`);
    expect(retry.statusCode).toBe(404);
    const bad = await adminInject(t, 'GET', `/api/webhooks/${w.id}/deliveries?status=lost`);
    expect(bad.statusCode).toBe(400);
  });

  it('counts webhooks and deliveries in stats', async () => {
    const before = (await adminInject(t, 'GET', '/api/webhooks/stats')).json<WebhookStats>();
    await create({ events: ['worker.offline'] });
    const queued = await t.container.services.webhooks.trigger('worker.offline', { worker_id: 'w' });
    expect(queued).toBeGreaterThanOrEqual(1);
    const after = (await adminInject(t, 'GET', '/api/webhooks/stats')).json<WebhookStats>();
    expect(after.total_webhooks).toBe(before.total_webhooks + 1);
    expect(after.active_webhooks).toBe(before.active_webhooks + 1);
    expect(after.pending_deliveries).toBe(before.pending_deliveries + queued);
    expect(after.total_deliveries_24h).toBe(before.total_deliveries_24h + queued);
  });

  it('refuses a cookie session without its CSRF token (403) and no credentials (401)', async () => {
    const { cookie } = await loginSession(t.adminApp);
    const noCsrf = await t.adminApp.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: { cookie },
      payload: hook(),
    });
    expect(noCsrf.statusCode).toBe(403);
    const anon = await t.adminApp.inject({ method: 'GET', url: '/api/webhooks' });
    expect(anon.statusCode).toBe(401);
  });
});
