/**
 * Pure shaping of what the Settings tab lists: the catalogue (every catalogued key with its effective value
 * and source) merged with the stored settings the catalogue does not know (custom keys created by
 * POST /api/settings or an import), the search filter, and the text of a setting's source.
 */
import type { CatalogueSetting, Setting } from './settings-api.js';
import { settingLabel } from './setting-value.js';

/** A listed setting: a catalogue entry, or a custom stored one dressed as such (`catalogued: false`). */
export type ListedSetting = CatalogueSetting & { catalogued: boolean };
export type SettingsByCategory = Record<string, ListedSetting[]>;

export const NOT_YET_BUILT = 'not yet built';

function custom(setting: Setting): ListedSetting {
  return {
    ...setting,
    default: null,
    source: 'database',
    env: [],
    env_variable: null,
    env_problem: null,
    applies_to: '',
    read_by: null,
    catalogued: false,
  };
}

const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);

/** Every catalogue category with its settings, plus the stored keys it lacks in their own category. */
export function mergeSettings(
  catalogue: Record<string, CatalogueSetting[]>,
  stored: Record<string, Setting[]>,
): SettingsByCategory {
  const merged: SettingsByCategory = {};
  const known = new Set<string>();
  for (const [category, list] of Object.entries(catalogue)) {
    merged[category] = list.map((s) => ({ ...s, catalogued: true }));
    for (const s of list) known.add(s.key);
  }
  for (const [category, list] of Object.entries(stored))
    for (const s of list) if (!known.has(s.key)) (merged[category] ??= []).push(custom(s));
  for (const list of Object.values(merged)) list.sort(byKey);
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
}

/** The listed setting once the API stored `saved` for it (PUT answers the stored row). */
export function withStored(listed: ListedSetting, saved: Setting): ListedSetting {
  return { ...listed, ...saved, source: 'database' };
}

/** The settings whose key, name or description holds every word of `query`; empty categories left out. */
export function filterSettings(categories: SettingsByCategory, query: string): SettingsByCategory {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return categories;
  const matches = (s: ListedSetting) => {
    const text = `${s.key} ${settingLabel(s.key)} ${s.description ?? ''}`.toLowerCase();
    return words.every((w) => text.includes(w));
  };
  const found: SettingsByCategory = {};
  for (const [category, list] of Object.entries(categories)) {
    const hits = list.filter(matches);
    if (hits.length > 0) found[category] = hits;
  }
  return found;
}

/** "Stored in the database · updated … by …", "From the environment (VLOG_X)" or "Default". */
export function sourceText(s: ListedSetting, formatDate: (iso: string) => string): string {
  if (s.source === 'environment') return `From the environment (${s.env_variable ?? s.env.join(', ')})`;
  if (s.source === 'default') return 'Default';
  const updated = s.updated_at ? ` · updated ${formatDate(s.updated_at)}` : '';
  const by = s.updated_by ? ` by ${s.updated_by}` : '';
  return `Stored in the database${updated}${by}`;
}

/** The default as a short text when the value differs from it ("(empty)" for ''), else null. */
export function differingDefault(s: ListedSetting): string | null {
  if (!s.catalogued || JSON.stringify(s.value) === JSON.stringify(s.default)) return null;
  if (s.default === '') return '(empty)';
  return typeof s.default === 'string' ? s.default : JSON.stringify(s.default);
}

/** "VLOG_X is set but not used: <problem>", when the environment's value is refused. */
export function envWarning(s: ListedSetting): string | null {
  return s.env_problem ? `${s.env_variable ?? 'The variable'} is set but not used: ${s.env_problem}` : null;
}
