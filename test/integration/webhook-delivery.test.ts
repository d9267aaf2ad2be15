// Webhook delivery (pipeline.md §16) in process on both databases: a real receiver on loopback, the runner
// woken by the queued event, signed bodies verified as a receiver would, retries with backoff, no
// redirects, the send-time SSRF check, the circuit breaker, the admin's retry and test, and the video
// events triggered where they happen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  WebhookDeliveryDetail,
  WebhookDeliveryList,
  WebhookResponse,
  WebhookTestResult,
} from '../../src/contracts/api/webhook.contract.js';
import { verifySignature } from '../../src/domain/webhooks/webhook-request.js';
import { adminInject, uploadFake } from '../helpers/admin-inject.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';

const SECRET = 'k'.repeat(48);

describe.each(DRIVERS)('webhook delivery (%s)', (driver) => {
  const t = useTestApp(driver, {
    VLOG_WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true',
    VLOG_WEBHOOKS_RETRY_BASE_DELAY: '5',
    VLOG_WEBHOOKS_REQUEST_TIMEOUT: '3',
  });
  let rx: Receiver;
  beforeAll(async () => {
    rx = await startReceiver();
    t.container.services.webhookRunner.start();
  });
  afterAll(async () => {
    await t.container.services.webhookRunner.stop();
    await rx.close();
  });

  const ok = () => (rx.respond = (_r, res) => res.writeHead(200).end('thanks'));
  const create = async (path: string, over: object = {}) => {
    const res = await adminInject(t, 'POST', '/api/webhooks', {
      name: path,
      url: `${rx.url}/${path}`,
      events: ['video.ready', 'video.uploaded', 'video.deleted', 'video.restored', 'video.failed'],
      secret: SECRET,
      ...over,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<WebhookResponse>();
  };
  const at = (path: string) => (r: { path: string }) => r.path === `/${path}`;
  const deliveries = async (id: number) =>
    (await adminInject(t, 'GET', `/api/webhooks/${id}/deliveries`)).json<WebhookDeliveryList>().deliveries;
  const detail = async (id: number, did: number) =>
    (await adminInject(t, 'GET', `/api/webhooks/${id}/deliveries/${did}`)).json<WebhookDeliveryDetail>();
  const setting = async (key: string, value: unknown) => {
    const res = await adminInject(t, 'PUT', `/api/settings/key/${key}`, { value });
    expect(res.statusCode, res.body).toBe(200);
  };
  const until = async (check: () => Promise<boolean>, ms = 5000) => {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('delivers a signed event within a second of the trigger, with the spec headers and body', async () => {
    ok();
    const w = await create('signed', { headers: { 'X-Team': 'video' } });
    const started = Date.now();
    await t.container.services.webhooks.trigger('video.ready', { video_id: 42, slug: 's', title: 'T' });
    const [r] = await rx.waitFor(1, 5000, at('signed'));
    expect(r!.at - started).toBeLessThan(1000);
    expect(verifySignature(SECRET, r!.body, r!.headers['x-vlog-signature'] as string)).toBe(true);
    const body = JSON.parse(r!.body) as {
      id: number;
      event: string;
      timestamp: string;
      attempt: number;
      data: object;
    };
    expect(body).toMatchObject({
      event: 'video.ready',
      attempt: 1,
      data: { video_id: 42, slug: 's', title: 'T' },
    });
    expect(r!.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'VLog-Webhook/1.0',
      'x-vlog-event': 'video.ready',
      'x-vlog-delivery-id': String(body.id),
      'x-vlog-timestamp': body.timestamp,
      'x-team': 'video',
    });
    await until(async () => (await deliveries(w.id))[0]?.status === 'delivered');
    const d = await detail(w.id, body.id);
    expect(d).toMatchObject({
      status: 'delivered',
      response_status: 200,
      response_body: 'thanks',
      request_body: r!.body,
    });
    expect(d.event_data).toEqual({ video_id: 42, slug: 's', title: 'T' });
    const after = (await adminInject(t, 'GET', `/api/webhooks/${w.id}`)).json<WebhookResponse>();
    expect(after).toMatchObject({ total_deliveries: 1, successful_deliveries: 1, failed_deliveries: 0 });
  });

  it('retries a failed delivery after base × (1 + jitter) seconds, then delivers it', async () => {
    const w = await create('flaky', { events: ['worker.offline'] });
    let calls = 0;
    rx.respond = (_r, res) => res.writeHead(++calls === 1 ? 503 : 200).end(calls === 1 ? 'busy' : 'ok');
    await t.container.services.webhooks.trigger('worker.offline', { worker_id: 'w1' });
    await rx.waitFor(1, 5000, at('flaky'));
    let d: WebhookDeliveryDetail | undefined;
    await until(async () => {
      const [first] = await deliveries(w.id);
      d = first && (await detail(w.id, first.id));
      return d?.status === 'failed';
    });
    expect(d).toMatchObject({
      attempt_number: 2,
      error_message: 'HTTP 503',
      response_status: 503,
      response_body: 'busy',
    });
    const wait = (new Date(d!.next_retry_at!).getTime() - Date.now()) / 1000;
    expect(wait).toBeGreaterThan(3.5);
    expect(wait).toBeLessThanOrEqual(6.25);
    const [, second] = await rx.waitFor(2, 9000, at('flaky'));
    expect(JSON.parse(second!.body)).toMatchObject({ attempt: 2 });
    await until(async () => (await deliveries(w.id))[0]?.status === 'delivered');
    ok();
  });

  it('never follows a redirect: a 3xx is a failure', async () => {
    const w = await create('moved', { events: ['worker.registered'] });
    rx.respond = (_r, res) => res.writeHead(302, { location: `${rx.url}/elsewhere` }).end();
    await t.container.services.webhooks.trigger('worker.registered', { worker_id: 'w2' });
    await until(async () => (await deliveries(w.id))[0]?.status === 'failed');
    expect((await deliveries(w.id))[0]?.error_message).toBe('HTTP 302: redirects are not followed');
    expect(rx.received.some((r) => r.path === '/elsewhere')).toBe(false);
    ok();
  });

  it('checks the target again at send time: a loopback receiver is refused once private targets are off', async () => {
    const w = await create('later-blocked', { events: ['worker.registered'] });
    await setting('webhooks.allow_private_targets', false);
    try {
      await t.container.services.webhooks.trigger('worker.registered', { worker_id: 'w3' });
      await until(async () => (await deliveries(w.id))[0]?.status === 'failed');
      expect((await deliveries(w.id))[0]?.error_message).toMatch(/blocked.*127\.0\.0\.1.*loopback/);
      expect(rx.received.some(at('later-blocked'))).toBe(false);
    } finally {
      await setting('webhooks.allow_private_targets', true);
    }
  });

  it('opens the circuit after 5 consecutive failures: no more deliveries are queued for it', async () => {
    const w = await create('broken', { events: ['worker.offline'] });
    await setting('webhooks.max_retries', 1);
    rx.respond = (r, res) => res.writeHead(r.path === '/broken' ? 500 : 200).end();
    try {
      for (let i = 0; i < 5; i++) {
        await t.container.services.webhooks.trigger('worker.offline', { worker_id: `b${i}` });
        await until(
          async () => (await deliveries(w.id)).filter((d) => d.status === 'failed_permanent').length > i,
        );
      }
      const list = await adminInject(t, 'GET', `/api/webhooks/${w.id}/deliveries?status=failed_permanent`);
      expect(list.json<WebhookDeliveryList>()).toMatchObject({ count: 5, total: 5 });
      const before = (await deliveries(w.id)).length;
      await t.container.services.webhooks.trigger('worker.offline', { worker_id: 'b5' });
      expect((await deliveries(w.id)).length).toBe(before);
      expect((await adminInject(t, 'GET', `/api/webhooks/${w.id}`)).json()).toMatchObject({
        failed_deliveries: 5,
      });
    } finally {
      await setting('webhooks.max_retries', 5);
      ok();
    }
  });

  it('retries a finally failed delivery on request; refuses a delivered one', async () => {
    const w = await create('retry', { events: ['worker.offline'] });
    await setting('webhooks.max_retries', 1);
    rx.respond = (r, res) => res.writeHead(r.path === '/retry' ? 500 : 200).end();
    try {
      await t.container.services.webhooks.trigger('worker.offline', { worker_id: 'r1' });
      await until(async () => (await deliveries(w.id))[0]?.status === 'failed_permanent');
    } finally {
      await setting('webhooks.max_retries', 5);
    }
    ok();
    const [failed] = await deliveries(w.id);
    const retry = await adminInject(t, 'POST', `/api/webhooks/${w.id}/deliveries/${failed!.id}/retry`);
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toEqual({ status: 'ok', message: 'Delivery scheduled for retry' });
    await until(async () => (await deliveries(w.id))[0]?.status === 'delivered');
    expect((await deliveries(w.id))[0]).toMatchObject({ attempt_number: 1, error_message: null });
    const again = await adminInject(t, 'POST', `/api/webhooks/${w.id}/deliveries/${failed!.id}/retry`);
    expect(again.statusCode).toBe(400);
    expect(again.json()).toEqual({ detail: 'Cannot retry a delivered webhook' });
  });

  it('sends a test payload synchronously, signed and marked, without storing it', async () => {
    ok();
    const w = await create('test-endpoint');
    const res = await adminInject(t, 'POST', `/api/webhooks/${w.id}/test`, { event_type: 'video.uploaded' });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<WebhookTestResult>();
    expect(result).toMatchObject({
      success: true,
      status_code: 200,
      response_body: 'thanks',
      error_message: null,
    });
    const [r] = await rx.waitFor(1, 2000, at('test-endpoint'));
    expect(r!.headers).toMatchObject({
      'x-vlog-test': 'true',
      'x-vlog-delivery-id': 'test',
      'x-vlog-event': 'video.uploaded',
    });
    expect(JSON.parse(r!.body)).toMatchObject({
      id: 'test',
      attempt: 1,
      data: { test: true, video_slug: 'test-video' },
    });
    expect(verifySignature(SECRET, r!.body, r!.headers['x-vlog-signature'] as string)).toBe(true);
    expect(await deliveries(w.id)).toEqual([]);
    const noBody = await adminInject(t, 'POST', `/api/webhooks/${w.id}/test`);
    expect(noBody.json()).toMatchObject({ success: true });
  });

  it('triggers video.uploaded, video.deleted, video.restored and video.failed where they happen', async () => {
    ok();
    await create('videos', { events: ['video.uploaded', 'video.deleted', 'video.restored', 'video.failed'] });
    const v = await uploadFake(t, 'Webhook clip');
    const uploaded = await rx.waitFor(
      1,
      5000,
      (r) => r.path === '/videos' && r.body.includes('video.uploaded'),
    );
    expect(JSON.parse(uploaded[0]!.body).data).toEqual({
      video_id: v.video_id,
      slug: v.slug,
      title: 'Webhook clip',
      filename: 'clip.mp4',
    });

    const claimed = await t.container.services.jobs.claim({ workerId: 'hook-worker', workerName: 'hook' });
    expect(claimed?.videoId).toBe(v.video_id);
    await t.container.services.jobs.fail({
      jobId: claimed!.jobId,
      workerId: 'hook-worker',
      error: 'bad input',
      retry: false,
    });
    const failed = await rx.waitFor(1, 5000, (r) => r.path === '/videos' && r.body.includes('video.failed'));
    expect(JSON.parse(failed[0]!.body).data).toEqual({
      video_id: v.video_id,
      slug: v.slug,
      error: 'bad input',
      attempt_number: 1,
      max_attempts: claimed!.maxAttempts,
    });

    expect((await adminInject(t, 'DELETE', `/api/videos/${v.video_id}`)).statusCode).toBe(200);
    const deleted = await rx.waitFor(
      1,
      5000,
      (r) => r.path === '/videos' && r.body.includes('video.deleted'),
    );
    expect(JSON.parse(deleted[0]!.body).data).toEqual({
      video_id: v.video_id,
      slug: v.slug,
      title: 'Webhook clip',
      permanent: false,
    });
    expect((await adminInject(t, 'POST', `/api/videos/${v.video_id}/restore`)).statusCode).toBe(200);
    const restored = await rx.waitFor(
      1,
      5000,
      (r) => r.path === '/videos' && r.body.includes('video.restored'),
    );
    expect(JSON.parse(restored[0]!.body).data).toEqual({
      video_id: v.video_id,
      slug: v.slug,
      title: 'Webhook clip',
    });
  });
});
