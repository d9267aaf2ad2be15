/** The Archive view's calls (api-admin.md §5.1, §5.3): archived list, restore, permanent delete. */
import type { ApiClient } from '../api.js';

/** An item of GET /api/videos/archived (its route schema, `ArchivedPage`, is not exported). */
export interface ArchivedVideo {
  id: number;
  title: string;
  slug: string;
  deleted_at: string | null;
  created_at: string | null;
}

export interface ArchivedPage {
  videos: ArchivedVideo[];
  total: number;
}

export function archiveApi(api: ApiClient) {
  return {
    page: (limit: number, offset: number) =>
      api.get<ArchivedPage>(`/api/videos/archived?limit=${limit}&offset=${offset}`),
    restore: (id: number) => api.post<{ status: string; message: string }>(`/api/videos/${id}/restore`),
    deletePermanently: (id: number) =>
      api.delete<{ status: string; message: string }>(`/api/videos/${id}?permanent=true`),
  };
}

export type ArchiveApi = ReturnType<typeof archiveApi>;
