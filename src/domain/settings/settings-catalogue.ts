import { FEATURE_SETTINGS } from './catalogue/features.settings.js';
import { MEDIA_SETTINGS } from './catalogue/media.settings.js';
import { TRANSCODING_SETTINGS } from './catalogue/transcoding.settings.js';
import { WATERMARK_SETTINGS } from './catalogue/watermark.settings.js';
import { WORKERS_SETTINGS } from './catalogue/workers.settings.js';
import type { SettingDefinition } from './settings.types.js';

/**
 * Every known setting (pipeline.md §20.1): keys, types and constraints as the reference's, each with
 * its default and env fallbacks. A key here can be set through the API without being created first,
 * and is read by code through the settings service, typed.
 */
export const SETTINGS_CATALOGUE = {
  ...TRANSCODING_SETTINGS,
  ...WATERMARK_SETTINGS,
  ...WORKERS_SETTINGS,
  ...MEDIA_SETTINGS,
  ...FEATURE_SETTINGS,
} as const;

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
