// Custom fields (api-admin.md §7), the bulk setter (§5.9) and the category update and cascade (§4), on both
// databases: definitions with typed validation and category scope, a video's values, bulk per-video results.
import { describe, expect, it } from 'vitest';
import type { Category } from '../../src/contracts/api/category.contract.js';
import type {
  BulkCustomFieldsResult,
  CustomField,
  CustomFieldList,
  VideoCustomFields,
} from '../../src/contracts/api/custom-field.contract.js';
import { adminInject } from '../helpers/admin-inject.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

describe.each(DRIVERS)('custom fields (%s)', (driver) => {
  const t = useTestApp(driver);
  const api = (method: Method, url: string, payload?: object) => adminInject(t, method, url, payload);
  const ok = async <T>(method: Method, url: string, payload?: object): Promise<T> => {
    const res = await api(method, url, payload);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(200);
    return res.json<T>();
  };

  let seeded = 0;
  async function video(opts: { categoryId?: number | null; archived?: boolean } = {}): Promise<number> {
    const row = await t.container.db
      .insertInto('videos')
      .values({
        title: `Field video ${++seeded}`,
        slug: `field-video-${seeded}`,
        status: 'ready',
        category_id: opts.categoryId ?? null,
        deleted_at: opts.archived ? new Date() : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  let named = 0;
  const category = (name = `Category ${++named}`) => ok<Category>('POST', '/api/categories', { name });
  const field = (body: object) => ok<CustomField>('POST', '/api/custom-fields', body);
  const valuesOf = async (videoId: number) =>
    Object.fromEntries(
      (await ok<VideoCustomFields>('GET', `/api/videos/${videoId}/custom-fields`)).fields.map((f) => [
        f.field_slug,
        f.value,
      ]),
    );

  it('creates typed fields, lists them by scope in position order, reads one', async () => {
    const cooking = await category('Cooking');
    const level = await field({
      name: 'Difficulty Level',
      field_type: 'select',
      options: [' Easy ', 'Hard'],
      category_id: cooking.id,
      position: 1,
      description: 'How hard it is',
    });
    expect(level).toMatchObject({
      slug: 'difficulty-level',
      field_type: 'select',
      options: ['Easy', 'Hard'],
      required: false,
      category_id: cooking.id,
      category_name: 'Cooking',
      position: 1,
      constraints: null,
      description: 'How hard it is',
    });
    const rating = await field({ name: 'Rating', field_type: 'number', constraints: { min: 0, max: 5 } });
    expect(rating).toMatchObject({ category_id: null, category_name: null, constraints: { min: 0, max: 5 } });
    const other = await category();
    await field({ name: 'Elsewhere', field_type: 'text', category_id: other.id });

    const names = async (q: string) =>
      (await ok<CustomFieldList>('GET', `/api/custom-fields${q}`)).fields.map((f) => f.name);
    const all = await ok<CustomFieldList>('GET', '/api/custom-fields');
    expect(all.total_count).toBe(all.fields.length);
    expect(await names('')).toEqual(expect.arrayContaining(['Difficulty Level', 'Rating', 'Elsewhere']));
    expect(await names('?category_id=0')).not.toContain('Difficulty Level');
    expect(await names('?category_id=0')).toContain('Rating');
    const forCooking = await names(`?category_id=${cooking.id}`);
    expect(forCooking).toContain('Difficulty Level');
    expect(forCooking).not.toContain('Elsewhere');
    // position first: Rating (0) before Difficulty Level (1)
    expect(forCooking.indexOf('Rating')).toBeLessThan(forCooking.indexOf('Difficulty Level'));
    expect(await ok('GET', `/api/custom-fields/${level.id}`)).toEqual(level);
  });

  it('refuses bad definitions with the reason (400), all reasons joined with "; "', async () => {
    const global = await field({ name: 'Unique Name', field_type: 'text' });
    const cat = await category();
    const cases: Array<[object, string | RegExp]> = [
      [{ name: 'S', field_type: 'select' }, 'Options are required for select and multi_select fields'],
      [
        { name: 'T', field_type: 'text', options: ['a'] },
        'Options are only allowed for select and multi_select fields',
      ],
      [
        { name: 'N', field_type: 'text', constraints: { min: 1, pattern: '(' } },
        'min and max apply to number fields only; Pattern is not a valid regular expression: (',
      ],
      [{ name: 'C', field_type: 'text', category_id: 999999 }, 'Category not found'],
      [
        { name: 'unique name!', field_type: 'url' },
        'A field with this name already exists in the global fields',
      ],
      [{ name: '   ', field_type: 'text' }, 'Field name is required'],
      [{ name: 'X', field_type: 'colour' }, /^Invalid body field 'field_type'/],
      [{ name: 'X', field_type: 'select', options: Array(101).fill('o') }, /^Invalid body field 'options'/],
      [{ name: 'X', field_type: 'text', constraints: { pattern: 'x'.repeat(201) } }, /pattern/],
      [{ name: 'X', field_type: 'text', position: -1 }, /^Invalid body field 'position'/],
    ];
    for (const [body, detail] of cases) {
      const res = await api('POST', '/api/custom-fields', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const got = res.json<{ detail: string }>().detail;
      if (typeof detail === 'string') expect(got).toBe(detail);
      else expect(got).toMatch(detail);
    }
    // The same name in a category is another scope: allowed.
    const scoped = await field({ name: 'Unique Name', field_type: 'text', category_id: cat.id });
    expect(scoped.slug).toBe(global.slug);
    const dup = await api('POST', '/api/custom-fields', {
      name: 'Unique Name',
      field_type: 'text',
      category_id: cat.id,
    });
    expect(dup.json()).toEqual({ detail: 'A field with this name already exists in this category' });
  });

  it('updates (type and category fixed, re-slug within scope, options only for selects) and deletes', async () => {
    const pick = await field({ name: 'Pick', field_type: 'select', options: ['a', 'b'] });
    await field({ name: 'Taken', field_type: 'text' });
    const updated = await ok<CustomField>('PUT', `/api/custom-fields/${pick.id}`, {
      name: 'Picked',
      options: ['a', 'b', 'c'],
      required: true,
      position: 3,
      description: 'Choose',
      field_type: 'text',
    });
    expect(updated).toMatchObject({
      name: 'Picked',
      slug: 'picked',
      field_type: 'select',
      options: ['a', 'b', 'c'],
    });
    expect(updated).toMatchObject({ required: true, position: 3, description: 'Choose' });
    const text = await field({ name: 'Plain', field_type: 'text' });
    const refusals: Array<[number, object, string]> = [
      [pick.id, {}, 'No update values provided'],
      [pick.id, { name: 'Taken' }, 'A field with this name already exists in the global fields'],
      [pick.id, { options: [] }, 'Options are required for select and multi_select fields'],
      [text.id, { options: ['x'] }, 'Options are only allowed for select and multi_select fields'],
      [text.id, { constraints: { min_length: 5, max_length: 2 } }, 'min_length must not exceed max_length'],
    ];
    for (const [id, body, detail] of refusals) {
      const res = await api('PUT', `/api/custom-fields/${id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json()).toEqual({ detail });
    }
    const withValue = await video();
    await ok('PUT', `/api/videos/${withValue}/custom-fields`, { values: { [pick.id]: 'c' } });
    expect((await ok<CustomField>('GET', `/api/custom-fields/${pick.id}`)).video_count).toBe(1);
    expect(await ok('DELETE', `/api/custom-fields/${pick.id}`)).toEqual({ status: 'ok', affected_videos: 1 });
    expect(await valuesOf(withValue)).not.toHaveProperty('picked');
  });

  it("a video's values: validated together, upserted, null deletes, scope follows the video's category", async () => {
    const cat = await category();
    const level = await field({
      name: 'Level',
      field_type: 'select',
      options: ['1', '2'],
      category_id: cat.id,
    });
    const site = await field({ name: 'Site', field_type: 'url' });
    const when = await field({ name: 'When', field_type: 'date' });
    const topics = await field({ name: 'Topics', field_type: 'multi_select', options: ['x', 'y'] });
    const plain = await video();
    const inCat = await video({ categoryId: cat.id });

    const before = await ok<VideoCustomFields>('GET', `/api/videos/${plain}/custom-fields`);
    expect(before.video_id).toBe(plain);
    expect(before.fields.map((f) => f.field_id)).not.toContain(level.id);
    expect(before.fields.find((f) => f.field_id === site.id)).toMatchObject({
      value: null,
      field_type: 'url',
    });

    const values = {
      [level.id]: '2',
      [site.id]: 'https://a.example',
      [when.id]: '2024-05-01',
      [topics.id]: ['y', 'x'],
    };
    const put = await ok<VideoCustomFields>('PUT', `/api/videos/${inCat}/custom-fields`, { values });
    expect(put.fields.find((f) => f.field_id === level.id)).toMatchObject({
      value: '2',
      options: ['1', '2'],
    });
    expect(await valuesOf(inCat)).toMatchObject({
      level: '2',
      site: 'https://a.example',
      topics: ['y', 'x'],
    });

    const bad = await api('PUT', `/api/videos/${plain}/custom-fields`, {
      values: { [level.id]: '1', [site.id]: 'ftp://x', [when.id]: '2023-02-30', 999999: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      detail:
        "Field 'Level' does not apply to this video's category; Site: must start with http:// or https://; " +
        'When: must be an ISO 8601 date; Field ID 999999 not found',
    });
    // Nothing of a refused request is written.
    expect(await valuesOf(plain)).toMatchObject({ site: null, when: null });

    await ok('PUT', `/api/videos/${inCat}/custom-fields`, { values: { [site.id]: null, [level.id]: '1' } });
    expect(await valuesOf(inCat)).toMatchObject({ level: '1', site: null, when: '2024-05-01' });
  });

  it('bulk: 400 up front on a bad value; per video ok, not found, archived, not applicable', async () => {
    const cat = await category();
    const level = await field({
      name: 'Bulk Level',
      field_type: 'select',
      options: ['low', 'high'],
      category_id: cat.id,
    });
    const note = await field({ name: 'Bulk Note', field_type: 'text', constraints: { max_length: 10 } });
    const [inCat, plain, archived] = [
      await video({ categoryId: cat.id }),
      await video(),
      await video({ archived: true }),
    ];

    const bad = await api('POST', '/api/videos/bulk/custom-fields', {
      video_ids: [inCat],
      values: { [note.id]: 'far too long a note', 999999: 1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      detail: 'Bulk Note: must be at most 10 characters; Field ID 999999 not found',
    });
    expect(await valuesOf(inCat)).toMatchObject({ 'bulk-note': null });

    const body = {
      video_ids: [inCat, plain, 999999, archived, inCat],
      values: { [level.id]: 'high', [note.id]: 'hi' },
    };
    const res = await ok<BulkCustomFieldsResult>('POST', '/api/videos/bulk/custom-fields', body);
    expect(res).toEqual({
      status: 'partial',
      updated: 1,
      failed: 3,
      results: [
        { video_id: inCat, success: true, error: null },
        { video_id: plain, success: false, error: 'Fields not applicable: Bulk Level' },
        { video_id: 999999, success: false, error: 'Video not found' },
        { video_id: archived, success: false, error: 'Video not found' },
      ],
    });
    expect(await valuesOf(inCat)).toMatchObject({ 'bulk-level': 'high', 'bulk-note': 'hi' });
    expect(await valuesOf(plain)).toMatchObject({ 'bulk-note': null });

    const all = await ok<BulkCustomFieldsResult>('POST', '/api/videos/bulk/custom-fields', {
      video_ids: [plain],
      values: { [note.id]: null },
    });
    expect(all).toMatchObject({ status: 'ok', updated: 1, failed: 0 });
  });

  it('categories: rename re-slugs (duplicates refused), delete cascades its fields and their values', async () => {
    const cat = await category('Old Category');
    await category('Other Category');
    const renamed = await ok<Category>('PUT', `/api/categories/${cat.id}`, {
      name: 'New Category',
      description: 'd',
    });
    expect(renamed).toMatchObject({
      id: cat.id,
      name: 'New Category',
      slug: 'new-category',
      description: 'd',
    });
    expect(await ok<Category>('PUT', `/api/categories/${cat.id}`, { description: 'only' })).toMatchObject({
      name: 'New Category',
      description: 'only',
    });
    const clash = await api('PUT', `/api/categories/${cat.id}`, { name: 'other category' });
    expect(clash.statusCode).toBe(400);
    expect(clash.json()).toEqual({ detail: 'Category with this name already exists' });

    const scoped = await field({ name: 'Scoped', field_type: 'number', category_id: cat.id });
    const vid = await video({ categoryId: cat.id });
    await ok('PUT', `/api/videos/${vid}/custom-fields`, { values: { [scoped.id]: 4 } });
    expect((await ok<Category[]>('GET', '/api/categories')).find((c) => c.id === cat.id)?.video_count).toBe(
      1,
    );
    expect(await ok('DELETE', `/api/categories/${cat.id}`)).toEqual({ status: 'ok' });
    expect((await api('GET', `/api/custom-fields/${scoped.id}`)).statusCode).toBe(404);
    const left = await t.container.db
      .selectFrom('video_custom_fields')
      .select('field_id')
      .where('video_id', '=', vid)
      .execute();
    expect(left).toEqual([]);
  });

  it('every new route: 404 with the spec text, 400 on malformed input', async () => {
    const cases: Array<[Method, string, object | undefined, number, string | RegExp]> = [
      ['GET', '/api/custom-fields/999999', undefined, 404, 'Custom field not found'],
      ['PUT', '/api/custom-fields/999999', { name: 'x' }, 404, 'Custom field not found'],
      ['DELETE', '/api/custom-fields/999999', undefined, 404, 'Custom field not found'],
      ['GET', '/api/videos/999999/custom-fields', undefined, 404, 'Video not found'],
      ['PUT', '/api/videos/999999/custom-fields', { values: {} }, 404, 'Video not found'],
      ['PUT', '/api/categories/999999', { name: 'x' }, 404, 'Category not found'],
      ['GET', '/api/custom-fields/abc', undefined, 400, /^Invalid params/],
      [
        'GET',
        '/api/custom-fields?category_id=-1',
        undefined,
        400,
        /^Invalid querystring field 'category_id'/,
      ],
      ['POST', '/api/custom-fields', {}, 400, /^Invalid body field 'name'/],
      ['PUT', '/api/videos/1/custom-fields', { values: 'x' }, 400, /^Invalid body field 'values'/],
      ['POST', '/api/videos/bulk/custom-fields', { video_ids: [], values: { 1: 1 } }, 400, /video_ids/],
      [
        'POST',
        '/api/videos/bulk/custom-fields',
        { video_ids: Array(101).fill(1), values: {} },
        400,
        /video_ids/,
      ],
      [
        'POST',
        '/api/videos/bulk/custom-fields',
        { video_ids: [1], values: {} },
        400,
        'No update values provided',
      ],
      ['PUT', '/api/categories/1', { name: '' }, 400, /^Invalid body field 'name'/],
    ];
    for (const [method, url, payload, status, detail] of cases) {
      const res = await api(method, url, payload);
      expect(res.statusCode, `${method} ${url} ${res.body}`).toBe(status);
      const got = res.json<{ detail: string }>().detail;
      if (typeof detail === 'string') expect(got).toBe(detail);
      else expect(got).toMatch(detail);
    }
    const cat = await category();
    const empty = await api('PUT', `/api/categories/${cat.id}`, {});
    expect(empty.json()).toEqual({ detail: 'No update values provided' });
  });
});
