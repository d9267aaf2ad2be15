// Runtime settings and the progress stream (api-admin.md §12, §14).
import { route, type AdminRoute } from './admin-route.js';

export const routes: AdminRoute[] = [
  route('GET', '/api/events/progress', { stream: true }),
  route('GET', '/api/settings'),
  route('POST', '/api/settings'),
  route('GET', '/api/settings/categories'),
  route('GET', '/api/settings/catalogue'),
  route('GET', '/api/settings/category/:category'),
  route('GET', '/api/settings/key/:key'),
  route('PUT', '/api/settings/key/:key'),
  route('DELETE', '/api/settings/key/:key'),
  route('POST', '/api/settings/export'),
  route('POST', '/api/settings/import'),
  route('POST', '/api/settings/invalidate-cache'),
  route('GET', '/api/settings/cache-stats'),
  route('POST', '/api/settings/seed-from-env'),
];
