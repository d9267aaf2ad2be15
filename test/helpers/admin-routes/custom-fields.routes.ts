// Categories' update and custom fields (api-admin.md §4, §7) and the bulk custom-field setter (§5.9).
import { route, type AdminRoute } from './admin-route.js';

export const routes: AdminRoute[] = [
  route('PUT', '/api/categories/:id'),
  route('GET', '/api/custom-fields'),
  route('POST', '/api/custom-fields'),
  route('GET', '/api/custom-fields/:id'),
  route('PUT', '/api/custom-fields/:id'),
  route('DELETE', '/api/custom-fields/:id'),
  route('GET', '/api/videos/:id/custom-fields'),
  route('PUT', '/api/videos/:id/custom-fields'),
  route('POST', '/api/videos/bulk/custom-fields'),
];
