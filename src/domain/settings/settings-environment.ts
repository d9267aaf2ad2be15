import { CATALOGUE_ENTRIES, type CatalogueEntry, type SettingKey } from './settings-catalogue.js';
import { parseEnvText, validationProblem } from './settings-validation.js';

export type SettingSource = 'database' | 'environment' | 'default';

/** A setting's value below the database: its environment variable's, or its default. */
export interface FallbackValue {
  value: unknown;
  source: 'environment' | 'default';
  /** The variable it came from. */
  variable?: string;
  /** Why a set variable was not used (it does not parse or breaks a constraint). */
  problem?: string;
}

export interface EnvironmentLayer {
  /** VLOG_* variables that were set. */
  environment: Readonly<Record<string, string>>;
  /**
   * Values the config schema already parsed and validated (with its own bounds, which allow the
   * sub-second intervals tests use), for the keys whose variable it owns, converted to the setting's
   * unit (bytes → MB). Used when that variable is the first of the key's that is set.
   */
  configured: Partial<Record<SettingKey, { variable: string; value: unknown }>>;
}

function resolve(entry: CatalogueEntry, layer: EnvironmentLayer): FallbackValue {
  const variable = entry.env.find((name) => layer.environment[name] !== undefined);
  if (!variable) return { value: entry.default, source: 'default' };
  const owned = layer.configured[entry.key];
  if (owned?.variable === variable) return { value: owned.value, source: 'environment', variable };
  const parsed = parseEnvText(layer.environment[variable] ?? '', entry.type);
  const problem =
    parsed === undefined
      ? `is not a valid ${entry.type}`
      : validationProblem(parsed, entry.type, entry.constraints);
  if (problem) return { value: entry.default, source: 'default', variable, problem };
  return { value: parsed, source: 'environment', variable };
}

/** Every catalogued key's fallback, computed once (the environment does not change while we run). */
export function resolveFallbacks(layer: EnvironmentLayer): ReadonlyMap<SettingKey, FallbackValue> {
  return new Map(CATALOGUE_ENTRIES.map((e) => [e.key, resolve(e, layer)]));
}
