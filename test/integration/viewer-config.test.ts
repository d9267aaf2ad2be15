// Public config endpoints and the admin watermark image (api-public.md §4.5, api-admin.md §13), on both
// databases: each answer follows the settings at once, the watermark image never leaves the storage root.
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_AUTH } from '../helpers/admin-inject.js';
import { settingsClient } from '../helpers/settings.js';
import { multipart } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe.each(DRIVERS)('viewer config (%s)', (driver) => {
  const t = useTestApp(driver, { VLOG_DISPLAY_TAGLINE: 'From the environment' });
  const api = settingsClient(t);
  const set = async (values: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(values)) {
      const r = await api('PUT', `/api/settings/key/${key}`, { value });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
  };
  const pub = (url: string) => t.publicApp.inject({ method: 'GET', url });
  const admin = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: ReturnType<typeof multipart>) =>
    t.adminApp.inject({
      method,
      url,
      headers: { ...ADMIN_AUTH, ...body?.headers },
      ...(body ? { payload: body.payload } : {}),
    });
  const storage = () => t.config.storageRoot;

  afterEach(async () => {
    await t.container.db.deleteFrom('settings').execute();
    await t.container.services.settings.refresh();
    await rm(path.join(storage(), 'watermark.png'), { force: true });
  });

  it('display: defaults with the environment fallback, then the stored settings', async () => {
    expect((await pub('/api/config/display')).json()).toEqual({
      show_view_counts: true,
      show_tagline: true,
      tagline: 'From the environment',
    });
    await set({ 'display.show_view_counts': false, 'display.tagline': 'Stored' });
    expect((await pub('/api/config/display')).json()).toEqual({
      show_view_counts: false,
      show_tagline: true,
      tagline: 'Stored',
    });
  });

  it('downloads: {enabled:false} until enabled, then both switches', async () => {
    expect((await pub('/api/config/downloads')).json()).toEqual({ enabled: false });
    await set({ 'downloads.enabled': true });
    expect((await pub('/api/config/downloads')).json()).toEqual({
      enabled: true,
      allow_original: false,
      allow_transcoded: true,
    });
  });

  it('watermark text: off when disabled or empty, else the text and its placement', async () => {
    expect((await pub('/api/config/watermark')).json()).toEqual({ enabled: false });
    await set({ 'watermark.enabled': true, 'watermark.type': 'text' });
    expect((await pub('/api/config/watermark')).json()).toEqual({ enabled: false }); // no text
    await set({ 'watermark.text': '© VLog', 'watermark.position': 'top-left', 'watermark.opacity': 0.8 });
    expect((await pub('/api/config/watermark')).json()).toEqual({
      enabled: true,
      type: 'text',
      text: '© VLog',
      text_size: 16,
      text_color: 'white',
      position: 'top-left',
      opacity: 0.8,
      padding: 16,
    });
  });

  it('watermark image: upload, configure, serve publicly and to the admin, delete', async () => {
    const up = await admin(
      'POST',
      '/api/settings/watermark/upload',
      multipart({}, { name: 'Logo.PNG', content: PNG }),
    );
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ status: 'ok', path: 'watermark.png', size: PNG.length });
    expect(await readFile(path.join(storage(), 'watermark.png'))).toEqual(PNG);
    // Uploaded but not configured: nothing shows yet.
    expect((await pub('/api/config/watermark')).json()).toEqual({ enabled: false });
    expect((await admin('GET', '/api/settings/watermark')).json()).toMatchObject({
      image: '',
      image_exists: false,
      image_url: null,
    });

    await set({ 'watermark.enabled': true, 'watermark.image': 'watermark.png' });
    expect((await pub('/api/config/watermark')).json()).toEqual({
      enabled: true,
      type: 'image',
      image_url: '/watermark/image',
      position: 'bottom-right',
      opacity: 0.5,
      padding: 16,
      max_width_percent: 15,
    });
    const image = await pub('/watermark/image');
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['cache-control']).toBe('public, max-age=86400');
    expect(image.rawPayload).toEqual(PNG);
    expect((await admin('GET', '/api/settings/watermark')).json()).toMatchObject({
      enabled: true,
      image: 'watermark.png',
      image_exists: true,
      image_url: '/api/settings/watermark/image',
    });
    expect((await admin('GET', '/api/settings/watermark/image')).rawPayload).toEqual(PNG);

    // A second upload replaces the configured file in place.
    const again = await admin(
      'POST',
      '/api/settings/watermark/upload',
      multipart({}, { name: 'new.gif', content: Buffer.from('GIF89a') }),
    );
    expect(again.json()).toMatchObject({ path: 'watermark.png', size: 6 });

    const del = await admin('DELETE', '/api/settings/watermark');
    expect(del.statusCode, del.body).toBe(200);
    expect(del.json()).toMatchObject({ status: 'ok' });
    expect((await pub('/api/config/watermark')).json()).toEqual({ enabled: false });
    expect((await pub('/watermark/image')).json()).toEqual({ detail: 'Watermark image not found' });
    expect((await admin('DELETE', '/api/settings/watermark')).statusCode).toBe(404);
  });

  it('watermark image: 404s with the spec texts when disabled or unset', async () => {
    expect((await pub('/watermark/image')).json()).toEqual({ detail: 'Watermark not configured' });
    await set({ 'watermark.enabled': true });
    const r = await pub('/watermark/image');
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({ detail: 'Watermark not configured' });
    expect((await admin('GET', '/api/settings/watermark/image')).statusCode).toBe(404);
  });

  it('watermark image: a configured path outside storage is never served nor written', async () => {
    const outside = path.join(t.dataDir, 'secret.png');
    await writeFile(outside, 'outside storage');
    await mkdir(path.join(storage(), 'brand'), { recursive: true });
    await symlink(outside, path.join(storage(), 'brand', 'link.png'));
    await set({ 'watermark.enabled': true });
    for (const image of [
      '../secret.png',
      outside,
      'brand/../../secret.png',
      'brand/link.png',
      '.hidden.png',
    ]) {
      await set({ 'watermark.image': image });
      expect((await pub('/api/config/watermark')).json(), image).toEqual({ enabled: false });
      const r = await pub('/watermark/image');
      expect(r.statusCode, image).toBe(404);
      expect(r.json()).toEqual({ detail: 'Watermark image not found' });
      expect((await admin('GET', '/api/settings/watermark')).json()).toMatchObject({ image_exists: false });
      expect((await admin('DELETE', '/api/settings/watermark')).statusCode, image).toBe(404);
    }
    // An upload with an unsafe configured path goes to the default name instead.
    await set({ 'watermark.image': '../secret.png' });
    const up = await admin(
      'POST',
      '/api/settings/watermark/upload',
      multipart({}, { name: 'w.png', content: PNG }),
    );
    expect(up.json()).toMatchObject({ path: 'watermark.png' });
    expect(await readFile(outside, 'utf8')).toBe('outside storage');
  });

  it('watermark upload: bad extension 400, too large 413, no file 400; nothing left behind', async () => {
    const bad = await admin(
      'POST',
      '/api/settings/watermark/upload',
      multipart({}, { name: 'evil.html', content: PNG }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ detail: string }>().detail).toMatch(/^Invalid file type/);
    const none = await admin('POST', '/api/settings/watermark/upload', multipart({ note: 'x' }));
    expect(none.statusCode).toBe(400);
    await set({ 'storage.max_thumbnail_size_mb': 1 });
    const big = await admin(
      'POST',
      '/api/settings/watermark/upload',
      multipart({}, { name: 'big.png', content: Buffer.alloc(1024 * 1024 + 10, 1) }),
    );
    expect(big.statusCode).toBe(413);
    expect((await readdir(storage())).filter((f) => f.includes('watermark'))).toEqual([]);
  });
});
