// Bulk operations on videos (api-admin.md §5.9) and the export (§5.1).
import { route, type AdminRoute } from './admin-route.js';

export const routes: AdminRoute[] = [
  route('POST', '/api/videos/bulk/delete'),
  route('POST', '/api/videos/bulk/update'),
  route('POST', '/api/videos/bulk/retranscode'),
  route('POST', '/api/videos/bulk/restore'),
  // Called with a refused limit: two valid exports differ in exported_at, and the guard test compares answers.
  route('GET', '/api/videos/export', { query: '?limit=0' }),
];
