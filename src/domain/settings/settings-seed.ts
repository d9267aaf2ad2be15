import { CATALOGUE_ENTRIES, type CatalogueEntry } from './settings-catalogue.js';
import type { SettingInput } from './settings-admin.service.js';
import type { SettingsRepository, SettingWrite } from './settings.repository.js';
import type { SettingsService } from './settings.service.js';
import { validationProblem } from './settings-validation.js';

export interface SeedDetail {
  key: string;
  status: 'seeded' | 'skipped' | 'error';
  from_env?: string;
  value?: unknown;
  reason?: string;
}

/** What seeding does with one catalogued key: nothing stored and its variable set → it is written. */
function plan(entry: CatalogueEntry, settings: SettingsService, stored: Set<string>): SeedDetail {
  const f = settings.fallback(entry.key);
  const variable = f.variable ?? entry.env[0] ?? '';
  if (stored.has(entry.key)) return { key: entry.key, status: 'skipped', reason: 'already exists' };
  if (!f.variable) return { key: entry.key, status: 'skipped', reason: `no env var ${variable}` };
  // The environment may hold what the API refuses (bytes that are no whole MB, sub-second intervals).
  const problem = f.problem ?? validationProblem(f.value, entry.type, entry.constraints);
  if (problem)
    return { key: entry.key, status: 'error', from_env: variable, reason: `${variable} ${problem}` };
  return { key: entry.key, status: 'seeded', from_env: variable, value: f.value };
}

/**
 * Environment → database (pipeline.md §20: only keys that are missing and whose variable is set), as
 * POST /api/settings/seed-from-env and a fresh install's start-up do it.
 */
export async function seedFromEnvironment(deps: {
  repository: SettingsRepository;
  settings: SettingsService;
  prepare: (input: SettingInput, updatedBy: string) => SettingWrite;
  updatedBy: string;
}) {
  const { repository, settings } = deps;
  const stored = new Set((await repository.listAll()).map((r) => r.key));
  const details: SeedDetail[] = [];
  for (const entry of CATALOGUE_ENTRIES) {
    const detail = plan(entry, settings, stored);
    if (detail.status === 'seeded') {
      const input = { key: entry.key, value: detail.value, category: entry.category };
      // Created meanwhile by another process: then it is not ours to seed.
      if (!(await repository.insert(deps.prepare(input, deps.updatedBy))))
        Object.assign(detail, {
          status: 'skipped',
          reason: 'already exists',
          from_env: undefined,
          value: undefined,
        });
    }
    details.push(detail);
  }
  const seeded = details.filter((d) => d.status === 'seeded').length;
  if (seeded > 0) await settings.written();
  return {
    status: 'ok',
    seeded,
    skipped: details.filter((d) => d.status === 'skipped').length,
    details: details.map((d) => Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined))),
  };
}
