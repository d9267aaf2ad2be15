// The Watermark sub-tab of the admin Settings tab in real Chromium against `vlog serve`: uploading an
// image shows its preview (served by GET /api/settings/watermark/image with the session cookie) and points
// watermark.image at it; with the watermark enabled the public player config offers it; Delete removes it.
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { adminJson } from '../helpers/admin-json.js';
import { openAdmin, useServerAndBrowser } from '../helpers/admin-page.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('admin watermark image in Chromium', () => {
  const ctx = useServerAndBrowser({ VLOG_WATERMARK_ENABLED: 'true' });

  it('uploads, previews and deletes the watermark image', async () => {
    const { server, browser } = ctx;
    const { page } = await openAdmin(browser, server, '#settings');
    await page.locator('#settings-tab-watermark').click();
    const section = page.locator('#settings-panel-watermark #watermark-image');
    await section.waitFor();
    await expect.poll(() => section.textContent()).toContain('No watermark image uploaded');

    const file = path.join(os.tmpdir(), `vlog-logo-${process.pid}.png`);
    await writeFile(file, PNG);
    await page.locator('#watermark-file').setInputFiles(file);
    const preview = page.locator('#watermark-preview');
    await preview.waitFor({ state: 'visible', timeout: 15_000 });
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);

    const setting = await adminJson<{ value: string }>(server, 'GET', '/api/settings/key/watermark.image');
    expect(setting.body.value).toBe('watermark.png');
    const pub = await fetch(`${server.publicUrl}/api/config/watermark`);
    expect(await pub.json()).toMatchObject({ enabled: true, type: 'image', image_url: '/watermark/image' });

    await page.locator('#watermark-delete').click();
    await page.locator('#confirm-ok').click();
    await expect.poll(() => section.textContent()).toContain('No file at watermark.png');
    expect(await preview.count()).toBe(0);
    await page.close();
  });
});
