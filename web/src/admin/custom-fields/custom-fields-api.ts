/** The admin API's custom field definitions (api-admin.md §7). */
import type { ApiClient } from '../api.js';
import type {
  CustomField,
  CustomFieldCreate,
  CustomFieldList,
  CustomFieldUpdate,
} from '../../shared/types.js';

export const customFieldsApi = (api: ApiClient) => ({
  list: async () => (await api.get<CustomFieldList>('/api/custom-fields')).fields,
  create: (body: CustomFieldCreate) => api.post<CustomField>('/api/custom-fields', body),
  update: (id: number, body: CustomFieldUpdate) => api.put<CustomField>(`/api/custom-fields/${id}`, body),
  remove: (id: number) => api.delete<{ status: string; affected_videos: number }>(`/api/custom-fields/${id}`),
});

export type CustomFieldsApi = ReturnType<typeof customFieldsApi>;
