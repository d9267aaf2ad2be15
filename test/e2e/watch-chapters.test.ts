// Chapters on the public watch page in real Chromium against `vlog serve` with its local worker: a
// transcoded video with two chapters shows a marker for each at start/duration on the seek bar; a marker
// and a panel item seek to their chapter; Shift+C and Ctrl+Shift+C move between chapters (not while typing);
// the playing chapter is named in the toolbar and marked in the panel as playback advances.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminJson, waitVideosReady } from '../helpers/admin-json.js';
import { uploadViaApi, useServerAndBrowser } from '../helpers/admin-page.js';
import { getClip } from '../helpers/media-clips.js';

const SCREENSHOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../.cache/screenshots/watch-chapters.png',
);
type Player = { __vlogPlayer?: { video: HTMLVideoElement } };

const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });
const currentTime = (page: Page) => page.evaluate(() => (window as Player).__vlogPlayer!.video.currentTime);
const currentItem = (page: Page) => page.locator('#chapter-panel [aria-current="true"]').textContent();

/** Where the middle of a marker sits on the seek bar, as a share of the bar's width. */
async function markerShare(page: Page, index: number): Promise<number> {
  const bar = await page.locator('.sprite-timeline').boundingBox();
  const marker = await page.locator('.chapter-marker').nth(index).boundingBox();
  if (!bar || !marker) throw new Error('seek bar or marker not laid out');
  return (marker.x + marker.width / 2 - bar.x) / bar.width;
}

describe('watch page chapters in Chromium', () => {
  const ctx = useServerAndBrowser();

  it('marks, lists and follows the chapters; markers, the panel and Shift+C seek', async () => {
    const { server, browser } = ctx;
    const { video_id: id, slug } = await uploadViaApi(
      server,
      await getClip('landscape480x5s'),
      'Two chapters',
    );
    await waitVideosReady(server, [id], 120_000);
    for (const chapter of [
      { title: 'Opening', start_time: 0, end_time: 2.5 },
      { title: 'Finale', start_time: 2.5 },
    ])
      expect((await adminJson(server, 'POST', `/api/videos/${id}/chapters`, chapter)).status).toBe(200);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()} (${msg.location().url})`);
    });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    await page.goto(`${server.publicUrl}/watch/${slug}`);
    await page.waitForFunction(() => ((window as Player).__vlogPlayer?.video.duration ?? 0) > 0, undefined, {
      timeout: 30_000,
    });

    await poll(() => page.locator('.chapter-marker').count()).toBe(2);
    await poll(() => markerShare(page, 0)).toBeCloseTo(0, 1);
    await poll(() => markerShare(page, 1)).toBeCloseTo(0.5, 1);
    await poll(() => page.locator('#chapter-now').textContent()).toBe('Opening');

    await page.keyboard.press('Shift+C');
    await poll(() => currentTime(page)).toBeCloseTo(2.5, 1);
    await poll(() => page.locator('#chapter-now').textContent()).toBe('Finale');
    await page.keyboard.press('Control+Shift+C');
    await poll(() => currentTime(page)).toBeCloseTo(0, 1);
    await poll(() => page.locator('#chapter-now').textContent()).toBe('Opening');

    await page.locator('.chapter-marker').nth(1).click();
    await poll(() => currentTime(page)).toBeCloseTo(2.5, 1);

    const toggle = page.locator('#chapters-toggle');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const items = page.locator('.chapter-panel-item');
    expect(await items.allTextContents()).toEqual(['0:00Opening', '0:02Finale']);
    await poll(() => currentItem(page)).toContain('Finale');
    await items.first().click();
    await poll(() => currentTime(page)).toBeCloseTo(0, 1);
    await poll(() => currentItem(page)).toContain('Opening');

    // Typing in the search box is not a shortcut.
    const search = page.locator('input[type="search"]').first();
    await search.focus();
    await page.keyboard.press('Shift+C');
    expect(await search.inputValue()).toBe('C');
    expect(await currentTime(page)).toBeCloseTo(0, 1);
    await search.fill('');

    // Playback moves the current chapter along.
    await page.evaluate(async () => {
      const v = (window as Player).__vlogPlayer!.video;
      v.muted = true;
      await v.play();
    });
    await poll(() => page.locator('#chapter-now').textContent()).toBe('Finale');
    await poll(() => currentItem(page)).toContain('Finale');
    await page.evaluate(() => (window as Player).__vlogPlayer!.video.pause());
    await items.last().focus();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // Escape closes the panel and gives the focus back to its button.
    await page.keyboard.press('Escape');
    expect(await page.locator('#chapter-panel').isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('chapters-toggle');
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
