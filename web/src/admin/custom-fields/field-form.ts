/**
 * The Add/Edit Field form as plain data, and its request body (pure, unit-tested): numbers typed as text,
 * options as a list of inputs, scope "global" or a category id. Constraints that do not apply to the chosen
 * type are left out, so switching the type never sends a stale one.
 */
import type {
  CustomField,
  CustomFieldCreate,
  CustomFieldUpdate,
  FieldConstraints,
  FieldType,
} from '../../shared/types.js';

export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  text: 'Text',
  number: 'Number',
  date: 'Date',
  select: 'Select (Single Choice)',
  multi_select: 'Multi-Select (Multiple Choices)',
  url: 'URL',
};

export interface FieldForm {
  name: string;
  field_type: FieldType;
  /** "global" or a category id. */
  scope: string;
  required: boolean;
  description: string;
  position: string;
  options: string[];
  min: string;
  max: string;
  min_length: string;
  max_length: string;
  pattern: string;
}

export const isSelect = (type: FieldType) => type === 'select' || type === 'multi_select';
export const isTextual = (type: FieldType) => type === 'text' || type === 'url';

const text = (n: number | undefined) => (n === undefined ? '' : String(n));

export function emptyForm(scope = 'global'): FieldForm {
  return {
    name: '',
    field_type: 'text',
    scope,
    required: false,
    description: '',
    position: '0',
    options: ['', ''],
    min: '',
    max: '',
    min_length: '',
    max_length: '',
    pattern: '',
  };
}

export function formOf(field: CustomField): FieldForm {
  const c = field.constraints ?? {};
  return {
    name: field.name,
    field_type: field.field_type,
    scope: field.category_id === null ? 'global' : String(field.category_id),
    required: field.required,
    description: field.description ?? '',
    position: String(field.position),
    options: field.options ? [...field.options] : ['', ''],
    min: text(c.min),
    max: text(c.max),
    min_length: text(c.min_length),
    max_length: text(c.max_length),
    pattern: c.pattern ?? '',
  };
}

/** A typed number, or NaN for text that is none (the caller refuses it before sending). */
const numberOrUndefined = (s: string) => (s.trim() === '' ? undefined : Number(s));

export function constraintsOf(form: FieldForm): FieldConstraints | null {
  const c: FieldConstraints = {};
  if (form.field_type === 'number') {
    c.min = numberOrUndefined(form.min);
    c.max = numberOrUndefined(form.max);
  }
  if (isTextual(form.field_type)) {
    c.min_length = numberOrUndefined(form.min_length);
    c.max_length = numberOrUndefined(form.max_length);
    if (form.pattern.trim()) c.pattern = form.pattern.trim();
  }
  const kept = Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined));
  return Object.keys(kept).length > 0 ? (kept as FieldConstraints) : null;
}

/** What is wrong with the form before asking the server (the server checks the rest). */
export function formProblems(form: FieldForm): string[] {
  const problems: string[] = [];
  if (!form.name.trim()) problems.push('A name is required');
  const numbers = Object.values(constraintsOf(form) ?? {}).filter((v) => typeof v === 'number');
  if (numbers.some((n) => !Number.isFinite(n))) problems.push('Constraints must be numbers');
  if (!/^\d+$/.test(form.position.trim())) problems.push('Position must be a whole number ≥ 0');
  if (isSelect(form.field_type) && form.options.every((o) => !o.trim()))
    problems.push('Add at least one option');
  return problems;
}

const optionsOf = (form: FieldForm) =>
  isSelect(form.field_type) ? form.options.map((o) => o.trim()).filter(Boolean) : null;

export function createBody(form: FieldForm): CustomFieldCreate {
  return {
    name: form.name.trim(),
    field_type: form.field_type,
    options: optionsOf(form),
    required: form.required,
    category_id: form.scope === 'global' ? null : Number(form.scope),
    position: Number(form.position),
    constraints: constraintsOf(form),
    description: form.description.trim() || null,
  };
}

/** Type and category are fixed once created: an edit sends the rest. */
export function updateBody(form: FieldForm): CustomFieldUpdate {
  const { name, options, required, position, constraints, description } = createBody(form);
  return { name, required, position, constraints, description, ...(options ? { options } : {}) };
}
