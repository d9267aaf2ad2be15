// Webhooks, their stats, test and delivery log (api-admin.md §17).
import { route, type AdminRoute } from './admin-route.js';

export const routes: AdminRoute[] = [
  route('GET', '/api/webhooks'),
  route('GET', '/api/webhooks/stats'),
  route('POST', '/api/webhooks'),
  route('GET', '/api/webhooks/:id'),
  route('PUT', '/api/webhooks/:id'),
  route('DELETE', '/api/webhooks/:id'),
  route('POST', '/api/webhooks/:id/test'),
  route('GET', '/api/webhooks/:id/deliveries'),
  route('GET', '/api/webhooks/:id/deliveries/:did'),
  route('POST', '/api/webhooks/:id/deliveries/:did/retry'),
];
