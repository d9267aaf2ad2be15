/**
 * The Settings tab's calls to the runtime settings API (api-admin.md §14). The shapes are the route
 * schemas' own types (type-only imports: nothing of the server is bundled).
 */
import type { Static } from '@sinclair/typebox';
import type {
  ImportResult as ImportResultSchema,
  Setting as SettingSchema,
  SettingCreate as SettingCreateSchema,
  SettingsExport as SettingsExportSchema,
  SeedResult as SeedResultSchema,
} from '../../../../src/contracts/api/settings.contract.js';
import type { ApiClient } from '../api.js';

export type Setting = Static<typeof SettingSchema>;
export type SettingCreate = Static<typeof SettingCreateSchema>;
export type SettingsExport = Static<typeof SettingsExportSchema>;
export type ImportResult = Static<typeof ImportResultSchema>;
export type SeedResult = Static<typeof SeedResultSchema>;

const keyPath = (key: string) => `/api/settings/key/${encodeURIComponent(key)}`;

export function settingsApi(api: ApiClient) {
  return {
    categories: () => api.get<string[]>('/api/settings/categories'),
    category: (name: string) =>
      api.get<{ category: string; settings: Setting[] }>(
        `/api/settings/category/${encodeURIComponent(name)}`,
      ),
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
