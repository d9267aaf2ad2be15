// Categories and tags (api-admin.md §4, §5.6).
import { route, type AdminRoute } from './admin-route.js';

export const routes: AdminRoute[] = [
  route('GET', '/api/categories'),
  route('POST', '/api/categories'),
  route('DELETE', '/api/categories/:id'),
  route('GET', '/api/tags'),
  route('POST', '/api/tags'),
  route('PUT', '/api/tags/:id'),
  route('DELETE', '/api/tags/:id'),
  route('GET', '/api/videos/:id/tags'),
  route('PUT', '/api/videos/:id/tags'),
  route('DELETE', '/api/videos/:id/tags/:tag_id'),
];
