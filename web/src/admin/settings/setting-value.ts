/**
 * Pure conversions between a setting's value and what its input holds, by `value_type`
 * (api-admin.md §14: string | integer | float | boolean | enum | json). Parsing only checks that
 * the text is of the type; the limits are the API's to judge, and its 400 is shown by the field.
 */
import type { Setting } from './settings-api.js';

export type ParseResult = { ok: true; value: unknown } | { ok: false; error: string };

/** The text an input shows for a value. */
export function toInputText(setting: Pick<Setting, 'value' | 'value_type'>): string {
  const { value, value_type: type } = setting;
  if (type === 'json') return JSON.stringify(value ?? null, null, 2);
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The value to send for an input's text, or why it is not one of the setting's type. */
export function parseInput(type: string, text: string): ParseResult {
  switch (type) {
    case 'integer':
    case 'float': {
      const trimmed = text.trim();
      const n = Number(trimmed);
      if (trimmed === '' || !Number.isFinite(n)) return { ok: false, error: 'Enter a number' };
      if (type === 'integer' && !Number.isInteger(n)) return { ok: false, error: 'Enter a whole number' };
      return { ok: true, value: n };
    }
    case 'boolean':
      if (text === 'true' || text === 'false') return { ok: true, value: text === 'true' };
      return { ok: false, error: 'Choose on or off' };
    case 'json':
      try {
        return { ok: true, value: JSON.parse(text) as unknown };
      } catch {
        return { ok: false, error: 'Not valid JSON' };
      }
    default:
      return { ok: true, value: text };
  }
}

/** "Between 2 and 30", "At least 0", "Up to 100 characters"… — the limits a field shows as its hint. */
export function describeLimits(setting: Pick<Setting, 'constraints' | 'value_type'>): string | null {
  const c = setting.constraints;
  if (!c) return null;
  const parts: string[] = [];
  if (c.min !== null && c.max !== null) parts.push(`Between ${c.min} and ${c.max}`);
  else if (c.min !== null) parts.push(`At least ${c.min}`);
  else if (c.max !== null) parts.push(`At most ${c.max}`);
  if (c.min_length !== null && c.max_length !== null)
    parts.push(`${c.min_length}–${c.max_length} characters`);
  else if (c.max_length !== null) parts.push(`Up to ${c.max_length} characters`);
  else if (c.min_length !== null) parts.push(`At least ${c.min_length} characters`);
  if (c.pattern !== null && setting.value_type === 'string') parts.push(`Format: ${c.pattern}`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** "transcoding.max_retries" → "Max retries" (the key after its category, in words). */
export function settingLabel(key: string): string {
  const last = key.slice(key.indexOf('.') + 1).replace(/[._]/g, ' ');
  return last.charAt(0).toUpperCase() + last.slice(1);
}

/** Category names that are abbreviations, shown in capitals. */
const ACRONYMS: Record<string, string> = { cdn: 'CDN', 'custom-fields': 'Custom Fields' };

/** "transcoding" → "Transcoding", "cdn" → "CDN". */
export function categoryLabel(category: string): string {
  const acronym = ACRONYMS[category];
  if (acronym) return acronym;
  const words = category.replace(/[._-]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The settings of an export file, or why the file is not one (an export or a bare list). */
export function readImportFile(text: string): { settings: unknown[] } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: 'The file is not valid JSON' };
  }
  const list = Array.isArray(data) ? data : (data as { settings?: unknown } | null)?.settings;
  if (!Array.isArray(list)) return { error: 'The file has no "settings" list (expected a settings export)' };
  return { settings: list };
}
