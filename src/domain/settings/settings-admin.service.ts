import { badRequest, conflict, notFound } from '../shared/errors.js';
import { catalogueEntry, isCatalogued } from './settings-catalogue.js';
import { toSettingRecord, toStoredConstraints, type SettingRecord } from './settings.mapper.js';
import type { SettingRow, SettingsRepository, SettingWrite } from './settings.repository.js';
import { seedFromEnvironment } from './settings-seed.js';
import { createSettingsCatalogueView } from './settings-catalogue-view.js';
import type { SettingsService } from './settings.service.js';
import type { SettingConstraints, ValueType } from './settings.types.js';
import { constraintsProblem, validationProblem } from './settings-validation.js';

/** What creates a setting (POST /api/settings, each item of an import). */
export interface SettingInput {
  key: string;
  value: unknown;
  category: string;
  value_type?: ValueType;
  description?: string | null;
  constraints?: SettingConstraints | null;
}

export const KEY_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

const notFoundKey = (key: string) => notFound(`Setting not found: ${key}`);

/** The metadata a key is stored with: a catalogued key always keeps the catalogue's type and limits. */
function metadataFor(input: SettingInput) {
  if (!isCatalogued(input.key)) {
    return {
      category: input.category,
      value_type: input.value_type ?? 'string',
      description: input.description ?? null,
      constraints: input.constraints ?? null,
    };
  }
  const entry = catalogueEntry(input.key);
  return {
    category: entry.category,
    value_type: entry.type,
    description: input.description ?? entry.description,
    constraints: entry.constraints,
  };
}

/** Refuses (400) a value its type or constraints do not allow, naming the key. */
function checkValue(key: string, value: unknown, type: ValueType, constraints: SettingConstraints | null) {
  const problem = validationProblem(value, type, constraints);
  if (problem) throw badRequest(`Invalid value for ${key}: ${problem}`);
}

/** The row to write for `input`, or a 400 naming what is wrong. */
export function prepare(input: SettingInput, updatedBy: string): SettingWrite {
  if (!KEY_PATTERN.test(input.key) || input.key.length > 255)
    throw badRequest(`Invalid setting key: ${input.key}`);
  const meta = metadataFor(input);
  const problem = constraintsProblem(meta.constraints);
  if (problem) throw badRequest(`Invalid constraints for ${input.key}: ${problem}`);
  checkValue(input.key, input.value, meta.value_type, meta.constraints);
  return {
    key: input.key,
    value: JSON.stringify(input.value),
    category: meta.category,
    value_type: meta.value_type,
    description: meta.description,
    constraints: toStoredConstraints(meta.constraints),
    updated_by: updatedBy,
  };
}

/**
 * The admin's use cases on the `settings` table (api-admin.md §14). Every write is followed by the
 * runtime service's reload, which tells this process's subscribers and the other processes.
 */
export function createSettingsAdminService(deps: {
  repository: SettingsRepository;
  settings: SettingsService;
  log?: (message: string) => void;
}) {
  const { repository, settings } = deps;
  const log = deps.log ?? (() => undefined);

  async function findRow(key: string): Promise<SettingRow> {
    const row = await repository.find(key);
    if (!row) throw notFoundKey(key);
    return row;
  }

  /** A new value for an existing row, validated by the catalogue (catalogued keys) or the row's own rules. */
  async function updateRow(row: SettingRow, value: unknown, updatedBy: string): Promise<SettingRow> {
    const record = toSettingRecord(row);
    const rules = isCatalogued(row.key)
      ? { type: catalogueEntry(row.key).type, constraints: catalogueEntry(row.key).constraints }
      : { type: record.value_type, constraints: record.constraints as SettingConstraints | null };
    checkValue(row.key, value, rules.type, rules.constraints);
    const updated = await repository.update(row.key, { value: JSON.stringify(value), updated_by: updatedBy });
    if (!updated) throw notFoundKey(row.key);
    log(`settings_change ${row.key}: ${row.value} → ${updated.value} (by ${updatedBy})`);
    return updated;
  }

  return {
    async listGrouped(): Promise<{ categories: Record<string, SettingRecord[]> }> {
      const categories: Record<string, SettingRecord[]> = {};
      for (const row of await repository.listAll())
        (categories[row.category] ??= []).push(toSettingRecord(row));
      return { categories };
    },

    categories: () => repository.categories(),

    /** Every catalogued key with its effective value and source (GET /api/settings/catalogue). */
    catalogue: createSettingsCatalogueView({ repository, settings }),

    async byCategory(category: string) {
      return { category, settings: (await repository.byCategory(category)).map(toSettingRecord) };
    },

    find: async (key: string): Promise<SettingRecord> => toSettingRecord(await findRow(key)),

    /** PUT: a catalogued key not stored yet is created with the catalogue's metadata. */
    async update(key: string, value: unknown, updatedBy = 'admin'): Promise<SettingRecord> {
      let row = await repository.find(key);
      if (!row && !isCatalogued(key)) throw notFoundKey(key);
      if (row) row = await updateRow(row, value, updatedBy);
      else {
        const entry = catalogueEntry(key as Parameters<typeof catalogueEntry>[0]);
        const write = prepare({ key, value, category: entry.category }, updatedBy);
        // Created meanwhile by another request: then this is an update of it.
        row = (await repository.insert(write)) ?? (await updateRow(await findRow(key), value, updatedBy));
        log(`settings_change ${key}: (unset) → ${row.value} (by ${updatedBy})`);
      }
      await settings.written();
      return toSettingRecord(row);
    },

    async create(input: SettingInput, updatedBy = 'admin'): Promise<SettingRecord> {
      const row = await repository.insert(prepare(input, updatedBy));
      if (!row) throw conflict(`Setting already exists: ${input.key}`);
      await settings.written();
      return toSettingRecord(row);
    },

    async remove(key: string) {
      if (!(await repository.delete(key))) throw notFoundKey(key);
      await settings.written();
      return { status: 'ok', message: `Setting deleted: ${key}` };
    },

    async exportAll() {
      const rows = await repository.listAll();
      return { version: '1.0', exported_at: new Date().toISOString(), settings: rows.map(toSettingRecord) };
    },

    /** Creates each missing key; an existing one is replaced when `overwrite`, else skipped. */
    async importAll(input: { settings: SettingInput[]; overwrite: boolean }, updatedBy = 'admin') {
      const result = {
        status: 'ok',
        created: 0,
        updated: 0,
        skipped: 0,
        errors: [] as Array<{ key: string; error: string }>,
      };
      for (const item of input.settings) {
        try {
          const write = prepare(item, updatedBy);
          if (await repository.insert(write)) result.created += 1;
          else if (!input.overwrite) result.skipped += 1;
          else if (await repository.update(item.key, write)) result.updated += 1;
          else result.errors.push({ key: item.key, error: 'deleted during the import' });
        } catch (err) {
          result.errors.push({ key: item.key, error: err instanceof Error ? err.message : String(err) });
        }
      }
      await settings.written();
      return result;
    },

    /** Creates the catalogued keys that are not stored and whose environment variable is set. */
    seedFromEnv: (updatedBy = 'admin') => seedFromEnvironment({ repository, settings, prepare, updatedBy }),

    /** Start-up of a fresh install (api-admin.md §1): an empty table is seeded from the environment. */
    async seedIfEmpty(updatedBy = 'auto-seed') {
      if ((await repository.listAll()).length > 0) return null;
      return seedFromEnvironment({ repository, settings, prepare, updatedBy });
    },

    async invalidateCache() {
      await settings.written();
      return { status: 'ok', message: 'Settings cache invalidated' };
    },

    cacheStats: () => settings.cacheStats(),
  };
}

export type SettingsAdminService = ReturnType<typeof createSettingsAdminService>;
