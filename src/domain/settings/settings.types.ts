/**
 * The shape of a catalogued setting (pipeline.md §20.1): its type and constraints are the ones the
 * API validates, its env variables the fallback layer, and `readBy` says who applies it in this build.
 */
export { SETTING_VALUE_TYPES as VALUE_TYPES } from '../../contracts/api/settings.contract.js';
import type { SETTING_VALUE_TYPES as VALUE_TYPES } from '../../contracts/api/settings.contract.js';
export type ValueType = (typeof VALUE_TYPES)[number];

/** Unset fields may be absent or null (exports list every field). */
export interface SettingConstraints {
  min?: number | null;
  max?: number | null;
  min_length?: number | null;
  max_length?: number | null;
  pattern?: string | null;
  enum_values?: string[] | null;
}

/** Where a setting takes effect: the server's services, the workers (via the worker API), or nowhere yet. */
export type ReadBy = 'server' | 'worker' | null;

/** What a setting does in this build; features that do not exist yet keep their keys (validated, stored). */
export const NOT_YET_BUILT = 'not yet built';

export interface SettingDefinition<T = unknown> {
  type: ValueType;
  default: T;
  constraints: SettingConstraints | null;
  /** Environment variables, in order of preference, read when the database has no value. */
  env: readonly string[];
  description: string;
  /** The behaviour it drives ("not yet built" when its feature does not exist). */
  appliesTo: string;
  readBy: ReadBy;
}

interface Meta {
  env: string | readonly string[];
  description: string;
  /** Omitted: the feature is not built yet. */
  applies?: { to: string; by: 'server' | 'worker' };
}

function define<T>(type: ValueType, value: T, constraints: SettingConstraints | null, meta: Meta) {
  const def: SettingDefinition<T> = {
    type,
    default: value,
    constraints,
    env: typeof meta.env === 'string' ? [meta.env] : meta.env,
    description: meta.description,
    appliesTo: meta.applies?.to ?? NOT_YET_BUILT,
    readBy: meta.applies?.by ?? null,
  };
  return def;
}

const bounds = (min?: number, max?: number): SettingConstraints | null =>
  min === undefined && max === undefined ? null : { min, max };

export const integer = (value: number, range: [number, number], meta: Meta) =>
  define<number>('integer', value, bounds(...range), meta);

export const float = (value: number, range: [number, number], meta: Meta) =>
  define<number>('float', value, bounds(...range), meta);

export const boolean = (value: boolean, meta: Meta) => define<boolean>('boolean', value, null, meta);

export const text = (value: string, meta: Meta & { maxLength?: number; pattern?: string }) =>
  define<string>(
    'string',
    value,
    meta.maxLength !== undefined || meta.pattern !== undefined
      ? { max_length: meta.maxLength, pattern: meta.pattern }
      : null,
    meta,
  );

export const oneOf = <const V extends readonly string[]>(values: V, value: V[number], meta: Meta) =>
  define<V[number]>('enum', value, { enum_values: [...values] }, meta);
