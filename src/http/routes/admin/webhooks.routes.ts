import type { FastifyInstance } from 'fastify';
import { StatusMessage } from '../../../contracts/api/common.contract.js';
import * as wire from '../../../contracts/api/webhook.contract.js';
import type { WebhookAdminService } from '../../../domain/webhooks/webhook-admin.service.js';
import { adminRouter, byId } from '../../schemas/route-schema.js';

/** Webhooks, their stats, test and delivery log (api-admin.md §17). */
export function adminWebhookRoutes(webhooks: WebhookAdminService) {
  return async (fastify: FastifyInstance) => {
    const { app, schema } = adminRouter(fastify, ['webhooks']);
    const delivery = { params: wire.DeliveryParams, fails: [404] };
    app.get(
      '/api/webhooks',
      { schema: schema({ querystring: wire.WebhookListQuery, ok: wire.WebhookList }) },
      (req) => webhooks.list(req.query),
    );
    app.get('/api/webhooks/stats', { schema: schema({ ok: wire.WebhookStats }) }, () => webhooks.stats());
    // 201 Created: the route's 200 answer moved to 201.
    const { 200: created, ...refusals } = schema({
      body: wire.WebhookCreateBody,
      ok: wire.WebhookResponse,
      fails: [422],
    }).response;
    app.post(
      '/api/webhooks',
      {
        schema: {
          ...schema({ body: wire.WebhookCreateBody, ok: wire.WebhookResponse }),
          response: { 201: created, ...refusals },
        },
      },
      async (req, reply) => reply.status(201).send(await webhooks.create(req.body)),
    );
    app.get('/api/webhooks/:id', { schema: schema({ ...byId, ok: wire.WebhookResponse }) }, (req) =>
      webhooks.get(req.params.id),
    );
    app.put(
      '/api/webhooks/:id',
      {
        schema: schema({
          ...byId,
          body: wire.WebhookUpdateBody,
          ok: wire.WebhookResponse,
          fails: [404, 422],
        }),
      },
      (req) => webhooks.update(req.params.id, req.body),
    );
    app.delete('/api/webhooks/:id', { schema: schema({ ...byId, ok: StatusMessage }) }, async (req) => {
      const { status, message } = await webhooks.delete(req.params.id);
      return { status, message };
    });
    app.post(
      '/api/webhooks/:id/test',
      {
        schema: schema({
          ...byId,
          body: wire.WebhookTestBody,
          ok: wire.WebhookTestResult,
          description: 'POSTs a test payload now (not stored); the body is optional.',
        }),
      },
      (req) => webhooks.test(req.params.id, req.body?.event_type),
    );
    app.get(
      '/api/webhooks/:id/deliveries',
      { schema: schema({ ...byId, querystring: wire.DeliveryListQuery, ok: wire.WebhookDeliveryList }) },
      (req) => webhooks.deliveries(req.params.id, req.query),
    );
    app.get(
      '/api/webhooks/:id/deliveries/:did',
      { schema: schema({ ...delivery, ok: wire.WebhookDeliveryDetail }) },
      (req) => webhooks.delivery(req.params.id, req.params.did),
    );
    app.post(
      '/api/webhooks/:id/deliveries/:did/retry',
      { schema: schema({ ...delivery, ok: StatusMessage }) },
      (req) => webhooks.retry(req.params.id, req.params.did),
    );
  };
}
