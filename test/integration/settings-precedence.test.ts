// Settings precedence (database > environment > default) and seeding from the environment (pipeline.md
// §20), on both databases, with variables of each kind set: settings-only, config-owned, bytes → MB,
// out of range, the reference's derived names.
import { describe, expect, it } from 'vitest';
import { CATALOGUE_ENTRIES } from '../../src/domain/settings/settings-catalogue.js';
import { settingsClient as client } from '../helpers/settings.js';
import { multipart, TEST_ADMIN_SECRET } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

describe.each(DRIVERS)('settings precedence and seeding (%s)', (driver) => {
  const t = useTestApp(driver, {
    VLOG_WATERMARK_TEXT_SIZE: '20', // read only as a settings fallback
    VLOG_HLS_SEGMENT_DURATION: '4', // owned by the config schema
    VLOG_MAX_UPLOAD_SIZE: String(5 * 1024 * 1024), // bytes; the setting is MB
    VLOG_WATERMARK_OPACITY: '5', // out of range: not used
    VLOG_HEARTBEAT_INTERVAL: '45', // the reference's derived name for workers.heartbeat_interval
    VLOG_CDN_BASE_URL: 'https://cdn.example.com',
  });
  const api = client(t);

  it('database > environment > default', async () => {
    const s = t.container.services.settings;
    const seen = (key: Parameters<typeof s.get>[0]) => [s.get(key), s.source(key)];
    expect(seen('watermark.text_size')).toEqual([20, 'environment']);
    expect(seen('transcoding.hls_segment_duration')).toEqual([4, 'environment']);
    expect(seen('storage.max_upload_size_mb')).toEqual([5, 'environment']);
    expect(t.container.live.maxUploadSize).toBe(5 * 1024 * 1024);
    expect(seen('workers.heartbeat_interval')).toEqual([45, 'environment']);
    expect(seen('watermark.opacity')).toEqual([0.5, 'default']);
    expect(s.fallback('watermark.opacity').problem).toBe('must be at most 1');
    expect(seen('watermark.padding')).toEqual([16, 'default']);

    await api('PUT', '/api/settings/key/watermark.text_size', { value: 30 });
    await api('PUT', '/api/settings/key/watermark.padding', { value: 3 });
    expect(seen('watermark.text_size')).toEqual([30, 'database']);
    expect(seen('watermark.padding')).toEqual([3, 'database']);
    await api('DELETE', '/api/settings/key/watermark.text_size');
    await api('DELETE', '/api/settings/key/watermark.padding');
    expect(seen('watermark.text_size')).toEqual([20, 'environment']);
    expect(seen('watermark.padding')).toEqual([16, 'default']);
  });

  it('an upload limit raised above the environment’s applies too (the parser’s ceiling is the setting’s maximum)', async () => {
    const upload = async () => {
      const body = multipart(
        { title: 'six' },
        { name: 'six.mp4', content: Buffer.alloc(6 * 1024 * 1024, 3) },
      );
      const r = await t.adminApp.inject({
        method: 'POST',
        url: '/api/videos',
        headers: { ...body.headers, 'x-admin-secret': TEST_ADMIN_SECRET },
        payload: body.payload,
      });
      return r.statusCode;
    };
    expect(await upload()).toBe(413); // VLOG_MAX_UPLOAD_SIZE: 5 MB
    await api('PUT', '/api/settings/key/storage.max_upload_size_mb', { value: 10 });
    expect(await upload()).not.toBe(413);
    await api('DELETE', '/api/settings/key/storage.max_upload_size_mb');
    expect(await upload()).toBe(413);
  });

  it('a stored value the catalogue refuses (edited by hand) is ignored, not handed to the code', async () => {
    await t.container.db
      .insertInto('settings')
      .values({ key: 'watermark.text_size', value: '"huge"', category: 'watermark', value_type: 'integer' })
      .execute();
    await api('POST', '/api/settings/invalidate-cache');
    expect(t.container.services.settings.get('watermark.text_size')).toBe(20);
    await t.container.db.deleteFrom('settings').execute();
    await api('POST', '/api/settings/invalidate-cache');
  });

  it('seed-from-env creates the missing keys whose variable is set and valid, once', async () => {
    await api('PUT', '/api/settings/key/watermark.padding', { value: 9 });
    const r = await api('POST', '/api/settings/seed-from-env');
    expect(r.status).toBe(200);
    const details = r.body.details as Array<Record<string, unknown>>;
    const of = (key: string) => details.find((d) => d.key === key);
    expect(details).toHaveLength(CATALOGUE_ENTRIES.length);
    expect(of('watermark.text_size')).toEqual({
      key: 'watermark.text_size',
      status: 'seeded',
      from_env: 'VLOG_WATERMARK_TEXT_SIZE',
      value: 20,
    });
    expect(of('storage.max_upload_size_mb')).toMatchObject({ status: 'seeded', value: 5 });
    expect(of('workers.heartbeat_interval')).toMatchObject({
      status: 'seeded',
      from_env: 'VLOG_HEARTBEAT_INTERVAL',
    });
    expect(of('cdn.base_url')).toMatchObject({ status: 'seeded', value: 'https://cdn.example.com' });
    expect(of('watermark.padding')).toEqual({
      key: 'watermark.padding',
      status: 'skipped',
      reason: 'already exists',
    });
    expect(of('display.tagline')).toEqual({
      key: 'display.tagline',
      status: 'skipped',
      reason: 'no env var VLOG_DISPLAY_TAGLINE',
    });
    // The environment holds what the API refuses: reported, not stored.
    expect(of('watermark.opacity')).toEqual({
      key: 'watermark.opacity',
      status: 'error',
      from_env: 'VLOG_WATERMARK_OPACITY',
      reason: 'VLOG_WATERMARK_OPACITY must be at most 1',
    });
    expect(of('workers.poll_interval')).toMatchObject({
      status: 'error',
      reason: 'VLOG_WORKER_POLL_INTERVAL must be an integer',
    });
    const seeded = details.filter((d) => d.status === 'seeded');
    expect(r.body).toMatchObject({
      status: 'ok',
      seeded: seeded.length,
      skipped: details.filter((d) => d.status === 'skipped').length,
    });
    expect((await api('GET', '/api/settings/key/watermark.text_size')).body).toMatchObject({
      value: 20,
      category: 'watermark',
      value_type: 'integer',
      updated_by: 'admin',
    });
    expect(t.container.services.settings.source('watermark.text_size')).toBe('database');
    const again = await api('POST', '/api/settings/seed-from-env');
    expect(again.body.seeded).toBe(0);
    for (const d of seeded)
      expect(again.body.details).toContainEqual({ key: d.key, status: 'skipped', reason: 'already exists' });
  });

  it('a fresh install seeds an empty table at start-up (updated_by auto-seed), and only then', async () => {
    await t.container.db.deleteFrom('settings').execute();
    const first = await t.container.services.settingsAdmin.seedIfEmpty();
    expect(first?.seeded).toBeGreaterThan(0);
    const row = await t.container.db
      .selectFrom('settings')
      .selectAll()
      .where('key', '=', 'watermark.text_size')
      .executeTakeFirstOrThrow();
    expect(row.updated_by).toBe('auto-seed');
    expect(await t.container.services.settingsAdmin.seedIfEmpty()).toBeNull();
  });
});
