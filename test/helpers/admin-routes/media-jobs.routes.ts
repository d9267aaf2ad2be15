// Sprite sheets and re-encoding (api-admin.md §10, §15).
import { route, type AdminRoute } from './admin-route.js';

export const routes: AdminRoute[] = [
  route('GET', '/api/sprites/status'),
  route('POST', '/api/videos/:id/sprites/generate'),
  route('POST', '/api/sprites/queue-all'),
  route('GET', '/api/sprites/jobs'),
  route('GET', '/api/videos/:id/sprites'),
  route('DELETE', '/api/sprites/jobs/:job_id'),
  route('GET', '/api/reencode/status'),
  route('POST', '/api/reencode/queue', { query: '?video_ids=1' }),
  route('POST', '/api/reencode/queue-all'),
  route('GET', '/api/reencode/jobs'),
  route('DELETE', '/api/reencode/jobs/:job_id'),
];
