import { describe, expect, it } from 'vitest';
import {
  categoryLabel,
  describeLimits,
  parseInput,
  readImportFile,
  settingLabel,
  toInputText,
} from './setting-value.js';

const none = { min: null, max: null, min_length: null, max_length: null, pattern: null, enum_values: null };

describe('setting values ↔ input text', () => {
  it('shows each type as its input holds it', () => {
    expect(toInputText({ value: 24, value_type: 'integer' })).toBe('24');
    expect(toInputText({ value: 0.5, value_type: 'float' })).toBe('0.5');
    expect(toInputText({ value: false, value_type: 'boolean' })).toBe('false');
    expect(toInputText({ value: 'bottom-right', value_type: 'enum' })).toBe('bottom-right');
    expect(toInputText({ value: null, value_type: 'string' })).toBe('');
    expect(toInputText({ value: { a: [1] }, value_type: 'json' })).toBe('{\n  "a": [\n    1\n  ]\n}');
  });

  it('parses numbers by type and leaves the limits to the API', () => {
    expect(parseInput('integer', ' 500 ')).toEqual({ ok: true, value: 500 });
    expect(parseInput('integer', '2.5')).toEqual({ ok: false, error: 'Enter a whole number' });
    expect(parseInput('float', '2.5')).toEqual({ ok: true, value: 2.5 });
    expect(parseInput('float', '')).toEqual({ ok: false, error: 'Enter a number' });
    expect(parseInput('integer', 'abc')).toEqual({ ok: false, error: 'Enter a number' });
    expect(parseInput('float', 'Infinity')).toEqual({ ok: false, error: 'Enter a number' });
  });

  it('parses booleans, JSON and text', () => {
    expect(parseInput('boolean', 'true')).toEqual({ ok: true, value: true });
    expect(parseInput('boolean', 'false')).toEqual({ ok: true, value: false });
    expect(parseInput('boolean', 'yes').ok).toBe(false);
    expect(parseInput('json', '{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseInput('json', '{a:1}')).toEqual({ ok: false, error: 'Not valid JSON' });
    expect(parseInput('string', ' spaced ')).toEqual({ ok: true, value: ' spaced ' });
    expect(parseInput('enum', 'center')).toEqual({ ok: true, value: 'center' });
  });
});

describe('labels and limits', () => {
  it('names a setting after its category', () => {
    expect(settingLabel('transcoding.max_retries')).toBe('Max retries');
    expect(settingLabel('webhooks.retry_base_delay')).toBe('Retry base delay');
    expect(settingLabel('plain')).toBe('Plain');
    expect(categoryLabel('transcoding')).toBe('Transcoding');
    expect(categoryLabel('custom_fields')).toBe('Custom fields');
    expect(categoryLabel('cdn')).toBe('CDN');
  });

  it('describes the constraints a field shows', () => {
    expect(describeLimits({ value_type: 'integer', constraints: { ...none, min: 8, max: 72 } })).toBe(
      'Between 8 and 72',
    );
    expect(describeLimits({ value_type: 'integer', constraints: { ...none, min: 0 } })).toBe('At least 0');
    expect(describeLimits({ value_type: 'float', constraints: { ...none, max: 1 } })).toBe('At most 1');
    expect(describeLimits({ value_type: 'string', constraints: { ...none, max_length: 100 } })).toBe(
      'Up to 100 characters',
    );
    expect(
      describeLimits({
        value_type: 'string',
        constraints: { ...none, min_length: 2, max_length: 5, pattern: '^a' },
      }),
    ).toBe('2–5 characters · Format: ^a');
    expect(
      describeLimits({ value_type: 'enum', constraints: { ...none, enum_values: ['a', 'b'] } }),
    ).toBeNull();
    expect(describeLimits({ value_type: 'string', constraints: null })).toBeNull();
  });
});

describe('import files', () => {
  it('reads an export or a bare list', () => {
    expect(readImportFile('{"version":"1.0","settings":[{"key":"a.b"}]}')).toEqual({
      settings: [{ key: 'a.b' }],
    });
    expect(readImportFile('[{"key":"a.b"}]')).toEqual({ settings: [{ key: 'a.b' }] });
  });

  it('says why a file is not one', () => {
    expect(readImportFile('not json')).toEqual({ error: 'The file is not valid JSON' });
    expect(readImportFile('{"version":"1.0"}')).toEqual({
      error: 'The file has no "settings" list (expected a settings export)',
    });
    expect(readImportFile('null')).toHaveProperty('error');
  });
});
