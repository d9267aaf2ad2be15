// GET /api/settings/catalogue (beyond the reference): every catalogued setting, stored or not, with its
// effective value and its source — what the admin's Settings tab lists.
import { describe, expect, it } from 'vitest';
import type { SettingsCatalogue } from '../../src/contracts/api/settings.contract.js';
import { CATALOGUE_ENTRIES } from '../../src/domain/settings/settings-catalogue.js';
import { TEST_ADMIN_SECRET } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

const AUTH = { 'x-admin-secret': TEST_ADMIN_SECRET };

describe.each(DRIVERS)('settings catalogue (%s)', (driver) => {
  const t = useTestApp(driver, {
    VLOG_DISPLAY_TAGLINE: 'From the environment',
    VLOG_WATERMARK_TEXT_SIZE: '500', // above its maximum (72): not used
  });

  const catalogue = async () => {
    const res = await t.adminApp.inject({ method: 'GET', url: '/api/settings/catalogue', headers: AUTH });
    expect(res.statusCode, res.body).toBe(200);
    const flat = Object.values(res.json<SettingsCatalogue>().categories).flat();
    return { body: res.json<SettingsCatalogue>(), byKey: new Map(flat.map((s) => [s.key, s])) };
  };

  it('lists every catalogued key once, grouped by category, with default, effective value and source', async () => {
    const { body, byKey } = await catalogue();
    expect(byKey.size).toBe(CATALOGUE_ENTRIES.length);
    expect(Object.keys(body.categories)).toEqual([...Object.keys(body.categories)].sort());
    for (const [category, list] of Object.entries(body.categories))
      for (const s of list) expect(s.key.startsWith(`${category}.`)).toBe(true);

    const tagline = byKey.get('display.tagline');
    expect(tagline).toMatchObject({
      value: 'From the environment',
      default: '',
      source: 'environment',
      env_variable: 'VLOG_DISPLAY_TAGLINE',
      env_problem: null,
      value_type: 'string',
      updated_at: null,
    });
    const textSize = byKey.get('watermark.text_size');
    expect(textSize?.source).toBe('default');
    expect(textSize?.value).toBe(textSize?.default);
    expect(textSize?.env_variable).toBe('VLOG_WATERMARK_TEXT_SIZE');
    expect(textSize?.env_problem).toMatch(/72/);
    expect(textSize?.constraints).toMatchObject({ min: 8, max: 72 });
  });

  it('a stored value wins and says so; deleting it falls back to the environment again', async () => {
    const put = await t.adminApp.inject({
      method: 'PUT',
      url: '/api/settings/key/display.tagline',
      headers: AUTH,
      payload: { value: 'Stored' },
    });
    expect(put.statusCode, put.body).toBe(200);
    const stored = (await catalogue()).byKey.get('display.tagline');
    expect(stored).toMatchObject({ value: 'Stored', source: 'database', updated_by: 'admin' });
    expect(stored?.updated_at).not.toBeNull();

    const del = await t.adminApp.inject({
      method: 'DELETE',
      url: '/api/settings/key/display.tagline',
      headers: AUTH,
    });
    expect(del.statusCode).toBe(200);
    expect((await catalogue()).byKey.get('display.tagline')).toMatchObject({
      value: 'From the environment',
      source: 'environment',
    });
  });

  it('refuses the unauthenticated', async () => {
    const res = await t.adminApp.inject({ method: 'GET', url: '/api/settings/catalogue' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toHaveProperty('detail');
  });
});
