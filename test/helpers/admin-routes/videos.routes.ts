// Videos: list, detail, upload, lifecycle, thumbnails (api-admin.md §5).
import { route, type AdminRoute } from './admin-route.js';

export const routes: AdminRoute[] = [
  route('GET', '/api/videos'),
  route('GET', '/api/videos/archived'),
  route('GET', '/api/videos/:id'),
  route('GET', '/api/videos/:id/progress'),
  route('DELETE', '/api/videos/:id'),
  route('POST', '/api/videos/:id/restore'),
  route('POST', '/api/videos/:id/retry'),
  route('POST', '/api/videos/:id/re-upload'),
  route('GET', '/api/videos/:id/qualities'),
  route('POST', '/api/videos/:id/retranscode'),
  route('POST', '/api/videos/:id/publish'),
  route('POST', '/api/videos/:id/unpublish'),
  route('PUT', '/api/videos/:id'),
  route('GET', '/api/videos/:id/thumbnail'),
  route('POST', '/api/videos/:id/thumbnail/frames'),
  route('POST', '/api/videos/:id/thumbnail/select'),
  route('POST', '/api/videos/:id/thumbnail/upload'),
  route('POST', '/api/videos/:id/thumbnail/revert'),
  route('POST', '/api/videos'),
];
