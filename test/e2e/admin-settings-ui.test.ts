// The admin Settings tab in real Chromium against `vlog serve` (issue 11 point 4): categories as sub-tabs,
// a switch and a number saved through the UI and still there after a reload, the API's refusal of an
// out-of-range number shown by its field, export downloads the JSON, import reports its counts.
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminJson, withoutExpected400 } from '../helpers/admin-json.js';
import { openAdmin, useServerAndBrowser } from '../helpers/admin-page.js';

// A fresh install stores the environment's catalogued values at start-up: these give the tab two categories.
const SEEDED_ENV = {
  VLOG_DISPLAY_SHOW_VIEW_COUNTS: 'true',
  VLOG_DISPLAY_TAGLINE: 'Videos for everyone',
  VLOG_WATERMARK_ENABLED: 'false',
  VLOG_WATERMARK_TEXT_SIZE: '16',
  VLOG_WATERMARK_POSITION: 'bottom-right',
};

interface Setting {
  key: string;
  value: unknown;
}

const field = (page: Page, key: string) => page.locator(`.setting-row[data-setting-key="${key}"]`);

async function openCategory(page: Page, category: string): Promise<void> {
  await page.locator(`#settings-tab-${category}`).click();
  await page.locator(`#settings-panel-${category} .settings-list`).waitFor();
}

describe('admin Settings tab in Chromium', () => {
  const ctx = useServerAndBrowser(SEEDED_ENV);

  const stored = async (key: string) =>
    (await adminJson<Setting>(ctx.server, 'GET', `/api/settings/key/${key}`)).body.value;

  it('lists categories, saves a switch and a number, shows refusals, exports and imports', async () => {
    const { server, browser } = ctx;
    const { page, errors } = await openAdmin(browser, server, '#settings');

    // Categories from GET /api/settings/categories, the first one open.
    const tabs = page.locator('[role="tablist"][aria-label="Settings categories"] [role="tab"]');
    await tabs.first().waitFor();
    expect(await tabs.evaluateAll((els) => els.map((e) => e.getAttribute('data-category')))).toEqual([
      'display',
      'watermark',
    ]);
    await page.locator('#settings-panel-display .settings-list').waitFor();
    expect(await page.locator('#settings-tab-display').getAttribute('aria-selected')).toBe('true');
    // Keyboard: the arrow key moves to the next category.
    await page.locator('#settings-tab-display').focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#settings-tab-watermark').getAttribute('aria-selected')).toBe('true');

    // A switch saves as it is flipped.
    await openCategory(page, 'display');
    const views = field(page, 'display.show_view_counts');
    const viewsSwitch = views.locator('[role="switch"]');
    expect(await viewsSwitch.getAttribute('aria-checked')).toBe('true');
    await viewsSwitch.click();
    await expect.poll(() => views.locator('[data-testid="save-status"]').textContent()).toBe('Saved');
    expect(await viewsSwitch.getAttribute('aria-checked')).toBe('false');
    expect(await stored('display.show_view_counts')).toBe(false);

    // A number input honours the catalogue's limits and saves with its button.
    await openCategory(page, 'watermark');
    const size = field(page, 'watermark.text_size');
    const sizeInput = size.locator('input[type="number"]');
    expect(await sizeInput.getAttribute('min')).toBe('8');
    expect(await sizeInput.getAttribute('max')).toBe('72');
    await sizeInput.fill('24');
    await size.locator('[data-action="save"]').click();
    await expect.poll(() => size.locator('[data-testid="save-status"]').textContent()).toBe('Saved');
    expect(await stored('watermark.text_size')).toBe(24);

    // An enum is a select of the catalogue's values.
    const position = field(page, 'watermark.position');
    expect(await position.locator('select option').allTextContents()).toEqual([
      'top-left',
      'top-right',
      'bottom-left',
      'bottom-right',
      'center',
    ]);
    await position.locator('select').selectOption('top-left');
    await position.locator('[data-action="save"]').click();
    await expect.poll(() => position.locator('[data-testid="save-status"]').textContent()).toBe('Saved');
    expect(await stored('watermark.position')).toBe('top-left');

    // Out of range: the API's 400 is shown next to the field and nothing is stored.
    await sizeInput.fill('500');
    await sizeInput.press('Enter');
    const error = size.locator('[data-testid="setting-error"]');
    await expect.poll(() => error.textContent()).toMatch(/watermark\.text_size/);
    expect(await error.textContent()).toMatch(/72/);
    expect(await sizeInput.getAttribute('aria-invalid')).toBe('true');
    expect(await stored('watermark.text_size')).toBe(24);
    await page.screenshot({ path: '/tmp/ui2-settings.png', fullPage: true });

    // After a reload the stored values are shown.
    await page.reload();
    await page.locator('#settings-panel-display .settings-list').waitFor();
    expect(
      await field(page, 'display.show_view_counts').locator('[role="switch"]').getAttribute('aria-checked'),
    ).toBe('false');
    await openCategory(page, 'watermark');
    expect(await field(page, 'watermark.text_size').locator('input').inputValue()).toBe('24');

    // Export downloads the JSON of POST /api/settings/export.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#settings-export')]);
    expect(download.suggestedFilename()).toMatch(/^vlog-settings-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as {
      version: string;
      settings: Setting[];
    };
    expect(exported.version).toBe('1.0');
    expect(exported.settings.find((s) => s.key === 'watermark.text_size')?.value).toBe(24);
    expect(exported.settings.find((s) => s.key === 'display.show_view_counts')?.value).toBe(false);

    // Import: a new key is created, an existing one is kept unless "Overwrite" is chosen.
    const file = path.join(os.tmpdir(), `ui2-settings-import-${process.pid}.json`);
    const text30 = exported.settings.map((s) => (s.key === 'watermark.text_size' ? { ...s, value: 30 } : s));
    await writeFile(
      file,
      JSON.stringify({
        ...exported,
        settings: [...text30, { key: 'downloads.enabled', value: true, category: 'downloads' }],
      }),
    );
    const importOnce = async (overwrite: boolean) => {
      await page.click('#settings-import');
      await page.setInputFiles('#settings-import-file', file);
      if (overwrite) await page.check('#settings-import-overwrite');
      await page.click('#settings-import-submit');
      const result = page.locator('#settings-import-result');
      await result.waitFor();
      const count = async (name: string) =>
        Number(await result.locator(`[data-count="${name}"]`).textContent());
      const counts = {
        created: await count('created'),
        updated: await count('updated'),
        skipped: await count('skipped'),
      };
      await page.screenshot({ path: `/tmp/ui2-settings-import-${overwrite ? 'overwrite' : 'keep'}.png` });
      await page.locator('#settings-import-dialog .modal-footer button', { hasText: 'Close' }).click();
      return counts;
    };
    const n = exported.settings.length;
    expect(await importOnce(false)).toEqual({ created: 1, updated: 0, skipped: n });
    expect(await stored('watermark.text_size')).toBe(24);
    expect(await stored('downloads.enabled')).toBe(true);
    // The new category appears as a sub-tab.
    await page.locator('#settings-tab-downloads').waitFor();
    expect(await importOnce(true)).toEqual({ created: 0, updated: n + 1, skipped: 0 });
    expect(await stored('watermark.text_size')).toBe(30);
    await openCategory(page, 'watermark');
    expect(await field(page, 'watermark.text_size').locator('input').inputValue()).toBe('30');

    // Reset (confirmed) removes the stored value; the last one of a category takes its sub-tab with it.
    await openCategory(page, 'downloads');
    await field(page, 'downloads.enabled').locator('[data-action="reset"]').click();
    await page.click('#confirm-ok');
    await page.locator('#settings-tab-downloads').waitFor({ state: 'detached' });
    await page.locator('.toast', { hasText: 'downloads.enabled reset' }).waitFor();
    expect((await adminJson(server, 'GET', '/api/settings/key/downloads.enabled')).status).toBe(404);
    expect(await page.locator('#settings-tab-display').getAttribute('aria-selected')).toBe('true');

    // The one 400 is the out-of-range number's.
    expect(withoutExpected400(errors)).toEqual([]);
  });
});
