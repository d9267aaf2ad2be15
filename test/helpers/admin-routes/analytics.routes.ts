// Admin analytics reports (api-admin.md §6).
import { route, type AdminRoute } from './admin-route.js';

export const routes: AdminRoute[] = [
  route('GET', '/api/analytics/overview'),
  route('GET', '/api/analytics/videos'),
  route('GET', '/api/analytics/videos/:id'),
  route('GET', '/api/analytics/videos/:id/retention'),
  route('GET', '/api/analytics/trends'),
];
