// The player watermark's image (api-admin.md §13).
import { route, type AdminRoute } from './admin-route.js';

export const routes: AdminRoute[] = [
  route('GET', '/api/settings/watermark'),
  route('GET', '/api/settings/watermark/image'),
  route('POST', '/api/settings/watermark/upload'),
  route('DELETE', '/api/settings/watermark'),
];
