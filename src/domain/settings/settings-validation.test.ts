import { describe, expect, it } from 'vitest';
import { constraintsProblem, parseEnvText, validationProblem } from './settings-validation.js';

describe('validationProblem (pipeline.md §20: type first, then the constraints)', () => {
  it.each([
    [5, 'integer', null],
    [5.5, 'integer', 'must be an integer'],
    [true, 'integer', 'must be an integer'],
    ['5', 'integer', 'must be an integer'],
    [5, 'float', null], // floats accept integers
    [false, 'float', 'must be a number'],
    [true, 'boolean', null],
    ['true', 'boolean', 'must be true or false'],
    ['x', 'string', null],
    [null, 'string', 'must be a string'],
    [{ a: 1 }, 'json', null],
    [null, 'json', null],
  ] as const)('%j as %s → %s', (value, type, problem) => {
    expect(validationProblem(value, type, null)).toBe(problem);
  });

  it('min/max apply to numbers, enum_values to anything, lengths to the value as text', () => {
    const range = { min: 2, max: 30 };
    expect(validationProblem(1, 'integer', range)).toBe('must be at least 2');
    expect(validationProblem(31, 'integer', range)).toBe('must be at most 30');
    expect(validationProblem(30, 'integer', range)).toBeNull();
    expect(validationProblem('x', 'string', { min: 5 })).toBeNull(); // not numeric: min ignored
    expect(validationProblem('c', 'enum', { enum_values: ['a', 'b'] })).toBe('must be one of: a, b');
    expect(validationProblem('abc', 'string', { max_length: 2 })).toBe('must be at most 2 characters long');
    expect(validationProblem('a', 'string', { min_length: 2 })).toBe('must be at least 2 characters long');
    expect(validationProblem('ééé', 'string', { max_length: 3 })).toBeNull(); // characters, not bytes
    expect(validationProblem('x', 'string', { max_length: null, min: null })).toBeNull(); // exported nulls
  });

  it('pattern matches at the start only, as re.match', () => {
    const cdn = { pattern: String.raw`^https?://[a-zA-Z0-9][\w\-\.]*\w(:[0-9]+)?/?$` };
    expect(validationProblem('https://cdn.example.com', 'string', cdn)).toBeNull();
    expect(validationProblem('https://cdn.example.com:8443/', 'string', cdn)).toBeNull();
    expect(validationProblem('ftp://cdn.example.com', 'string', cdn)).toMatch(/^must match the pattern/);
    expect(validationProblem('abc-trailing', 'string', { pattern: 'abc' })).toBeNull(); // no end anchor
    expect(validationProblem('xabc', 'string', { pattern: 'abc' })).toMatch(/^must match/);
    expect(validationProblem('a', 'string', { pattern: 'b|a' })).toBeNull(); // the alternation is grouped
  });

  it('constraintsProblem refuses what would refuse every value', () => {
    expect(constraintsProblem({ pattern: '(' })).toBe('invalid pattern: (');
    expect(constraintsProblem({ min: 5, max: 1 })).toBe('min must not be greater than max');
    expect(constraintsProblem({ min_length: 5, max_length: 1 })).toBe(
      'min_length must not be greater than max_length',
    );
    expect(constraintsProblem({ min: 1, max: 5 })).toBeNull();
    expect(constraintsProblem(null)).toBeNull();
  });
});

describe('parseEnvText (settings fallbacks: booleans true/1/yes/on)', () => {
  it.each([
    ['10', 'integer', 10],
    ['1.5', 'integer', undefined],
    ['0.25', 'float', 0.25],
    ['inf', 'float', undefined],
    ['ON', 'boolean', true],
    ['no', 'boolean', false],
    ['maybe', 'boolean', undefined],
    ['Image', 'enum', 'image'],
    [' spaced ', 'string', ' spaced '],
    ['[1,2]', 'json', [1, 2]],
    ['{', 'json', undefined],
  ] as const)('%j as %s → %j', (raw, type, value) => {
    expect(parseEnvText(raw, type)).toEqual(value);
  });
});
