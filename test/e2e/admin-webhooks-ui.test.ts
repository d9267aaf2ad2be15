// The admin Webhooks tab in real Chromium against `vlog serve` (private targets allowed) and a receiver on
// loopback, on PGlite and on PostgreSQL: the empty state; the create dialog refusing an empty form, flagging a
// protected header, generating a secret; the webhook listed with its events, counters and "Signed"; the
// server's SSRF refusal (422) shown under the URL; an edit; "Send test" showing the receiver's 2xx, duration
// and body; a real event (a remote worker registering) failing while the receiver is down, seen in the log,
// sent again with Retry and delivered, its detail opened, Retry then disabled; a video deleted and restored,
// both deliveries in the log, one opened; the status filter; Active
// switched off; the webhook deleted after a confirmation.
// Loading and error states come from the list's answer held back, then refused (page.route).
// Screenshots of each state at 1280 and 390 px go to /tmp/webhooks-*.png.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookDeliveryList, WebhookList } from '../../src/contracts/api/webhook.contract.js';
import { adminJson } from '../helpers/admin-json.js';
import { axeReport } from '../helpers/axe.js';
import { openAdmin, uploadViaApi, useServerAndBrowser } from '../helpers/admin-page.js';
import { registerWorkerOverHttp } from '../helpers/server-http.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

interface Receiver {
  url: string;
  received: Received[];
  /** While set, the receiver answers 503 (a receiver that is down). */
  failing: boolean;
  close: () => Promise<void>;
}

/** A webhook receiver on 127.0.0.1 that answers 200 with a short JSON body and keeps what it got. */
async function startReceiver(): Promise<Receiver> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      receiver.received.push({ headers: req.headers, body });
      res.writeHead(receiver.failing ? 503 : 200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify(
          receiver.failing ? { down: true } : { received: true, note: 'hello from the receiver' },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}/hooks/vlog`,
    received: [],
    failing: false,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return receiver;
}

/** Chromium logs each 4xx/5xx answer as a console error; the 422 and 503 here are provoked on purpose. */
const withoutProvoked = (errors: string[]) => errors.filter((e) => !/status of (422|503)/.test(e));

const WORKER_SECRET = 'webhooks-ui-worker-secret-0123456789';
const WORKER_NAME = 'hook-watcher';
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });
const row = (page: Page) => page.locator('#webhooks-list li[data-webhook-id]');

async function shot(page: Page, name: string, db: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: `/tmp/webhooks-${db}-${name}.png`, fullPage });
}

/** axe-core's serious and critical findings, gathered through the test and asserted empty at its end. */
const reports: string[] = [];

async function createWebhook(page: Page, url: string, db: string): Promise<void> {
  await page.click('#webhook-create-first');
  const dialog = page.locator('#webhook-dialog');
  await dialog.waitFor();
  // Nothing filled in: each field says what it needs, and the focus goes to the first.
  await page.click('#webhook-save');
  await poll(() => page.locator('#webhook-name-error').textContent()).toBe('Enter a name');
  expect(await page.locator('#webhook-url-error').textContent()).toBe(
    'Enter the URL that receives the events',
  );
  expect(await page.locator('#webhook-events-error').textContent()).toBe('Choose at least one event');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('webhook-name');
  await shot(page, 'dialog-errors', db, false);

  await page.fill('#webhook-name', 'Team chat');
  await page.fill('#webhook-url', url);
  expect(await page.locator('#webhook-url-hint').textContent()).toContain('private or local address');
  // Select all, then leave two out.
  await page.check('#webhook-events-all');
  expect(await page.locator('#webhook-events input[data-event]:checked').count()).toBe(8);
  await page.uncheck('[data-event="transcription.completed"]');
  await page.uncheck('[data-event="worker.offline"]');
  expect(await page.locator('#webhook-events-all').evaluate((el: HTMLInputElement) => el.indeterminate)).toBe(
    true,
  );
  await page.click('#webhook-secret-generate');
  expect(await page.inputValue('#webhook-secret')).toMatch(/^[A-Za-z0-9]{48}$/);
  // A protected header is flagged as it is typed, then replaced by an allowed one.
  await page.click('#webhook-header-add');
  await poll(() => page.evaluate(() => document.activeElement?.classList.contains('header-name'))).toBe(true);
  await page.keyboard.type('Authorization');
  await page.fill('[data-header-row] .header-value', 'Bearer nope');
  await poll(() => page.locator('[data-header-row] .header-error').textContent()).toContain(
    'protected header',
  );
  await shot(page, 'dialog-filled', db, false);
  reports.push(await axeReport(page, 'webhook dialog', { include: '#webhook-dialog' }));
  await page.fill('[data-header-row] .header-name', 'X-Team');
  await page.fill('[data-header-row] .header-value', 'video');
  expect(await page.locator('[data-header-row] .header-error').count()).toBe(0);
  await page.click('#webhook-save');
  await dialog.waitFor({ state: 'detached' });
  await row(page).first().waitFor();
}

for (const db of ['pglite', 'postgres'] as const) {
  describe(`admin Webhooks tab in Chromium (${db})`, () => {
    const ctx = useServerAndBrowser(
      { VLOG_WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true', VLOG_WORKER_ADMIN_SECRET: WORKER_SECRET },
      { postgres: db === 'postgres' },
    );
    let receiver: Receiver;
    beforeAll(async () => {
      receiver = await startReceiver();
    });
    afterAll(async () => {
      await receiver?.close();
    });

    it('creates, edits, tests, logs the deliveries of and deletes a webhook', async () => {
      const { server, browser } = ctx;
      reports.length = 0;
      const { page, errors } = await openAdmin(browser, server, '#videos');
      // Loading, then an error with "Try again": the list's answer is held back, then refused.
      let answer: (status: number) => void = () => undefined;
      const held = new Promise<number>((resolve) => (answer = resolve));
      await page.route('**/api/webhooks?*', async (route) => {
        const status = await held;
        await route.fulfill({
          status,
          contentType: 'application/json',
          body: '{"detail":"Database unavailable"}',
        });
      });
      await page.keyboard.press('6');
      await page.locator('#panel-webhooks [role="status"]', { hasText: 'Loading webhooks' }).waitFor();
      await shot(page, 'loading', db);
      answer(503);
      const failure = page.locator('#panel-webhooks .error-state', {
        hasText: 'Could not load the webhooks',
      });
      await failure.waitFor();
      expect(await failure.textContent()).toContain('Database unavailable');
      await shot(page, 'error', db);
      await page.unroute('**/api/webhooks?*');
      await failure.getByRole('button', { name: 'Try again' }).click();
      await page.locator('#webhooks-empty').waitFor();
      await poll(() => page.locator('[data-stat="total_webhooks"]').textContent()).toBe('0');
      await shot(page, 'empty', db);

      await createWebhook(page, receiver.url, db);
      const listed = (await adminJson<WebhookList>(server, 'GET', '/api/webhooks')).body.webhooks;
      expect(listed).toHaveLength(1);
      const hook = listed[0]!;
      expect(hook).toMatchObject({
        name: 'Team chat',
        url: receiver.url,
        active: true,
        has_secret: true,
        headers: { 'X-Team': 'video' },
      });
      expect(hook.events).toEqual([
        'video.uploaded',
        'video.ready',
        'video.failed',
        'video.deleted',
        'video.restored',
        'worker.registered',
      ]);
      const item = row(page).first();
      expect(await item.locator('[data-testid="events"] li').count()).toBe(6);
      expect(await item.locator('[data-testid="has-secret"]').textContent()).toBe('Signed');
      expect(await item.locator('[data-testid="counters"]').textContent()).toContain('never triggered');
      await poll(() => page.locator('[data-stat="total_webhooks"]').textContent()).toBe('1');

      // Edit: the server's SSRF check refuses the metadata address (422), shown under the URL; then a rename.
      await item.locator('[data-action="edit"]').click();
      await page.locator('#webhook-dialog').waitFor();
      expect(await page.inputValue('#webhook-secret')).toBe('');
      expect(await page.inputValue('[data-header-row] .header-value')).toBe('video');
      await page.fill('#webhook-url', 'http://169.254.169.254/latest/meta-data');
      await page.click('#webhook-save');
      await poll(() => page.locator('#webhook-url-error').textContent()).toMatch(/blocked/i);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('webhook-url');
      await shot(page, 'dialog-ssrf', db, false);
      await page.fill('#webhook-url', receiver.url);
      expect(await page.locator('#webhook-url-error').textContent()).toBe('');
      await page.fill('#webhook-name', 'Team chat (videos)');
      await page.click('#webhook-save');
      await page.locator('#webhook-dialog').waitFor({ state: 'detached' });
      await item.locator('.webhook-name', { hasText: 'Team chat (videos)' }).waitFor();
      const edited = (await adminJson<WebhookList>(server, 'GET', '/api/webhooks')).body.webhooks[0]!;
      expect(edited).toMatchObject({ name: 'Team chat (videos)', url: receiver.url, has_secret: true });

      // Send test: the receiver's 2xx, the duration and its body; the request carried the custom header.
      await item.locator('[data-action="test"]').click();
      await page.locator('#webhook-test-dialog').waitFor();
      await page.selectOption('#webhook-test-event', 'video.deleted');
      await page.click('#webhook-test-send');
      const result = page.locator('#webhook-test-result');
      await result.waitFor();
      expect(await result.getAttribute('data-success')).toBe('true');
      expect(await result.locator('[data-test="status"]').textContent()).toBe('200');
      expect(await result.locator('[data-test="duration"]').textContent()).toMatch(/^\d+ ms$/);
      expect(await result.locator('[data-test="body"]').textContent()).toContain('hello from the receiver');
      const test = receiver.received.find((r) => r.headers['x-vlog-test'] === 'true');
      expect(test?.headers['x-team']).toBe('video');
      expect(test?.headers['x-vlog-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(JSON.parse(test!.body)).toMatchObject({ id: 'test', event: 'video.deleted' });
      await shot(page, 'test-result', db, false);
      reports.push(await axeReport(page, 'test dialog', { include: '#webhook-test-dialog' }));
      await page.keyboard.press('Escape');
      await page.locator('#webhook-test-dialog').waitFor({ state: 'detached' });

      // A real event while the receiver is down: a remote worker registers over the worker API; the first
      // attempt fails (its retry is ~30 s away).
      receiver.failing = true;
      await registerWorkerOverHttp(server.workerUrl, WORKER_SECRET, WORKER_NAME);
      await poll(async () => {
        const log = await adminJson<WebhookDeliveryList>(
          server,
          'GET',
          `/api/webhooks/${hook.id}/deliveries`,
        );
        return log.body.deliveries.map((d) => `${d.event_type} ${d.status}`);
      }).toContain('worker.registered failed');

      // The delivery log shows the failure; Retry sends it again now that the receiver is back.
      await item.locator('[data-action="deliveries"]').click();
      const log = page.locator('#delivery-log');
      await log.waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('delivery-log-title');
      const registered = log.locator('tr[data-delivery-id]', { hasText: 'worker.registered' });
      await poll(() => registered.getAttribute('data-status')).toBe('failed');
      expect(await registered.textContent()).toContain('HTTP 503');
      await shot(page, 'delivery-failed', db);
      receiver.failing = false;
      await registered.locator('[data-action="retry"]').click();
      await page.locator('.toast', { hasText: 'Delivery scheduled for retry' }).waitFor();
      await poll(async () => {
        await page.click('#delivery-refresh');
        return registered.getAttribute('data-status');
      }).toBe('delivered');
      // Delivered: nothing to retry; its detail holds the event, the body sent and the answer.
      expect(await registered.locator('[data-action="retry"]').isDisabled()).toBe(true);
      await registered.locator('[data-action="expand"]').click();
      const detail = log.locator('.delivery-detail');
      await detail.locator('[data-part="event_data"] pre').waitFor();
      expect(await detail.locator('[data-part="event_data"]').textContent()).toContain(WORKER_NAME);
      expect(await detail.locator('[data-part="request_body"]').textContent()).toContain(
        '"event": "worker.registered"',
      );
      expect(await detail.locator('[data-part="response_body"]').textContent()).toContain(
        'hello from the receiver',
      );
      expect(await registered.locator('[data-action="expand"]').getAttribute('aria-expanded')).toBe('true');
      await shot(page, 'delivery-log', db);
      const deliveredToReceiver = receiver.received.filter(
        (r) => r.headers['x-vlog-event'] === 'worker.registered',
      );
      expect(deliveredToReceiver.length).toBeGreaterThan(0);

      // Video events: a video uploaded (its bytes are no video), deleted and restored, in the log once delivered.
      const fake = path.join(os.tmpdir(), `webhooks-e2e-${process.pid}-${db}.mp4`);
      await writeFile(fake, 'not a video\n'.repeat(50));
      const { video_id, slug } = await uploadViaApi(server, fake, 'Hooked video');
      expect((await adminJson(server, 'DELETE', `/api/videos/${video_id}`)).status).toBe(200);
      expect((await adminJson(server, 'POST', `/api/videos/${video_id}/restore`)).status).toBe(200);
      const restored = log.locator('tr[data-delivery-id][data-status="delivered"]', {
        hasText: 'video.restored',
      });
      await poll(async () => {
        await page.click('#delivery-refresh');
        return restored.count();
      }).toBe(1);
      await log
        .locator('tr[data-delivery-id][data-status="delivered"]', { hasText: 'video.deleted' })
        .waitFor();
      await restored.locator('[data-action="expand"]').click();
      const restoredId = await restored.getAttribute('data-delivery-id');
      const restoredData = log.locator(`#delivery-detail-${restoredId} [data-part="event_data"] pre`);
      await poll(() => restoredData.textContent()).toContain(slug);
      await shot(page, 'delivery-video-events', db);
      reports.push(await axeReport(page, 'list and delivery log'));

      // The status filter: nothing failed for good.
      await page.selectOption('#delivery-status', 'failed_permanent');
      await log.locator('#delivery-empty').waitFor();
      await page.selectOption('#delivery-status', '');
      await log.locator('tr[data-delivery-id]').first().waitFor();
      expect(await page.locator('#delivery-page').textContent()).toMatch(/^1–\d+ of \d+$/);
      await page.click('#delivery-close');
      await log.waitFor({ state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe(
        'deliveries',
      );
      // Refresh brings the list's counters up to date with the log.
      await page.click('#webhooks-refresh');
      await poll(() => item.locator('[data-testid="counters"]').textContent()).toMatch(
        /^[1-9]\d* delivered · 0 failed · [1-9]\d* total · last triggered /,
      );
      await poll(() => page.locator('[data-stat="total_deliveries_24h"]').textContent()).not.toBe('0');

      // Active switched off from the list.
      await item.locator('[data-action="active"]').click();
      await poll(
        async () => (await adminJson<WebhookList>(server, 'GET', '/api/webhooks')).body.webhooks[0]?.active,
      ).toBe(false);
      await poll(() => item.getAttribute('data-active')).toBe('false');

      // Narrow screen: the list, the dialog and the log fit 390 px.
      await page.setViewportSize({ width: 390, height: 844 });
      await shot(page, 'list-390', db);
      reports.push(await axeReport(page, 'list at 390 px'));
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await item.locator('[data-action="edit"]').click();
      await page.locator('#webhook-dialog').waitFor();
      await shot(page, 'dialog-390', db, false);
      await page.keyboard.press('Escape');
      await page.locator('#webhook-dialog').waitFor({ state: 'detached' });
      await page.setViewportSize({ width: 1280, height: 860 });

      // Delete after the confirmation naming it; the list is empty again.
      await item.locator('[data-action="delete"]').click();
      const confirm = page.locator('#confirm-dialog');
      await confirm.waitFor();
      expect(await confirm.textContent()).toContain('Team chat (videos)');
      await page.click('#confirm-ok');
      await page.locator('#webhooks-empty').waitFor();
      expect((await adminJson<WebhookList>(server, 'GET', '/api/webhooks')).body.total_count).toBe(0);
      expect(withoutProvoked(errors)).toEqual([]);
      expect(reports.filter(Boolean).join('\n')).toBe('');
    }, 180_000);
  });
}
