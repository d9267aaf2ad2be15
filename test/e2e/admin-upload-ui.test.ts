// The admin Upload tab in real Chromium against the real server: validation messages, byte progress of a
// throttled upload and its Cancel (nothing reaches the list), then a real upload into a new category that
// lands on the Videos tab — with no console error.
import type { Browser, CDPSession, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { listTitles, openAdmin, useServerAndBrowser } from '../helpers/admin-page.js';
import { getClip } from '../helpers/media-clips.js';
import type { ServerProcess } from '../helpers/server-process.js';

const progressValue = (page: Page) =>
  page.locator('#upload-progress').evaluate((p: HTMLProgressElement) => p.value);

describe('admin Upload tab in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let cdp: CDPSession;

  const env = useServerAndBrowser();

  beforeAll(async () => {
    ({ server, browser } = env);
    ({ page, errors } = await openAdmin(browser, server, '#upload'));
    cdp = await page.context().newCDPSession(page);
  });

  it('says what is missing: a file, a supported type, a title', async () => {
    await page.click('#upload-submit');
    await expect.poll(() => page.textContent('#upload-error')).toBe('Choose a video file to upload.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('upload-file');

    await page.setInputFiles('#upload-file', {
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not a video'),
    });
    await expect.poll(() => page.textContent('#upload-error')).toContain('Unsupported file type “.txt”');

    await page.setInputFiles('#upload-file', await getClip('landscape480x5s'));
    // The title is suggested from the file name; the error of the previous file is gone.
    expect(await page.inputValue('#upload-title')).toBe('landscape480x5s');
    expect(await page.isHidden('#upload-error')).toBe(true);
    await page.fill('#upload-title', '   ');
    await page.click('#upload-submit');
    await expect.poll(() => page.textContent('#upload-error')).toBe('Title is required.');
    expect(await page.getAttribute('#upload-title', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('upload-title');
    await page.screenshot({ path: '/tmp/ui1-upload-validation.png' });
    expect(await listTitles(server)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows byte progress while uploading and Cancel stops it', async () => {
    // 256 kB/s: the 8-second 720p clip takes several seconds, long enough to watch and cancel.
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 256 * 1024,
    });
    await page.setInputFiles('#upload-file', await getClip('landscape720x8s'));
    await page.fill('#upload-title', 'Cancelled upload');
    await page.click('#upload-submit');
    await expect.poll(() => progressValue(page), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await progressValue(page)).toBeLessThan(100);
    expect(await page.textContent('#upload-progress-text')).toMatch(/^\d+% · [\d.]+ \w?B of [\d.]+ \w?B/);
    expect(await page.isDisabled('#upload-title')).toBe(true);
    await page.screenshot({ path: '/tmp/ui1-upload-progress.png' });

    await page.click('#upload-cancel');
    await expect.poll(() => page.textContent('#upload-result')).toBe('Upload cancelled.');
    expect(await page.isHidden('#upload-cancel')).toBe(true);
    expect(await page.isEnabled('#upload-submit')).toBe(true);
    expect(await page.isEnabled('#upload-title')).toBe(true);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    expect(await listTitles(server)).not.toContain('Cancelled upload');
    expect(errors).toEqual([]);
  });

  it('uploads into a new category, then shows the new row on the Videos tab', async () => {
    await page.fill('#upload-title', 'Uploaded from the tab');
    await page.fill('#upload-description', 'Made by the browser test');
    await page.click('#new-category-toggle');
    await page.fill('#new-category-name', 'Travel');
    await page.press('#new-category-name', 'Enter');
    await expect.poll(() => page.locator('#upload-category option:checked').textContent()).toBe('Travel');
    await page.click('#upload-submit');

    await expect
      .poll(() => page.getAttribute('#tab-videos', 'aria-selected'), { timeout: 30_000 })
      .toBe('true');
    const row = page.locator('tr[data-video-id]', { hasText: 'Uploaded from the tab' });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('Travel');
    await expect.poll(() => page.textContent('#toast-region')).toContain('Upload complete');
    await page.screenshot({ path: '/tmp/ui1-upload-done.png' });

    // Back on the Upload tab: the form is reset, the bar full, the slug shown.
    await page.click('#tab-upload');
    expect(await progressValue(page)).toBe(100);
    expect(await page.textContent('#upload-result-slug')).toBe('uploaded-from-the-tab');
    expect(await page.inputValue('#upload-title')).toBe('');
    expect(await page.isHidden('#upload-file-info')).toBe(true);
    expect(await listTitles(server)).toContain('Uploaded from the tab');
    expect(errors).toEqual([]);
  });
});
