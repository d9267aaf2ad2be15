import type { CatalogueEntry } from '../../src/domain/settings/settings-catalogue.js';
import { adminInject } from './admin-inject.js';
import type { TestApp } from './test-app.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The admin API as the settings tests call it (X-Admin-Secret). */
export function settingsClient(t: TestApp) {
  return async (method: Method, url: string, payload?: unknown) => {
    const res = await adminInject(t, method, url, payload as object | string | undefined);
    return { status: res.statusCode, body: res.json() as Record<string, unknown> & unknown[] };
  };
}

/** A value each catalogued setting accepts, other than its default (so reading it back proves the write). */
export function validValue(e: CatalogueEntry): unknown {
  const c = e.constraints ?? {};
  switch (e.type) {
    case 'boolean':
      return !e.default;
    case 'integer':
      return e.default === c.max ? (c.min ?? 0) : (c.max ?? 12345);
    case 'float':
      return ((c.min ?? 0) + (c.max ?? 1)) / 2 === e.default
        ? (c.max ?? 1)
        : ((c.min ?? 0) + (c.max ?? 1)) / 2;
    case 'enum':
      return (c.enum_values ?? []).find((v) => v !== e.default);
    case 'string':
      return c.pattern ? 'https://cdn.example.com' : 'x'.repeat(Math.min(c.max_length ?? 20, 20));
    case 'json':
      return { a: [1, 2] };
  }
}

/** Values each setting refuses, one per rule it has (type, min, max, enum, pattern, max_length). */
export function invalidValues(e: CatalogueEntry): Array<[string, unknown]> {
  const c = e.constraints ?? {};
  const out: Array<[string, unknown]> = [];
  if (e.type === 'integer') out.push(['a fraction', 1.5], ['a string', '10'], ['a boolean', true]);
  if (e.type === 'float') out.push(['a string', '0.5'], ['a boolean', false]);
  if (e.type === 'boolean') out.push(['a string', 'true'], ['a number', 1]);
  if (e.type === 'string' || e.type === 'enum') out.push(['a number', 5]);
  if (e.type !== 'json') out.push(['null', null]);
  const step = e.type === 'integer' ? 1 : 0.01;
  if (typeof c.min === 'number') out.push(['below min', c.min - step]);
  if (typeof c.max === 'number') out.push(['above max', c.max + step]);
  if (c.enum_values) out.push(['not in enum_values', 'nope']);
  if (c.pattern) out.push(['not matching the pattern', 'ftp://cdn.example.com']);
  if (typeof c.max_length === 'number') out.push(['too long', 'x'.repeat(c.max_length + 1)]);
  return out;
}
