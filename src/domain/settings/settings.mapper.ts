import type { SettingRow } from './settings.repository.js';
import type { SettingConstraints, ValueType } from './settings.types.js';

/** A setting as the admin API shows it (api-admin.md §14). */
export interface SettingRecord {
  key: string;
  value: unknown;
  category: string;
  value_type: ValueType;
  description: string | null;
  constraints: Required<{ [K in keyof SettingConstraints]: SettingConstraints[K] | null }> | null;
  updated_at: string | null;
  updated_by: string | null;
}

const CONSTRAINT_KEYS = ['min', 'max', 'min_length', 'max_length', 'pattern', 'enum_values'] as const;

/** The stored JSON text; a legacy row that is not JSON is its own text (as the reference reads it). */
export function parseStoredValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Stored constraints as an object, or null (none, or unreadable). */
export function parseConstraints(text: string | null): SettingConstraints | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as SettingConstraints)
      : null;
  } catch {
    return null;
  }
}

/** Every constraint field present (null when unset), as the reference's response model serialises them. */
export function toConstraintsResponse(c: SettingConstraints | null): SettingRecord['constraints'] {
  if (!c) return null;
  const out = {} as NonNullable<SettingRecord['constraints']>;
  for (const k of CONSTRAINT_KEYS) (out as Record<string, unknown>)[k] = c[k] ?? null;
  return out;
}

/** Constraints as stored: only the fields that are set; null when none are. */
export function toStoredConstraints(c: SettingConstraints | null | undefined): string | null {
  if (!c) return null;
  const set = Object.fromEntries(CONSTRAINT_KEYS.filter((k) => c[k] != null).map((k) => [k, c[k]]));
  return Object.keys(set).length > 0 ? JSON.stringify(set) : null;
}

export function toSettingRecord(row: SettingRow): SettingRecord {
  return {
    key: row.key,
    value: parseStoredValue(row.value),
    category: row.category,
    value_type: row.value_type as ValueType,
    description: row.description,
    constraints: toConstraintsResponse(parseConstraints(row.constraints)),
    updated_at: row.updated_at ? row.updated_at.toISOString() : null,
    updated_by: row.updated_by,
  };
}
