// Workers and deployments (api-admin.md §11).
import { route, type AdminRoute } from './admin-route.js';

export const routes: AdminRoute[] = [
  route('GET', '/api/workers'),
  route('GET', '/api/workers/active-jobs'),
  route('GET', '/api/workers/:worker_id'),
  route('PUT', '/api/workers/:worker_id/disable'),
  route('PUT', '/api/workers/:worker_id/enable'),
  route('DELETE', '/api/workers/:worker_id'),
  route('POST', '/api/workers/:worker_id/revoke'),
  route('POST', '/api/admin/workers/:worker_id/restart'),
  route('POST', '/api/admin/workers/:worker_id/stop'),
  route('POST', '/api/admin/workers/:worker_id/update'),
  route('POST', '/api/admin/workers/restart-all'),
  route('GET', '/api/admin/deployments'),
];
