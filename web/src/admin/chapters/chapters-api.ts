/** The chapter editor's calls (api-admin.md §9). */
import type { ApiClient } from '../api.js';
import type {
  AutoDetectRequest,
  AutoDetectResponse,
  Chapter,
  ChapterCreate,
  ChapterList,
  ChapterUpdate,
  StatusOk,
} from '../../shared/types.js';

export type { Chapter, ChapterCreate };

export function chaptersApi(api: ApiClient, videoId: number) {
  const base = `/api/videos/${videoId}/chapters`;
  return {
    list: (signal?: AbortSignal) => api.get<ChapterList>(base, signal ? { signal } : {}),
    create: (body: ChapterCreate) => api.post<Chapter>(base, body),
    update: (id: number, body: ChapterUpdate) => api.put<Chapter>(`${base}/${id}`, body),
    remove: (id: number) => api.delete<StatusOk>(`${base}/${id}`),
    reorder: (ids: number[]) => api.post<ChapterList>(`${base}/reorder`, { chapter_ids: ids }),
    // ffprobe may take a while on a large upload; the server gives up after 60 s (504).
    autoDetect: (body: AutoDetectRequest) =>
      api.post<AutoDetectResponse>(`${base}/auto-detect`, body, { timeoutMs: 70_000 }),
  };
}

export type ChaptersApi = ReturnType<typeof chaptersApi>;
