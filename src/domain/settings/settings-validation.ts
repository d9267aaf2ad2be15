import type { SettingConstraints, ValueType } from './settings.types.js';

/**
 * Validation of a setting value (pipeline.md §20): the type first (integers exclude booleans and
 * fractions, floats accept integers), then min/max (numeric types), enum_values, pattern (matched at
 * the start, as Python's re.match), min_length/max_length (on the value as text).
 * Each check returns the problem in words ("must be …"), or null.
 */
function typeProblem(value: unknown, type: ValueType): string | null {
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) ? null : 'must be an integer';
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'string':
    case 'enum':
      return typeof value === 'string' ? null : 'must be a string';
    case 'json':
      return value === undefined ? 'must be a JSON value' : null;
  }
}

/** A pattern compiled as Python's re.match applies it (anchored at the start only), or null if invalid. */
export function compilePattern(pattern: string): RegExp | null {
  try {
    return new RegExp(`^(?:${pattern})`);
  } catch {
    return null;
  }
}

function numericProblem(value: number, c: SettingConstraints): string | null {
  if (typeof c.min === 'number' && value < c.min) return `must be at least ${c.min}`;
  if (typeof c.max === 'number' && value > c.max) return `must be at most ${c.max}`;
  return null;
}

function textProblem(value: unknown, c: SettingConstraints): string | null {
  if (c.enum_values && !c.enum_values.includes(value as string))
    return `must be one of: ${c.enum_values.join(', ')}`;
  const asText = typeof value === 'string' ? value : JSON.stringify(value);
  if (typeof c.pattern === 'string') {
    const re = compilePattern(c.pattern);
    if (!re) return `cannot be checked: invalid pattern ${c.pattern}`;
    if (!re.test(asText)) return `must match the pattern ${c.pattern}`;
  }
  const length = [...asText].length;
  if (typeof c.min_length === 'number' && length < c.min_length)
    return `must be at least ${c.min_length} characters long`;
  if (typeof c.max_length === 'number' && length > c.max_length)
    return `must be at most ${c.max_length} characters long`;
  return null;
}

export function validationProblem(
  value: unknown,
  type: ValueType,
  constraints: SettingConstraints | null,
): string | null {
  const problem = typeProblem(value, type);
  if (problem || !constraints) return problem;
  if ((type === 'integer' || type === 'float') && typeof value === 'number') {
    const numeric = numericProblem(value, constraints);
    if (numeric) return numeric;
  }
  return textProblem(value, constraints);
}

/** Problems of a constraints object given through the API (a bad pattern would refuse every value). */
export function constraintsProblem(c: SettingConstraints | null): string | null {
  if (!c) return null;
  if (typeof c.pattern === 'string' && !compilePattern(c.pattern)) return `invalid pattern: ${c.pattern}`;
  if (typeof c.min === 'number' && typeof c.max === 'number' && c.min > c.max)
    return 'min must not be greater than max';
  if (typeof c.min_length === 'number' && typeof c.max_length === 'number' && c.min_length > c.max_length)
    return 'min_length must not be greater than max_length';
  return null;
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

/** An environment variable's text as a value of `type`; undefined when it does not parse. */
export function parseEnvText(raw: string, type: ValueType): unknown {
  const text = raw.trim();
  switch (type) {
    case 'integer':
      return /^[+-]?\d+$/.test(text) ? Number.parseInt(text, 10) : undefined;
    case 'float': {
      const n = Number(text);
      return text !== '' && Number.isFinite(n) ? n : undefined;
    }
    case 'boolean': {
      const word = text.toLowerCase();
      return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : undefined;
    }
    case 'enum':
      return text.toLowerCase();
    case 'string':
      return raw;
    case 'json':
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return undefined;
      }
  }
}
