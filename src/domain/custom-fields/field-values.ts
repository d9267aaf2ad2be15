import type { FieldConstraints, FieldType } from '../../contracts/api/custom-field.contract.js';
import { compilePattern, matchesPattern } from './pattern-match.js';

/** What value validation needs of a field definition (api-admin.md §7). */
export interface FieldRule {
  id: number;
  name: string;
  field_type: FieldType;
  options: string[] | null;
  category_id: number | null;
  constraints: FieldConstraints | null;
}

/** A validated value for one field; null deletes the stored value. */
export interface FieldEntry<F extends FieldRule = FieldRule> {
  field: F;
  value: unknown;
}

/** The longest text or URL value; also bounds the work of a pattern match. */
export const MAX_TEXT_VALUE_LENGTH = 10_000;

const SELECT_TYPES: readonly FieldType[] = ['select', 'multi_select'];
export const isSelectType = (type: FieldType) => SELECT_TYPES.includes(type);

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** An ISO 8601 date or date-time with a real calendar day (2024-02-30 is refused). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const timeOk = m[4] === undefined || (Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6] ?? 0) < 60);
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && timeOk
  );
}

function checkText(field: FieldRule, value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length > MAX_TEXT_VALUE_LENGTH) return `must be at most ${MAX_TEXT_VALUE_LENGTH} characters`;
  if (field.field_type === 'url' && !/^https?:\/\//.test(value)) return 'must start with http:// or https://';
  const c = field.constraints ?? {};
  if (c.min_length !== undefined && value.length < c.min_length)
    return `must be at least ${c.min_length} characters`;
  if (c.max_length !== undefined && value.length > c.max_length)
    return `must be at most ${c.max_length} characters`;
  if (c.pattern === undefined) return null;
  const re = compilePattern(c.pattern);
  if (!(re instanceof RegExp)) return re.error;
  const matched = matchesPattern(re, value);
  if (matched === 'timeout') return 'could not be checked against the pattern in time';
  return matched ? null : `must match the pattern ${c.pattern}`;
}

function checkNumber(field: FieldRule, value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
  const c = field.constraints ?? {};
  if (c.min !== undefined && value < c.min) return `must be at least ${c.min}`;
  if (c.max !== undefined && value > c.max) return `must be at most ${c.max}`;
  return null;
}

function checkChoice(field: FieldRule, value: unknown): string | null {
  const options = field.options ?? [];
  if (field.field_type === 'select') {
    return typeof value === 'string' && options.includes(value) ? null : 'must be one of the options';
  }
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return 'must be a list of options';
  const unknown = value.filter((v: string) => !options.includes(v));
  return unknown.length === 0 ? null : `unknown options: ${unknown.join(', ')}`;
}

/** Why `value` does not fit the field, or null when it does (null itself always fits: it deletes). */
export function checkFieldValue(field: FieldRule, value: unknown): string | null {
  if (value === null) return null;
  switch (field.field_type) {
    case 'text':
    case 'url':
      return checkText(field, value);
    case 'number':
      return checkNumber(field, value);
    case 'date':
      return typeof value === 'string' && isIsoDate(value) ? null : 'must be an ISO 8601 date';
    case 'select':
    case 'multi_select':
      return checkChoice(field, value);
  }
}

/** A multi-select's choices are stored once each, in the order given. */
const normalised = (field: FieldRule, value: unknown) =>
  field.field_type === 'multi_select' && Array.isArray(value) ? [...new Set(value)] : value;

/**
 * Validates `{"<field_id>": value}` against the definitions: unknown ids, fields of another category (when
 * `categoryId` is given: the video's category, null for none) and type or constraint errors are each one
 * message. Used by the single-video and the bulk setter alike.
 */
export function validateFieldValues<F extends FieldRule>(input: {
  definitions: readonly F[];
  values: Record<string, unknown>;
  categoryId?: number | null;
}): { entries: FieldEntry<F>[]; errors: string[] } {
  const byId = new Map(input.definitions.map((d) => [d.id, d]));
  const entries: FieldEntry<F>[] = [];
  const errors: string[] = [];
  for (const [key, value] of Object.entries(input.values)) {
    const id = /^[1-9]\d{0,9}$/.test(key) ? Number(key) : NaN;
    const field = byId.get(id);
    if (!field) {
      errors.push(Number.isNaN(id) ? `Invalid field ID: ${key}` : `Field ID ${key} not found`);
      continue;
    }
    if (
      input.categoryId !== undefined &&
      field.category_id !== null &&
      field.category_id !== input.categoryId
    ) {
      errors.push(`Field '${field.name}' does not apply to this video's category`);
      continue;
    }
    const problem = checkFieldValue(field, value);
    if (problem) errors.push(`${field.name}: ${problem}`);
    else entries.push({ field, value: normalised(field, value) });
  }
  return { entries, errors };
}

/** Why a definition's type, options and constraints do not go together (create and update). */
export function checkDefinition(def: {
  field_type: FieldType;
  options: string[] | null;
  constraints: FieldConstraints | null;
}): string[] {
  const errors: string[] = [];
  const select = isSelectType(def.field_type);
  if (select && (def.options === null || def.options.length === 0))
    errors.push('Options are required for select and multi_select fields');
  if (!select && def.options !== null)
    errors.push('Options are only allowed for select and multi_select fields');
  if (def.options?.some((o) => o.trim() === '')) errors.push('Options must not be blank');
  if (def.options && new Set(def.options).size !== def.options.length) errors.push('Options must be unique');
  return [...errors, ...checkConstraints(def.field_type, def.constraints ?? {})];
}

function checkConstraints(type: FieldType, c: FieldConstraints): string[] {
  const errors: string[] = [];
  const textual = type === 'text' || type === 'url';
  if ((c.min !== undefined || c.max !== undefined) && type !== 'number')
    errors.push('min and max apply to number fields only');
  if ((c.min_length !== undefined || c.max_length !== undefined || c.pattern !== undefined) && !textual)
    errors.push('min_length, max_length and pattern apply to text and url fields only');
  if (c.min !== undefined && c.max !== undefined && c.min > c.max) errors.push('min must not exceed max');
  if (c.min_length !== undefined && c.max_length !== undefined && c.min_length > c.max_length)
    errors.push('min_length must not exceed max_length');
  if (c.pattern !== undefined) {
    const re = compilePattern(c.pattern);
    if (!(re instanceof RegExp)) errors.push(re.error);
  }
  return errors;
}
