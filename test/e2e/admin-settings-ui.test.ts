// The admin Settings tab in real Chromium against `vlog serve`: every category of GET /api/settings/catalogue
// is a sub-tab on a fresh server; each setting says where its value comes from (stored, the environment,
// the default) and warns of a refused environment value; a never-stored key is saved (then stored) and
// Reset returns a setting to its fallback; a custom stored key is listed too; search filters across
// categories and `/` focuses it; a switch, a number and an enum save; the API's refusal of an out-of-range
// number is shown by its field; export downloads the JSON; import reports its counts.
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SettingsCatalogue } from '../../src/contracts/api/settings.contract.js';
import { adminJson, withoutExpected400 } from '../helpers/admin-json.js';
import { openAdmin, useServerAndBrowser } from '../helpers/admin-page.js';

// A fresh install stores the environment's valid catalogued values at start-up; the out-of-range text
// size is refused, so it stays at its default with a warning.
const SERVER_ENV = {
  VLOG_DISPLAY_SHOW_VIEW_COUNTS: 'true',
  VLOG_DISPLAY_TAGLINE: 'Videos for everyone',
  VLOG_WATERMARK_ENABLED: 'false',
  VLOG_WATERMARK_TEXT_SIZE: '500',
};

interface Setting {
  key: string;
  value: unknown;
}

const field = (page: Page, key: string) => page.locator(`.setting-row[data-setting-key="${key}"]`);
const source = (page: Page, key: string) => field(page, key).locator('.setting-source').textContent();

async function openCategory(page: Page, category: string): Promise<void> {
  await page.locator(`#settings-tab-${category}`).click();
  await page.locator(`#settings-panel-${category} .settings-list`).waitFor();
}

describe('admin Settings tab in Chromium', () => {
  const ctx = useServerAndBrowser(SERVER_ENV);

  const stored = async (key: string) =>
    (await adminJson<Setting>(ctx.server, 'GET', `/api/settings/key/${key}`)).body.value;

  it('lists every catalogued setting with its source, saves, resets and searches', async () => {
    const { server, browser } = ctx;
    const { page, errors } = await openAdmin(browser, server, '#settings');
    const catalogue = (await adminJson<SettingsCatalogue>(server, 'GET', '/api/settings/catalogue')).body;

    // Every category of the catalogue, in its order, the first one open; the Custom Fields manager's
    // sub-tab follows Watermark (ui.md §2.2).
    const tabs = page.locator('[role="tablist"][aria-label="Settings categories"] [role="tab"]');
    await tabs.first().waitFor();
    const categories = Object.keys(catalogue.categories);
    expect(categories.length).toBeGreaterThan(10);
    const afterWatermark = categories.indexOf('watermark') + 1;
    expect(await tabs.evaluateAll((els) => els.map((e) => e.getAttribute('data-category')))).toEqual([
      ...categories.slice(0, afterWatermark),
      'custom-fields',
      ...categories.slice(afterWatermark),
    ]);
    const first = categories[0] ?? '';
    await page.locator(`#settings-panel-${first} .settings-list`).waitFor();
    expect(await page.locator(`#settings-tab-${first}`).getAttribute('aria-selected')).toBe('true');
    expect(await page.locator(`#settings-panel-${first} .setting-row`).count()).toBe(
      catalogue.categories[first]?.length,
    );
    // Keyboard: the arrow key moves to the next category.
    await page.locator(`#settings-tab-${first}`).focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.locator(`#settings-tab-${categories[1]}`).getAttribute('aria-selected')).toBe('true');

    // Seeded at start-up: stored. Never stored: the default, with what it applies to.
    await openCategory(page, 'display');
    expect(await source(page, 'display.tagline')).toMatch(
      /^Stored in the database · updated .+ by auto-seed/,
    );
    expect(await source(page, 'display.show_tagline')).toBe('Default');
    expect(await field(page, 'display.show_tagline').locator('.setting-applies').textContent()).toBe(
      'Applies to: tagline on the public home page (server)',
    );
    expect(await field(page, 'display.show_tagline').locator('[data-action="reset"]').count()).toBe(0);
    await openCategory(page, 'metrics');
    expect(await source(page, 'metrics.auth_required')).toBe('Default');
    expect(await field(page, 'metrics.auth_required').locator('.setting-not-built').textContent()).toBe(
      'not yet built',
    );
    await openCategory(page, 'workers');
    expect(await field(page, 'workers.poll_interval').locator('.setting-applies').textContent()).toMatch(
      /^Applies to: .+ \(worker\)$/,
    );
    // The test harness's VLOG_WORKER_POLL_INTERVAL=0.5 (accepted by the server's config, never stored).
    expect(await source(page, 'workers.poll_interval')).toMatch(
      /^From the environment \(VLOG_WORKER_POLL_INTERVAL\) · Default: 10$/,
    );
    expect(await field(page, 'workers.poll_interval').locator('input').inputValue()).toBe('0.5');

    // Reset a seeded value: it follows the server's environment variable again.
    await openCategory(page, 'display');
    const tagline = field(page, 'display.tagline');
    await tagline.locator('[data-action="reset"]').click();
    await page.click('#confirm-ok');
    await expect
      .poll(() => source(page, 'display.tagline'))
      .toBe('From the environment (VLOG_DISPLAY_TAGLINE) · Default: (empty)');
    await expect.poll(() => tagline.locator('input').inputValue()).toBe('Videos for everyone');
    expect(await tagline.locator('[data-action="reset"]').count()).toBe(0);
    expect((await adminJson(server, 'GET', '/api/settings/key/display.tagline')).status).toBe(404);

    // A switch saves as it is flipped.
    const views = field(page, 'display.show_view_counts');
    const viewsSwitch = views.locator('[role="switch"]');
    expect(await viewsSwitch.getAttribute('aria-checked')).toBe('true');
    await viewsSwitch.click();
    await expect.poll(() => views.locator('[data-testid="save-status"]').textContent()).toBe('Saved');
    expect(await viewsSwitch.getAttribute('aria-checked')).toBe('false');
    expect(await stored('display.show_view_counts')).toBe(false);

    // The refused environment value: the default is used, and the field says why.
    await openCategory(page, 'watermark');
    const size = field(page, 'watermark.text_size');
    expect(await source(page, 'watermark.text_size')).toBe('Default');
    expect(await size.locator('[data-testid="env-warning"]').textContent()).toMatch(
      /^VLOG_WATERMARK_TEXT_SIZE is set but not used: .*72/,
    );
    await page.screenshot({ path: '/tmp/ui3-settings-watermark.png', fullPage: true });

    // A number never stored honours the catalogue's limits and is stored by Save.
    const sizeInput = size.locator('input[type="number"]');
    expect(await sizeInput.getAttribute('min')).toBe('8');
    expect(await sizeInput.getAttribute('max')).toBe('72');
    const sizeDefault = await sizeInput.inputValue();
    expect((await adminJson(server, 'GET', '/api/settings/key/watermark.text_size')).status).toBe(404);
    await sizeInput.fill('24');
    await size.locator('[data-action="save"]').click();
    await expect.poll(() => size.locator('[data-testid="save-status"]').textContent()).toBe('Saved');
    expect(await stored('watermark.text_size')).toBe(24);
    expect(await source(page, 'watermark.text_size')).toMatch(
      /^Stored in the database · updated .+ by admin · Default: /,
    );

    // An enum is a select of the catalogue's values; its default can be stored as it is.
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

    // After a reload the stored values are shown.
    await page.reload();
    await page.locator(`#settings-panel-${first} .settings-list`).waitFor();
    await openCategory(page, 'display');
    expect(
      await field(page, 'display.show_view_counts').locator('[role="switch"]').getAttribute('aria-checked'),
    ).toBe('false');
    await openCategory(page, 'watermark');
    expect(await field(page, 'watermark.text_size').locator('input').inputValue()).toBe('24');

    // Reset a stored value the environment does not give: back to the default, still warned about.
    await field(page, 'watermark.text_size').locator('[data-action="reset"]').click();
    await page.click('#confirm-ok');
    await expect.poll(() => source(page, 'watermark.text_size')).toBe('Default');
    // The input takes the fallback value in the effect after that render.
    await expect
      .poll(() => field(page, 'watermark.text_size').locator('input').inputValue())
      .toBe(sizeDefault);
    await page.locator('.toast', { hasText: 'watermark.text_size reset' }).waitFor();

    // Search: `/` focuses it; it filters by key and description across categories.
    await page.locator('#settings-tab-watermark').focus();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('settings-search');
    await page.keyboard.type('poll interval');
    const results = page.locator('#settings-results');
    await results.waitFor();
    expect(
      await results
        .locator('.setting-row')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-setting-key'))),
    ).toEqual(['workers.fallback_poll_interval', 'workers.poll_interval']);
    await page.screenshot({ path: '/tmp/ui3-settings-search.png' });
    await page.fill('#settings-search', 'opacity');
    await expect
      .poll(() =>
        results
          .locator('.setting-row')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-setting-key'))),
      )
      .toEqual(['watermark.opacity']);
    await page.fill('#settings-search', 'no such setting anywhere');
    await results.locator('.settings-no-match').waitFor();
    await page.fill('#settings-search', '');
    await page.locator('#settings-panel-watermark .settings-list').waitFor();

    // Export downloads the JSON of POST /api/settings/export.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#settings-export')]);
    expect(download.suggestedFilename()).toMatch(/^vlog-settings-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as {
      version: string;
      settings: Setting[];
    };
    expect(exported.version).toBe('1.0');
    expect(exported.settings.find((s) => s.key === 'watermark.position')?.value).toBe('top-left');
    expect(exported.settings.find((s) => s.key === 'display.show_view_counts')?.value).toBe(false);

    // Import: new keys are created (a custom, uncatalogued one too), existing ones kept unless "Overwrite".
    const file = path.join(os.tmpdir(), `ui3-settings-import-${process.pid}.json`);
    const left = exported.settings.map((s) =>
      s.key === 'watermark.position' ? { ...s, value: 'center' } : s,
    );
    await writeFile(
      file,
      JSON.stringify({
        ...exported,
        settings: [
          ...left,
          { key: 'downloads.enabled', value: true, category: 'downloads' },
          { key: 'custom.greeting', value: 'Hello', category: 'custom', description: 'A custom key' },
        ],
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
      await page.locator('#settings-import-dialog .modal-footer button', { hasText: 'Close' }).click();
      return counts;
    };
    const n = exported.settings.length;
    expect(await importOnce(false)).toEqual({ created: 2, updated: 0, skipped: n });
    expect(await stored('watermark.position')).toBe('top-left');
    expect(await stored('downloads.enabled')).toBe(true);
    expect(await importOnce(true)).toEqual({ created: 0, updated: n + 2, skipped: 0 });
    expect(await stored('watermark.position')).toBe('center');
    await openCategory(page, 'watermark');
    await expect.poll(() => field(page, 'watermark.position').locator('select').inputValue()).toBe('center');

    // The custom key is listed in its own category, stored; its Reset removes it and its sub-tab.
    await openCategory(page, 'custom');
    expect(await source(page, 'custom.greeting')).toMatch(/^Stored in the database/);
    expect(await field(page, 'custom.greeting').locator('.setting-applies').textContent()).toBe(
      'Custom setting (not catalogued)',
    );
    await page.screenshot({ path: '/tmp/ui3-settings-custom.png', fullPage: true });
    await field(page, 'custom.greeting').locator('[data-action="reset"]').click();
    await page.click('#confirm-ok');
    await page.locator('#settings-tab-custom').waitFor({ state: 'detached' });
    expect((await adminJson(server, 'GET', '/api/settings/key/custom.greeting')).status).toBe(404);
    expect(await page.locator(`#settings-tab-${first}`).getAttribute('aria-selected')).toBe('true');

    // The one 400 is the out-of-range number's.
    expect(withoutExpected400(errors)).toEqual([]);
  });
});
