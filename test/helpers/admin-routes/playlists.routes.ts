// Playlists and their videos (api-admin.md §8).
import { route, type AdminRoute } from './admin-route.js';

export const routes: AdminRoute[] = [
  route('GET', '/api/playlists'),
  route('POST', '/api/playlists'),
  route('GET', '/api/playlists/:id'),
  route('PUT', '/api/playlists/:id'),
  route('DELETE', '/api/playlists/:id'),
  route('GET', '/api/playlists/:id/videos'),
  route('POST', '/api/playlists/:id/videos'),
  route('DELETE', '/api/playlists/:id/videos/:video_id'),
  route('POST', '/api/playlists/:id/reorder'),
];
