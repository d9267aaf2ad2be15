import { describe, expect, it } from 'vitest';
import type { CatalogueSetting, Setting } from './settings-api.js';
import {
  differingDefault,
  envWarning,
  filterSettings,
  mergeSettings,
  sourceText,
  withStored,
} from './settings-list.js';

const row = (key: string, over: Partial<Setting> = {}): Setting => ({
  key,
  value: 1,
  category: key.split('.')[0] ?? '',
  value_type: 'integer',
  description: null,
  constraints: null,
  updated_at: null,
  updated_by: null,
  ...over,
});

const entry = (key: string, over: Partial<CatalogueSetting> = {}): CatalogueSetting => ({
  ...row(key),
  default: 1,
  source: 'default',
  env: [`VLOG_${key.toUpperCase().replace('.', '_')}`],
  env_variable: null,
  env_problem: null,
  applies_to: 'something',
  read_by: 'server',
  ...over,
});

describe('mergeSettings', () => {
  it('keeps every catalogue category and adds stored custom keys, sorted, without doubling catalogued ones', () => {
    const merged = mergeSettings(
      { workers: [entry('workers.b'), entry('workers.a')], alerts: [entry('alerts.x')] },
      {
        workers: [row('workers.a', { value: 5 }), row('workers.zz')],
        custom: [row('custom.greeting', { value: 'hi', value_type: 'string' })],
      },
    );
    expect(Object.keys(merged)).toEqual(['alerts', 'custom', 'workers']);
    expect(merged.workers?.map((s) => [s.key, s.catalogued])).toEqual([
      ['workers.a', true],
      ['workers.b', true],
      ['workers.zz', false],
    ]);
    // The catalogue's view of a catalogued key wins (it already holds the stored value).
    expect(merged.workers?.[0]?.value).toBe(1);
    expect(merged.custom?.[0]).toMatchObject({ source: 'database', catalogued: false, env: [], value: 'hi' });
  });
});

describe('filterSettings', () => {
  const all = mergeSettings(
    {
      workers: [entry('workers.poll_interval', { description: 'Job polling interval in seconds' })],
      storage: [entry('storage.thumbnail_width', { description: 'Width of thumbnails' })],
    },
    {},
  );
  it('matches every word in the key, name or description, across categories', () => {
    expect(Object.keys(filterSettings(all, 'POLL seconds'))).toEqual(['workers']);
    expect(Object.keys(filterSettings(all, 'thumbnail width'))).toEqual(['storage']);
    expect(filterSettings(all, 'width seconds')).toEqual({});
    expect(filterSettings(all, '  ')).toBe(all);
  });
});

describe('source, default and warning texts', () => {
  const date = (iso: string) => `<${iso}>`;
  it('says where the value comes from', () => {
    const [s] =
      mergeSettings({ a: [entry('a.k', { source: 'environment', env_variable: 'VLOG_A' })] }, {}).a ?? [];
    expect(s && sourceText(s, date)).toBe('From the environment (VLOG_A)');
    const [d] = mergeSettings({ a: [entry('a.k')] }, {}).a ?? [];
    expect(d && sourceText(d, date)).toBe('Default');
    const saved = d && withStored(d, row('a.k', { value: 3, updated_at: 'T', updated_by: 'admin' }));
    expect(saved && sourceText(saved, date)).toBe('Stored in the database · updated <T> by admin');
    expect(saved && differingDefault(saved)).toBe('1');
    expect(d && differingDefault(d)).toBeNull();
  });

  it('shows an empty default as (empty) and the refused variable with its problem', () => {
    const [s] =
      mergeSettings(
        {
          a: [
            entry('a.k', {
              value: 'x',
              default: '',
              env_variable: 'VLOG_A',
              env_problem: 'must be at most 72',
            }),
          ],
        },
        {},
      ).a ?? [];
    expect(s && differingDefault(s)).toBe('(empty)');
    expect(s && envWarning(s)).toBe('VLOG_A is set but not used: must be at most 72');
    const [custom] = mergeSettings({}, { c: [row('c.k', { value: 9 })] }).c ?? [];
    expect(custom && differingDefault(custom)).toBeNull();
    expect(custom && envWarning(custom)).toBeNull();
  });
});
