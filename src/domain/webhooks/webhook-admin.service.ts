import type {
  DeliveryListQuery,
  WebhookCreateBody,
  WebhookDeliveryDetail,
  WebhookDeliveryList,
  WebhookEvent,
  WebhookList,
  WebhookListQuery,
  WebhookResponse,
  WebhookStats,
  WebhookTestResult,
  WebhookUpdateBody,
} from '../../contracts/api/webhook.contract.js';
import type { WebhookUpdate } from '../../db/database.types.js';
import { badRequest, notFound, unprocessable } from '../shared/errors.js';
import { BlockedTargetError, checkWebhookUrl, type Resolver } from './ssrf-guard.js';
import type { WebhookDeliveryRepository } from './webhook-delivery.repository.js';
import { postJson } from './webhook-http.js';
import { deliveryBody, deliveryHeaders, parseJson, protectedHeaderNames } from './webhook-request.js';
import type { WebhookRepository, WebhookRow } from './webhook.repository.js';
import { toDeliveryDetail, toDeliveryItem, toWebhookResponse } from './webhook.mapper.js';

const NOT_FOUND = 'Webhook not found';

/**
 * The admin's webhooks (api-admin.md §17): CRUD with the SSRF check of the URL (422 "… blocked …"),
 * stats, the synchronous test POST, the delivery log and its retry (which wakes the sender).
 */
export function createWebhookAdminService(deps: {
  webhooks: WebhookRepository;
  deliveries: WebhookDeliveryRepository;
  resolve: Resolver;
  options: { readonly allowPrivateTargets: boolean; readonly requestTimeoutSeconds: number };
  /** A delivery was put back in the queue: wake the sender. */
  onQueued: () => void;
}) {
  const { webhooks, deliveries, options } = deps;
  const guard = () => ({ resolve: deps.resolve, allowPrivate: options.allowPrivateTargets });

  async function found(id: number): Promise<WebhookRow> {
    const row = await webhooks.find(id);
    if (!row) throw notFound(NOT_FOUND);
    return row;
  }

  async function checkUrl(url: string): Promise<void> {
    try {
      await checkWebhookUrl(url, guard());
    } catch (err) {
      if (err instanceof BlockedTargetError) throw unprocessable(err.message);
      throw err;
    }
  }

  function checkHeaders(headers: Record<string, string> | undefined): void {
    const refused = protectedHeaderNames(headers ?? {});
    if (refused.length > 0)
      throw badRequest(`Custom headers may not set protected headers: ${refused.join(', ')}`);
  }

  const headersText = (h: Record<string, string> | undefined) =>
    h && Object.keys(h).length > 0 ? JSON.stringify(h) : null;

  return {
    async list(q: WebhookListQuery): Promise<WebhookList> {
      const { rows, total } = await webhooks.list({
        limit: q.limit,
        offset: q.offset,
        activeOnly: q.active_only,
      });
      return { webhooks: rows.map(toWebhookResponse), total_count: total };
    },

    stats: (): Promise<WebhookStats> => webhooks.stats(),

    async get(id: number): Promise<WebhookResponse> {
      return toWebhookResponse(await found(id));
    },

    async create(body: WebhookCreateBody): Promise<WebhookResponse> {
      checkHeaders(body.headers);
      await checkUrl(body.url);
      const row = await webhooks.insert({
        name: body.name,
        url: body.url,
        events: JSON.stringify([...new Set(body.events)]),
        secret: body.secret ?? null,
        active: body.active,
        headers: headersText(body.headers),
      });
      return toWebhookResponse(row);
    },

    async update(id: number, body: WebhookUpdateBody): Promise<WebhookResponse> {
      await found(id);
      checkHeaders(body.headers);
      if (body.url !== undefined) await checkUrl(body.url);
      const patch: WebhookUpdate = {};
      if (body.name !== undefined) patch.name = body.name;
      if (body.url !== undefined) patch.url = body.url;
      if (body.events !== undefined) patch.events = JSON.stringify([...new Set(body.events)]);
      if (body.secret !== undefined) patch.secret = body.secret === '' ? null : body.secret;
      if (body.active !== undefined) patch.active = body.active;
      if (body.headers !== undefined) patch.headers = headersText(body.headers);
      const row = await webhooks.update(id, patch);
      if (!row) throw notFound(NOT_FOUND);
      return toWebhookResponse(row);
    },

    async delete(id: number): Promise<{ status: string; message: string; name: string }> {
      const gone = await webhooks.delete(id);
      if (!gone) throw notFound(NOT_FOUND);
      return { status: 'ok', message: `Webhook '${gone.name}' deleted`, name: gone.name };
    },

    /** A test payload POSTed now, through the same guard and request as a delivery; nothing stored. */
    async test(id: number, eventType: WebhookEvent = 'video.ready'): Promise<WebhookTestResult> {
      const webhook = await found(id);
      const timestamp = new Date().toISOString();
      const body = deliveryBody({
        id: 'test',
        event: eventType,
        timestamp,
        attempt: 1,
        data: {
          test: true,
          video_id: 0,
          video_slug: 'test-video',
          title: 'Test Video',
          message: 'This is a test webhook delivery',
        },
      });
      const headers = deliveryHeaders({
        event: eventType,
        deliveryId: 'test',
        timestamp,
        body,
        secret: webhook.secret,
        custom: parseJson<Record<string, string>>(webhook.headers, {}),
        test: true,
      });
      const o = await postJson({
        url: webhook.url,
        body,
        headers,
        timeoutMs: options.requestTimeoutSeconds * 1000,
        guard: guard(),
      });
      return {
        success: o.ok,
        status_code: o.statusCode,
        response_body: o.responseBody,
        error_message: o.error,
        duration_ms: o.durationMs,
      };
    },

    async deliveries(id: number, q: DeliveryListQuery): Promise<WebhookDeliveryList> {
      await found(id);
      const { rows, total } = await deliveries.list(id, q);
      return { deliveries: rows.map(toDeliveryItem), count: rows.length, total };
    },

    async delivery(id: number, deliveryId: number): Promise<WebhookDeliveryDetail> {
      await found(id);
      const row = await deliveries.find(id, deliveryId);
      if (!row) throw notFound('Delivery not found');
      return toDeliveryDetail(row);
    },

    /** Back to the queue at attempt 1, due now; a delivered one is refused (400). */
    async retry(id: number, deliveryId: number): Promise<{ status: string; message: string }> {
      await found(id);
      const row = await deliveries.find(id, deliveryId);
      if (!row) throw notFound('Delivery not found');
      if (row.status === 'delivered') throw badRequest('Cannot retry a delivered webhook');
      if (row.status === 'delivering') throw badRequest('Delivery is being sent; retry it once it ends');
      if (!(await deliveries.retry(deliveryId)))
        throw badRequest('Delivery is being sent; retry it once it ends');
      deps.onQueued();
      return { status: 'ok', message: 'Delivery scheduled for retry' };
    },
  };
}

export type WebhookAdminService = ReturnType<typeof createWebhookAdminService>;
