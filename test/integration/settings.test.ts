// DB-backed settings (issue 11.3; pipeline.md §20, api-admin.md §14) on both databases: the twelve
// endpoints with their shapes and error texts, every catalogued key validated and read back through the
// service, precedence database > environment > default, export/import and seeding from the environment.
import { describe, expect, it } from 'vitest';
import { CATALOGUE_ENTRIES } from '../../src/domain/settings/settings-catalogue.js';
import { NOT_YET_BUILT } from '../../src/domain/settings/settings.types.js';
import { DRIVERS } from '../helpers/test-db.js';
import { invalidValues, settingsClient as client, validValue } from '../helpers/settings.js';
import { useTestApp } from '../helpers/use-test-app.js';

const SETTING_KEYS = [
  'key',
  'value',
  'category',
  'value_type',
  'description',
  'constraints',
  'updated_at',
  'updated_by',
];

describe.each(DRIVERS)('settings API (%s)', (driver) => {
  const t = useTestApp(driver);
  const api = client(t);

  it('starts empty: list, categories, a category, a key (404), cache stats', async () => {
    expect(await api('GET', '/api/settings')).toEqual({ status: 200, body: { categories: {} } });
    expect(await api('GET', '/api/settings/categories')).toEqual({ status: 200, body: [] });
    expect(await api('GET', '/api/settings/category/nothing')).toEqual({
      status: 200,
      body: { category: 'nothing', settings: [] },
    });
    expect(await api('GET', '/api/settings/key/transcoding.hls_segment_duration')).toEqual({
      status: 404,
      body: { detail: 'Setting not found: transcoding.hls_segment_duration' },
    });
    const stats = await api('GET', '/api/settings/cache-stats');
    expect(stats.status).toBe(200);
    expect(Object.keys(stats.body).sort()).toEqual([
      'age_seconds',
      'entry_count',
      'is_valid',
      'loaded',
      'ttl_seconds',
    ]);
    expect(stats.body.ttl_seconds).toBe(60);
  });

  it('PUT creates a catalogued key with its catalogue metadata; GET answers the same object', async () => {
    const put = await api('PUT', '/api/settings/key/display.tagline', { value: 'Hello' });
    expect(put.status).toBe(200);
    expect(Object.keys(put.body).sort()).toEqual([...SETTING_KEYS].sort());
    expect(put.body).toMatchObject({
      key: 'display.tagline',
      value: 'Hello',
      category: 'display',
      value_type: 'string',
      description: 'Tagline text shown on the home page',
      constraints: {
        min: null,
        max: null,
        min_length: null,
        max_length: 100,
        pattern: null,
        enum_values: null,
      },
      updated_by: 'admin',
    });
    expect(new Date(put.body.updated_at as string).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await api('GET', '/api/settings/key/display.tagline')).toEqual(put);
    const list = await api('GET', '/api/settings');
    expect(list.body).toEqual({ categories: { display: [put.body] } });
    expect((await api('GET', '/api/settings/category/display')).body).toEqual({
      category: 'display',
      settings: [put.body],
    });
    // An update keeps the row (same key), new value and time.
    const again = await api('PUT', '/api/settings/key/display.tagline', { value: 'Bye' });
    expect(again.body).toMatchObject({ key: 'display.tagline', value: 'Bye', updated_by: 'admin' });
    expect(t.container.services.settings.get('display.tagline')).toBe('Bye');
    expect(await api('DELETE', '/api/settings/key/display.tagline')).toEqual({
      status: 200,
      body: { status: 'ok', message: 'Setting deleted: display.tagline' },
    });
    expect((await api('DELETE', '/api/settings/key/display.tagline')).body).toEqual({
      detail: 'Setting not found: display.tagline',
    });
    expect(t.container.services.settings.get('display.tagline')).toBe('');
  });

  it('PUT of an unknown key that is not stored: 404; a body without value: 400', async () => {
    expect(await api('PUT', '/api/settings/key/nope.nothing', { value: 1 })).toEqual({
      status: 404,
      body: { detail: 'Setting not found: nope.nothing' },
    });
    const missing = await api('PUT', '/api/settings/key/display.tagline', {});
    expect(missing.status).toBe(400);
    expect(missing.body.detail).toMatch(/value/);
  });

  it('POST creates any key once (409 after), validating its value against its own rules', async () => {
    const body = {
      key: 'custom.page_size',
      value: 20,
      category: 'custom',
      value_type: 'integer',
      description: 'Items per page',
      constraints: { min: 5, max: 50 },
    };
    const created = await api('POST', '/api/settings', body);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      key: 'custom.page_size',
      value: 20,
      category: 'custom',
      value_type: 'integer',
      description: 'Items per page',
      constraints: { min: 5, max: 50, min_length: null, max_length: null, pattern: null, enum_values: null },
      updated_by: 'admin',
    });
    expect(await api('POST', '/api/settings', body)).toEqual({
      status: 409,
      body: { detail: 'Setting already exists: custom.page_size' },
    });
    // Its own constraints apply to updates.
    expect(await api('PUT', '/api/settings/key/custom.page_size', { value: 51 })).toEqual({
      status: 400,
      body: { detail: 'Invalid value for custom.page_size: must be at most 50' },
    });
    expect((await api('PUT', '/api/settings/key/custom.page_size', { value: 50 })).body.value).toBe(50);
    // value_type defaults to string; json takes anything.
    const plain = await api('POST', '/api/settings', { key: 'custom.label', value: 'x', category: 'custom' });
    expect(plain.body).toMatchObject({ value_type: 'string', constraints: null, description: null });
    const json = {
      key: 'custom.links',
      value: [{ label: 'a', url: 'b' }],
      category: 'custom',
      value_type: 'json',
    };
    expect((await api('POST', '/api/settings', json)).body.value).toEqual(json.value);
    expect((await api('GET', '/api/settings/categories')).body).toEqual(['custom']);
  });

  it('POST refuses bad keys, values, constraints and catalogued keys of the wrong type (400)', async () => {
    const post = (b: object) => api('POST', '/api/settings', { category: 'custom', ...b });
    for (const key of ['Upper.case', '1abc', 'a..b', 'a.', 'a-b', 'x'.repeat(256)]) {
      const r = await post({ key, value: 'v' });
      expect(r.status, key).toBe(400);
    }
    expect((await post({ key: 'custom.n', value: 'x', value_type: 'integer' })).body).toEqual({
      detail: 'Invalid value for custom.n: must be an integer',
    });
    expect((await post({ key: 'custom.t', value: 'x', value_type: 'weird' })).status).toBe(400);
    expect((await post({ key: 'custom.p', value: 'x', constraints: { pattern: '(' } })).body).toEqual({
      detail: 'Invalid constraints for custom.p: invalid pattern: (',
    });
    expect(
      (
        await post({
          key: 'custom.e',
          value: 'c',
          value_type: 'enum',
          constraints: { enum_values: ['a', 'b'] },
        })
      ).body,
    ).toEqual({
      detail: 'Invalid value for custom.e: must be one of: a, b',
    });
    // A catalogued key keeps the catalogue's type and limits whatever the request says.
    expect((await post({ key: 'workers.poll_interval', value: 'fast', value_type: 'string' })).body).toEqual({
      detail: 'Invalid value for workers.poll_interval: must be an integer',
    });
    const ok = await post({
      key: 'workers.poll_interval',
      value: 7,
      value_type: 'string',
      constraints: { max: 3 },
    });
    expect(ok.body).toMatchObject({
      category: 'workers',
      value_type: 'integer',
      constraints: { min: 1, max: 120 },
    });
    await api('DELETE', '/api/settings/key/workers.poll_interval');
  });

  describe('every catalogued key', () => {
    it.each(CATALOGUE_ENTRIES.map((e) => [e.key, e] as const))(
      '%s: a valid value is stored and read back through the service; each rule refuses with 400',
      async (key, entry) => {
        const settings = t.container.services.settings;
        // The test app sets a few variables (short intervals); every other key is at its default.
        const below = settings.fallback(key);
        expect(settings.get(key)).toEqual(below.source === 'default' ? entry.default : below.value);
        const value = validValue(entry);
        const put = await api('PUT', `/api/settings/key/${key}`, { value });
        expect(put.status, JSON.stringify(put.body)).toBe(200);
        expect(put.body).toMatchObject({ key, value, category: entry.category, value_type: entry.type });
        expect(settings.get(key)).toEqual(value);
        expect(settings.source(key)).toBe('database');
        for (const [rule, bad] of invalidValues(entry)) {
          const r = await api('PUT', `/api/settings/key/${key}`, { value: bad });
          expect(r.status, `${rule}: ${JSON.stringify(bad)}`).toBe(400);
          expect(r.body.detail).toMatch(new RegExp(`^Invalid value for ${key.replace('.', '\\.')}: must `));
        }
        expect(settings.get(key)).toEqual(value); // refused values changed nothing
        await api('DELETE', `/api/settings/key/${key}`);
        expect(settings.get(key)).toEqual(below.value);
      },
    );

    it('says which ones drive behaviour in this build', () => {
      const drives = CATALOGUE_ENTRIES.filter((e) => e.appliesTo !== NOT_YET_BUILT);
      for (const e of drives) expect(e.readBy, e.key).not.toBeNull();
      for (const e of CATALOGUE_ENTRIES.filter((x) => x.appliesTo === NOT_YET_BUILT))
        expect(e.readBy).toBeNull();
      expect(drives.map((e) => e.key)).toContain('transcoding.hls_segment_duration');
    });
  });

  it('export → delete → import round trip; overwrite; per-item errors', async () => {
    await api('PUT', '/api/settings/key/watermark.text', { value: 'VLog' });
    await api('PUT', '/api/settings/key/watermark.opacity', { value: 0.25 });
    await api('POST', '/api/settings', {
      key: 'custom.flag',
      value: true,
      category: 'custom',
      value_type: 'boolean',
    });
    const exported = await api('POST', '/api/settings/export');
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({ version: '1.0' });
    expect(new Date(exported.body.exported_at as string).getTime()).toBeGreaterThan(0);
    const items = exported.body.settings as Array<Record<string, unknown>>;
    expect(items.map((s) => s.key).sort()).toEqual([
      'custom.flag',
      'custom.label',
      'custom.links',
      'custom.page_size',
      'watermark.opacity',
      'watermark.text',
    ]);
    for (const s of items) await api('DELETE', `/api/settings/key/${s.key as string}`);
    expect((await api('GET', '/api/settings')).body).toEqual({ categories: {} });

    const imported = await api('POST', '/api/settings/import', { settings: items });
    expect(imported.body).toEqual({ status: 'ok', created: 6, updated: 0, skipped: 0, errors: [] });
    const after = (await api('POST', '/api/settings/export')).body.settings as Array<Record<string, unknown>>;
    const strip = (s: Record<string, unknown>) => ({ ...s, updated_at: undefined });
    expect(after.map(strip)).toEqual(items.map(strip));
    expect(t.container.services.settings.get('watermark.opacity')).toBe(0.25);

    expect((await api('POST', '/api/settings/import', { settings: items })).body).toMatchObject({
      created: 0,
      skipped: 6,
    });
    const changed = items.map((s) => (s.key === 'watermark.text' ? { ...s, value: 'New' } : s));
    expect(
      (await api('POST', '/api/settings/import', { settings: changed, overwrite: true })).body,
    ).toMatchObject({
      created: 0,
      updated: 6,
      skipped: 0,
    });
    expect(t.container.services.settings.get('watermark.text')).toBe('New');

    const bad = await api('POST', '/api/settings/import', {
      settings: [
        { key: 'watermark.padding', value: 999, category: 'watermark' },
        { key: 'custom.fresh', value: 'ok', category: 'custom' },
      ],
    });
    expect(bad.body).toEqual({
      status: 'ok',
      created: 1,
      updated: 0,
      skipped: 0,
      errors: [
        { key: 'watermark.padding', error: 'Invalid value for watermark.padding: must be at most 200' },
      ],
    });
    expect((await api('POST', '/api/settings/import', { settings: 'no' })).status).toBe(400);
  });

  it('invalidate-cache reloads; cache-stats describes the snapshot', async () => {
    expect(await api('POST', '/api/settings/invalidate-cache')).toEqual({
      status: 200,
      body: { status: 'ok', message: 'Settings cache invalidated' },
    });
    const rows = (await t.container.db.selectFrom('settings').select('key').execute()).length;
    const stats = (await api('GET', '/api/settings/cache-stats')).body;
    expect(stats).toMatchObject({ loaded: true, entry_count: rows, ttl_seconds: 60, is_valid: true });
    expect(stats.age_seconds).toBeGreaterThanOrEqual(0);
    expect(stats.age_seconds).toBeLessThan(5);
  });
});
