// Chapters of a video (api-admin.md §9).
import { route, type AdminRoute } from './admin-route.js';

export const routes: AdminRoute[] = [
  route('GET', '/api/videos/:id/chapters'),
  route('POST', '/api/videos/:id/chapters'),
  route('POST', '/api/videos/:id/chapters/reorder'),
  route('POST', '/api/videos/:id/chapters/auto-detect'),
  route('GET', '/api/videos/:id/chapters/:chapter_id'),
  route('PUT', '/api/videos/:id/chapters/:chapter_id'),
  route('DELETE', '/api/videos/:id/chapters/:chapter_id'),
];
