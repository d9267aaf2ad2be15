// Bulk operations on videos (api-admin.md §5.9).
import { route, type AdminRoute } from './admin-route.js';

export const routes: AdminRoute[] = [
  route('POST', '/api/videos/bulk/delete'),
  route('POST', '/api/videos/bulk/update'),
  route('POST', '/api/videos/bulk/retranscode'),
  route('POST', '/api/videos/bulk/restore'),
];
