import type { CustomField, FieldConstraints, FieldType } from '../../contracts/api/custom-field.contract.js';
import type { CustomFieldDefinition } from '../../db/database.types.js';
import type { FieldRule } from './field-values.js';

/** A definition row with its JSON columns read and its category's name. */
export interface FieldDefinition extends FieldRule {
  slug: string;
  required: boolean;
  category_name: string | null;
  position: number;
  description: string | null;
  created_at: Date | null;
  /** Videos holding a value of the field (what deleting it would clear). */
  video_count: number;
}

export type DefinitionRow = CustomFieldDefinition & {
  category_name: string | null;
  /** Absent when the query did not count (the public list). */
  video_count?: number | null;
};

/** JSON text from the database; a row written by hand with broken JSON reads as absent, not a 500. */
function parseJson<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

export function toFieldDefinition(row: DefinitionRow): FieldDefinition {
  const options = parseJson<unknown>(row.options);
  const constraints = parseJson<unknown>(row.constraints);
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    field_type: row.field_type as FieldType,
    options: Array.isArray(options) ? options.map(String) : null,
    required: row.required ?? false,
    category_id: row.category_id,
    category_name: row.category_name,
    position: row.position ?? 0,
    constraints: constraints && typeof constraints === 'object' ? (constraints as FieldConstraints) : null,
    description: row.description,
    created_at: row.created_at,
    video_count: Number(row.video_count ?? 0),
  };
}

export function toCustomFieldResponse(d: FieldDefinition): CustomField {
  return {
    id: d.id,
    name: d.name,
    slug: d.slug,
    field_type: d.field_type,
    options: d.options,
    required: d.required,
    category_id: d.category_id,
    category_name: d.category_name,
    position: d.position,
    constraints: d.constraints,
    description: d.description,
    created_at: d.created_at ? new Date(d.created_at).toISOString() : null,
    video_count: d.video_count,
  };
}

/** Stored form of a value: JSON text. */
export const encodeValue = (value: unknown) => JSON.stringify(value);
export const decodeValue = (text: string | null): unknown => parseJson<unknown>(text);
