// A video's transcript (api-admin.md §5.8) and caption upload.
import { route, type AdminRoute } from './admin-route.js';

export const routes: AdminRoute[] = [
  route('GET', '/api/videos/:id/transcript'),
  route('POST', '/api/videos/:id/transcribe'),
  route('PUT', '/api/videos/:id/transcript'),
  route('DELETE', '/api/videos/:id/transcript'),
  route('PUT', '/api/videos/:id/captions'),
];
