/** The Settings tab's calls to the runtime settings API (api-admin.md §14), typed by the API contracts. */
import type { ApiClient } from '../api.js';
import type {
  CatalogueSetting,
  ImportResult,
  Setting,
  SettingCreate,
  SettingsByCategory,
  SettingsCatalogue,
  SettingsExport,
} from '../../shared/types.js';

export type { CatalogueSetting, ImportResult, Setting, SettingCreate, SettingsExport };

const keyPath = (key: string) => `/api/settings/key/${encodeURIComponent(key)}`;

export function settingsApi(api: ApiClient) {
  return {
    /** Every catalogued setting, stored or not, with its effective value and its source. */
    catalogue: () => api.get<SettingsCatalogue>('/api/settings/catalogue'),
    /** Every stored setting (catalogued or custom), grouped by category. */
    stored: () => api.get<SettingsByCategory>('/api/settings'),
    /** Stores a value; a catalogued key never stored is created. */
    save: (key: string, value: unknown) => api.put<Setting>(keyPath(key), { value }),
    /** Removes the stored value: the setting falls back to its environment variable or default. */
    reset: (key: string) => api.delete<{ status: string; message: string }>(keyPath(key)),
    exportAll: () => api.post<SettingsExport>('/api/settings/export'),
    importAll: (settings: SettingCreate[], overwrite: boolean) =>
      api.post<ImportResult>('/api/settings/import', { settings, overwrite }),
  };
}

export type SettingsApi = ReturnType<typeof settingsApi>;
