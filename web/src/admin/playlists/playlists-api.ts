/** The Playlists tab's calls (api-admin.md §8) and the video list its picker searches (§5.1). */
import type { ApiClient } from '../api.js';
import type {
  Playlist,
  PlaylistCreate,
  PlaylistDetail,
  PlaylistPage,
  PlaylistUpdate,
  StatusOk,
  VideoListResponse,
} from '../../shared/types.js';

export type { Playlist, PlaylistDetail };

export function playlistsApi(api: ApiClient) {
  return {
    list: () => api.get<PlaylistPage>('/api/playlists?limit=200'),
    detail: (id: number) => api.get<PlaylistDetail>(`/api/playlists/${id}`),
    create: (body: PlaylistCreate) => api.post<Playlist>('/api/playlists', body),
    update: (id: number, body: PlaylistUpdate) => api.put<Playlist>(`/api/playlists/${id}`, body),
    remove: (id: number) => api.delete<StatusOk>(`/api/playlists/${id}`),
    addVideo: (id: number, videoId: number) =>
      api.post<{ status: string; position: number }>(`/api/playlists/${id}/videos`, { video_id: videoId }),
    removeVideo: (id: number, videoId: number) =>
      api.delete<StatusOk>(`/api/playlists/${id}/videos/${videoId}`),
    reorder: (id: number, videoIds: number[]) =>
      api.post<StatusOk>(`/api/playlists/${id}/reorder`, { video_ids: videoIds }),
    /** Every video the admin may add (the admin list has no search: the picker filters on the title). */
    videos: () => api.get<VideoListResponse>('/api/videos?limit=500'),
  };
}

export type PlaylistsApi = ReturnType<typeof playlistsApi>;
