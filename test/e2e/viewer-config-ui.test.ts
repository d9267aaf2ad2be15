// The display and watermark settings on the public pages in real Chromium against `vlog serve` on
// PostgreSQL (settings seeded from the environment): a text watermark over the player at its position and
// opacity, the home page's tagline, view counts hidden on the cards, and the "Download original" link.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { CATALOGUE, seedCatalogue } from '../helpers/public-catalogue.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { createTestDb, type TestDatabase } from '../helpers/test-db.js';

describe('viewer settings on the public pages in Chromium', () => {
  let db: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    db = await createTestDb('postgres');
    await seedCatalogue(db.db);
    [server, browser] = await Promise.all([
      startServerProcess({
        VLOG_DATABASE_URL: db.url,
        VLOG_WATERMARK_ENABLED: 'true',
        VLOG_WATERMARK_TYPE: 'text',
        VLOG_WATERMARK_TEXT: '© Test Studio',
        VLOG_WATERMARK_POSITION: 'top-left',
        VLOG_WATERMARK_OPACITY: '0.7',
        VLOG_WATERMARK_TEXT_COLOR: 'rgb(255, 0, 0)',
        VLOG_DISPLAY_SHOW_VIEW_COUNTS: 'false',
        VLOG_DISPLAY_TAGLINE: 'Films from the harbour',
        VLOG_DOWNLOADS_ENABLED: 'true',
        VLOG_DOWNLOADS_ALLOW_ORIGINAL: 'true',
      }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await db?.close();
  });

  it('shows the text watermark over the player at its corner, with its opacity and colour', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const slug = CATALOGUE[0]!.slug;
    await page.goto(`${server.publicUrl}/watch/${slug}`);
    const mark = page.locator('.player-frame .player-watermark');
    await mark.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await mark.textContent()).toBe('© Test Studio');
    expect(await mark.getAttribute('aria-hidden')).toBe('true');
    const style = await mark.evaluate((el) => {
      const s = getComputedStyle(el);
      return { opacity: s.opacity, color: s.color, fontSize: s.fontSize, pointer: s.pointerEvents };
    });
    expect(style).toEqual({ opacity: '0.7', color: 'rgb(255, 0, 0)', fontSize: '16px', pointer: 'none' });
    // top-left, 16 px in from the frame's corner.
    const frame = (await page.locator('.player-frame').boundingBox())!;
    const box = (await mark.boundingBox())!;
    expect(Math.round(box.x - frame.x)).toBe(16);
    expect(Math.round(box.y - frame.y)).toBe(16);
    // Downloads and originals are on: the link points at the original download.
    const link = page.locator('a.download-original');
    await link.waitFor({ state: 'visible' });
    expect(await link.getAttribute('href')).toBe(`/api/videos/${slug}/download/original`);
    await page.close();
  });

  it('hides view counts on the cards and shows the tagline on the home page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server.publicUrl);
    await expect.poll(() => page.locator('#video-grid').getAttribute('aria-busy')).toBe('false');
    await expect.poll(() => page.locator('#site-tagline').isVisible()).toBe(true);
    expect(await page.locator('#site-tagline').textContent()).toBe('Films from the harbour');
    const views = page.locator('#video-grid .card-views');
    expect(await views.count()).toBeGreaterThan(0); // rendered, but not shown
    await expect.poll(() => views.first().isVisible()).toBe(false);
    await page.close();
  });
});
