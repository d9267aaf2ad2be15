import { CATALOGUE_ENTRIES } from './settings-catalogue.js';
import { toConstraintsResponse, toSettingRecord, type SettingRecord } from './settings.mapper.js';
import type { SettingsRepository } from './settings.repository.js';
import type { SettingsService } from './settings.service.js';
import type { SettingSource } from './settings-environment.js';

/** One catalogued setting as the admin sees it: what it is, what it is now, and where that comes from. */
export interface CatalogueSetting extends SettingRecord {
  default: unknown;
  source: SettingSource;
  /** The environment variables read when the database has no value, in order of preference. */
  env: string[];
  /** The environment variable the value (or the refused value) came from. */
  env_variable: string | null;
  /** Why a set environment variable is not used (it does not parse or breaks a constraint). */
  env_problem: string | null;
  /** The behaviour it drives ("not yet built" when its feature does not exist). */
  applies_to: string;
  read_by: 'server' | 'worker' | null;
}

/**
 * Every catalogued setting with its effective value (database > environment > default) — what
 * GET /api/settings/catalogue answers. The reference's admin only lists stored rows, so a setting never
 * stored was invisible in its UI; here every key can be seen and set, and its source is shown.
 */
export function createSettingsCatalogueView(deps: {
  repository: SettingsRepository;
  settings: SettingsService;
}) {
  return async function catalogue(): Promise<{ categories: Record<string, CatalogueSetting[]> }> {
    const stored = new Map((await deps.repository.listAll()).map((row) => [row.key, toSettingRecord(row)]));
    const categories: Record<string, CatalogueSetting[]> = {};
    for (const entry of CATALOGUE_ENTRIES) {
      const row = stored.get(entry.key);
      const fallback = deps.settings.fallback(entry.key);
      const base: SettingRecord = row ?? {
        key: entry.key,
        value: fallback.value,
        category: entry.category,
        value_type: entry.type,
        description: entry.description,
        constraints: toConstraintsResponse(entry.constraints),
        updated_at: null,
        updated_by: null,
      };
      (categories[entry.category] ??= []).push({
        ...base,
        default: entry.default,
        source: row ? 'database' : fallback.source,
        env: [...entry.env],
        env_variable: fallback.variable ?? null,
        env_problem: fallback.problem ?? null,
        applies_to: entry.appliesTo,
        read_by: entry.readBy,
      });
    }
    for (const list of Object.values(categories)) list.sort((a, b) => a.key.localeCompare(b.key));
    return {
      categories: Object.fromEntries(Object.entries(categories).sort(([a], [b]) => a.localeCompare(b))),
    };
  };
}
