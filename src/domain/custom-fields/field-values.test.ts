import { describe, expect, it } from 'vitest';
import type { FieldType } from '../../contracts/api/custom-field.contract.js';
import {
  checkDefinition,
  checkFieldValue,
  isIsoDate,
  validateFieldValues,
  type FieldRule,
} from './field-values.js';

const field = (type: FieldType, extra: Partial<FieldRule> = {}): FieldRule => ({
  id: 1,
  name: 'Field',
  field_type: type,
  options: null,
  category_id: null,
  constraints: null,
  ...extra,
});

describe('checkFieldValue', () => {
  it('text: strings within the lengths, pattern anchored at the start only (Python re.match)', () => {
    const f = field('text', { constraints: { min_length: 2, max_length: 5, pattern: '[A-Z]+' } });
    expect(checkFieldValue(f, 'ABc')).toBeNull();
    expect(checkFieldValue(f, 'abC')).toBe('must match the pattern [A-Z]+');
    expect(checkFieldValue(f, 'A')).toBe('must be at least 2 characters');
    expect(checkFieldValue(f, 'ABCDEF')).toBe('must be at most 5 characters');
    expect(checkFieldValue(f, 12)).toBe('must be a string');
    expect(checkFieldValue(f, null)).toBeNull();
  });

  it('url: http(s) only', () => {
    expect(checkFieldValue(field('url'), 'https://example.com/a')).toBeNull();
    expect(checkFieldValue(field('url'), 'ftp://example.com')).toBe('must start with http:// or https://');
    expect(checkFieldValue(field('url'), 'javascript:alert(1)')).toBe('must start with http:// or https://');
  });

  it('number: finite numbers within min/max; numeric strings and booleans are not numbers', () => {
    const f = field('number', { constraints: { min: 0, max: 10 } });
    expect(checkFieldValue(f, 2.5)).toBeNull();
    expect(checkFieldValue(f, 0)).toBeNull();
    expect(checkFieldValue(f, -1)).toBe('must be at least 0');
    expect(checkFieldValue(f, 11)).toBe('must be at most 10');
    expect(checkFieldValue(f, '5')).toBe('must be a number');
    expect(checkFieldValue(f, true)).toBe('must be a number');
  });

  it('date: ISO 8601 dates and date-times of real calendar days', () => {
    for (const ok of ['2024-01-15', '2024-02-29', '2024-01-15T10:30:00Z', '2024-01-15T10:30+02:00'])
      expect(isIsoDate(ok), ok).toBe(true);
    for (const bad of ['2023-02-29', '2024-13-01', '15/01/2024', '2024-01-15T25:00', 'yesterday'])
      expect(isIsoDate(bad), bad).toBe(false);
    expect(checkFieldValue(field('date'), 20240115)).toBe('must be an ISO 8601 date');
  });

  it('select and multi_select: values from the options only', () => {
    const options = ['Easy', 'Hard'];
    expect(checkFieldValue(field('select', { options }), 'Easy')).toBeNull();
    expect(checkFieldValue(field('select', { options }), 'easy')).toBe('must be one of the options');
    expect(checkFieldValue(field('multi_select', { options }), ['Hard', 'Easy'])).toBeNull();
    expect(checkFieldValue(field('multi_select', { options }), ['Hard', 'Medium', 'Wild'])).toBe(
      'unknown options: Medium, Wild',
    );
    expect(checkFieldValue(field('multi_select', { options }), 'Hard')).toBe('must be a list of options');
  });

  it('a catastrophic pattern cannot hang the server: the match is cut off and refused', () => {
    const f = field('text', { constraints: { pattern: '(a+)+$' } });
    const started = Date.now();
    expect(checkFieldValue(f, `${'a'.repeat(40)}!`)).toBe('could not be checked against the pattern in time');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(checkFieldValue(f, 'aaaa')).toBeNull();
  });
});

describe('validateFieldValues', () => {
  const level = field('select', { id: 3, name: 'Level', options: ['1', '2'], category_id: 7 });
  const rating = field('number', { id: 4, name: 'Rating', constraints: { max: 5 } });

  it('collects every problem: unknown and malformed ids, other categories, bad values', () => {
    const { entries, errors } = validateFieldValues({
      definitions: [level, rating],
      values: { '3': '1', '4': 9, '99': 'x', abc: 1 },
      categoryId: 8,
    });
    expect(entries).toEqual([]);
    expect(errors).toEqual([
      "Field 'Level' does not apply to this video's category",
      'Rating: must be at most 5',
      'Field ID 99 not found',
      'Invalid field ID: abc',
    ]);
  });

  it('returns the entries (null deletes; multi-select choices deduplicated); category unchecked when not given', () => {
    const tags = field('multi_select', { id: 5, name: 'Tags', options: ['a', 'b'] });
    const { entries, errors } = validateFieldValues({
      definitions: [level, rating, tags],
      values: { '3': '2', '4': null, '5': ['b', 'a', 'b'] },
    });
    expect(errors).toEqual([]);
    expect(entries.map((e) => [e.field.id, e.value])).toEqual([
      [3, '2'],
      [4, null],
      [5, ['b', 'a']],
    ]);
  });
});

describe('checkDefinition', () => {
  it('options: required for select types, forbidden otherwise, non-blank and unique', () => {
    expect(checkDefinition({ field_type: 'select', options: null, constraints: null })).toEqual([
      'Options are required for select and multi_select fields',
    ]);
    expect(checkDefinition({ field_type: 'text', options: ['a'], constraints: null })).toEqual([
      'Options are only allowed for select and multi_select fields',
    ]);
    expect(
      checkDefinition({ field_type: 'multi_select', options: ['a', ' ', 'a'], constraints: null }),
    ).toEqual(['Options must not be blank', 'Options must be unique']);
  });

  it('constraints fit the type, bounds are ordered, the pattern compiles', () => {
    expect(checkDefinition({ field_type: 'text', options: null, constraints: { min: 1 } })).toEqual([
      'min and max apply to number fields only',
    ]);
    expect(checkDefinition({ field_type: 'number', options: null, constraints: { pattern: 'x' } })).toEqual([
      'min_length, max_length and pattern apply to text and url fields only',
    ]);
    expect(checkDefinition({ field_type: 'number', options: null, constraints: { min: 5, max: 1 } })).toEqual(
      ['min must not exceed max'],
    );
    expect(checkDefinition({ field_type: 'url', options: null, constraints: { pattern: '([a-z' } })).toEqual([
      'Pattern is not a valid regular expression: ([a-z',
    ]);
    expect(
      checkDefinition({ field_type: 'text', options: null, constraints: { pattern: 'x'.repeat(201) } }),
    ).toEqual(['Pattern must be at most 200 characters']);
  });
});
