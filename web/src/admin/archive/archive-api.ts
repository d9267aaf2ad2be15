/** The Archive view's calls (api-admin.md §5.1, §5.3): archived list, restore, permanent delete. */
import type { ApiClient } from '../api.js';
import type { ArchivedPage, ArchivedVideo } from '../../shared/types.js';

export type { ArchivedPage, ArchivedVideo };

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
