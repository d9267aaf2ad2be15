/** The admin API's categories (api-admin.md §4; PUT is ours: the reference cannot rename). */
import type { ApiClient } from '../api.js';
import type { Category, CategoryUpdate, StatusOk } from '../../shared/types.js';

export const categoriesApi = (api: ApiClient) => ({
  list: () => api.get<Category[]>('/api/categories'),
  create: (name: string, description: string) => api.post<Category>('/api/categories', { name, description }),
  update: (id: number, body: CategoryUpdate) => api.put<Category>(`/api/categories/${id}`, body),
  remove: (id: number) => api.delete<StatusOk>(`/api/categories/${id}`),
});

export type CategoriesApi = ReturnType<typeof categoriesApi>;
