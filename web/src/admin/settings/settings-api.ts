/** The Settings tab's calls to the runtime settings API (api-admin.md §14), typed by the API contracts. */
import type { ApiClient } from '../api.js';
import type {
  ImportResult,
  SeedResult,
  Setting,
  SettingCategory,
  SettingCreate,
  SettingsExport,
} from '../../shared/types.js';

export type { ImportResult, SeedResult, Setting, SettingCreate, SettingsExport };

const keyPath = (key: string) => `/api/settings/key/${encodeURIComponent(key)}`;

export function settingsApi(api: ApiClient) {
  return {
    categories: () => api.get<string[]>('/api/settings/categories'),
    category: (name: string) =>
      api.get<SettingCategory>(`/api/settings/category/${encodeURIComponent(name)}`),
    save: (key: string, value: unknown) => api.put<Setting>(keyPath(key), { value }),
    /** Removes the stored value: the setting falls back to its environment variable or default. */
    reset: (key: string) => api.delete<{ status: string; message: string }>(keyPath(key)),
    exportAll: () => api.post<SettingsExport>('/api/settings/export'),
    importAll: (settings: SettingCreate[], overwrite: boolean) =>
      api.post<ImportResult>('/api/settings/import', { settings, overwrite }),
    seedFromEnv: () => api.post<SeedResult>('/api/settings/seed-from-env'),
  };
}

export type SettingsApi = ReturnType<typeof settingsApi>;
