import { SETTINGS_CATALOGUE } from './catalogue.js';
import type { SettingDefinition } from './settings.types.js';

export { SETTINGS_CATALOGUE };

/*
 * The catalogue (catalogue.ts): a key there can be set through the API without being created first,
 * and is read by code through the settings service, typed.
 */
export type SettingKey = keyof typeof SETTINGS_CATALOGUE;
export type SettingValue<K extends SettingKey> = (typeof SETTINGS_CATALOGUE)[K]['default'];

export interface CatalogueEntry extends SettingDefinition {
  key: SettingKey;
  /** The key's first segment (UI grouping). */
  category: string;
}

export function isCatalogued(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS_CATALOGUE, key);
}

export function catalogueEntry(key: SettingKey): CatalogueEntry {
  const def: SettingDefinition = SETTINGS_CATALOGUE[key];
  return { ...def, key, category: key.slice(0, key.indexOf('.')) };
}

export const CATALOGUE_ENTRIES: readonly CatalogueEntry[] = (
  Object.keys(SETTINGS_CATALOGUE) as SettingKey[]
).map(catalogueEntry);
