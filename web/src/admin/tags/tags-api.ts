/** The admin API's tags (api-admin.md §4). */
import type { ApiClient } from '../api.js';
import type { StatusOk, Tag } from '../../shared/types.js';

export const tagsApi = (api: ApiClient) => ({
  list: () => api.get<Tag[]>('/api/tags'),
  create: (name: string) => api.post<Tag>('/api/tags', { name }),
  rename: (id: number, name: string) => api.put<Tag>(`/api/tags/${id}`, { name }),
  remove: (id: number) => api.delete<StatusOk>(`/api/tags/${id}`),
});

export type TagsApi = ReturnType<typeof tagsApi>;

/** Tags whose name or slug contains the query (case-insensitive); all of them for a blank query. */
export function filterTags(tags: Tag[], query: string): Tag[] {
  const q = query.trim().toLowerCase();
  return q ? tags.filter((t) => t.name.toLowerCase().includes(q) || t.slug.includes(q)) : tags;
}
