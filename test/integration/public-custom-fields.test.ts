// GET /api/custom-fields?category=<slug> on the public app (the search and category pages' filters; not in the
// spec): a category's fields plus the global ones, global ones alone without a category, definitions only;
// bad and unknown slugs refused with the spec's texts. On both databases.
import { describe, expect, it } from 'vitest';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

describe.each(DRIVERS)('public custom field definitions (%s)', (driver) => {
  const t = useTestApp(driver);
  const get = (url: string) => t.publicApp.inject({ method: 'GET', url });

  async function seedFields(): Promise<void> {
    const db = t.container.db;
    const music = await db
      .insertInto('categories')
      .values({ name: 'Music', slug: 'music' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('categories').values({ name: 'Travel', slug: 'travel' }).execute();
    await db
      .insertInto('custom_field_definitions')
      .values([
        {
          name: 'Genre',
          slug: 'genre',
          field_type: 'select',
          options: '["Jazz","Rock"]',
          category_id: music.id,
          position: 1,
        },
        {
          name: 'Mood',
          slug: 'mood',
          field_type: 'multi_select',
          options: '["Calm","Loud"]',
          category_id: null,
          position: 0,
        },
        {
          name: 'Venue',
          slug: 'venue',
          field_type: 'text',
          options: null,
          category_id: music.id,
          position: 2,
          constraints: '{"max_length":10}',
        },
      ])
      .execute();
  }

  it("lists a category's fields with the global ones, in position order, definitions only", async () => {
    await seedFields();
    const music = await get('/api/custom-fields?category=music');
    expect(music.statusCode, music.body).toBe(200);
    expect(music.json()).toEqual({
      fields: [
        { slug: 'mood', name: 'Mood', field_type: 'multi_select', options: ['Calm', 'Loud'] },
        { slug: 'genre', name: 'Genre', field_type: 'select', options: ['Jazz', 'Rock'] },
        { slug: 'venue', name: 'Venue', field_type: 'text', options: null },
      ],
    });
    const travel = (await get('/api/custom-fields?category=travel')).json<{
      fields: Array<{ slug: string }>;
    }>();
    expect(travel.fields.map((f) => f.slug)).toEqual(['mood']);
    const global = (await get('/api/custom-fields')).json<{ fields: Array<{ slug: string }> }>();
    expect(global.fields.map((f) => f.slug)).toEqual(['mood']);
  });

  it.each([
    ['/api/custom-fields?category=Not%20A%20Slug', 400, 'Invalid category slug'],
    ['/api/custom-fields?category=a..b', 400, 'Invalid category slug'],
    ['/api/custom-fields?category=', 400, 'Invalid category slug'],
    ['/api/custom-fields?category=nowhere', 404, 'Category not found'],
    [`/api/custom-fields?category=${'a'.repeat(101)}`, 400, undefined],
  ])('GET %s → %i', async (url, status, detail) => {
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(status);
    if (detail) expect(res.json()).toEqual({ detail });
    else expect(res.json<{ detail: string }>().detail).toMatch(/category/);
  });
});
