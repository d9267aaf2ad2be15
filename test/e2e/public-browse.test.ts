// The public pages in real Chromium against `vlog serve` on PostgreSQL, with a catalogue seeded straight into
// the database (test/helpers/public-catalogue.ts): home (hero, chips, filter bar, preferences), category and tag
// pages (with the custom-field filter), search results with highlights, and the watch page's breadcrumb, tags
// and related videos. Desktop and 390 px screenshots go to /tmp/pages-*.png.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { seedCatalogue } from '../helpers/public-catalogue.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { createTestDb, type TestDatabase } from '../helpers/test-db.js';

const DESKTOP = { width: 1280, height: 900 };
const MOBILE = { width: 390, height: 844 };

interface PublicPage {
  page: Page;
  errors: string[];
}

describe('public pages in Chromium', () => {
  let db: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    db = await createTestDb('postgres');
    await seedCatalogue(db.db);
    [server, browser] = await Promise.all([
      startServerProcess({ VLOG_DATABASE_URL: db.url }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await db?.close();
  });

  /** A page on the public site that records console errors and uncaught exceptions. */
  async function open(path: string, viewport = DESKTOP): Promise<PublicPage> {
    const page = await browser.newPage({ viewport });
    const errors: string[] = [];
    page.on('console', (msg) => {
      // Seeded videos have no media files: thumbnails and streams under /videos/ 404 by design (the card
      // shows a placeholder, the player its error message).
      if (msg.type() === 'error' && !new URL(msg.location().url).pathname.startsWith('/videos/')) {
        errors.push(`console: ${msg.text()} (${msg.location().url})`);
      }
    });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    await page.goto(`${server.publicUrl}${path}`);
    return { page, errors };
  }

  const titles = (page: Page) => page.locator('#video-grid li.video-card .card-title').allTextContents();
  /** Waits for the grid to settle (not busy) and returns its titles. */
  async function settledTitles(page: Page): Promise<string[]> {
    await expect.poll(() => page.locator('#video-grid').getAttribute('aria-busy')).toBe('false');
    return titles(page);
  }
  /** Runs `action` and returns the query of the `GET /api/videos` list request it caused. */
  async function listRequest(page: Page, action: () => Promise<unknown>): Promise<URLSearchParams> {
    const [request] = await Promise.all([
      page.waitForRequest((r) => new URL(r.url()).pathname === '/api/videos'),
      action(),
    ]);
    return new URL(request.url()).searchParams;
  }

  it('home: featured hero, category chips filter the grid, reflected in the URL', async () => {
    const { page, errors } = await open('/');
    await expect.poll(() => page.locator('#hero .hero-title').textContent()).toBe('Island Hopping Diary');
    expect(await settledTitles(page)).toHaveLength(7); // the unpublished draft never shows
    expect(await page.locator('#result-summary').textContent()).toBe('7 videos found');
    const views = page.locator('li[data-slug="unplugged-ballads"] .card-views');
    expect(await views.textContent()).toBe('12 views');
    expect(await page.locator('li[data-slug="garage-rock-rehearsal"] .card-views').count()).toBe(0);
    await page.screenshot({ path: '/tmp/pages-home-desktop.png', fullPage: true });

    // Keyboard: a chip is a toggle button, Space presses it.
    const music = page.locator('#category-chips button', { hasText: 'Music' });
    await music.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => music.getAttribute('aria-pressed')).toBe('true');
    expect(await settledTitles(page)).toHaveLength(3);
    const travel = page.locator('#category-chips button', { hasText: 'Travel' });
    const query = await listRequest(page, () => travel.click());
    expect(query.get('category')).toBe('travel');
    expect(await travel.getAttribute('aria-pressed')).toBe('true');
    expect(await settledTitles(page)).toEqual([
      'Beach Walk at Sunrise',
      'Mountain Pass Drive',
      'Island Hopping Diary',
    ]);
    expect(await page.locator('#section-title').textContent()).toBe('Travel');
    expect(new URL(page.url()).searchParams.get('category')).toBe('travel');
    await page.reload();
    expect(await settledTitles(page)).toHaveLength(3);
    await expect
      .poll(() => page.locator('#category-chips button[aria-pressed="true"]').textContent())
      .toBe('Travel');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('home: sort and duration selects change the request and the order; preferences survive a reload', async () => {
    const { page, errors } = await open('/');
    await settledTitles(page);
    let query = await listRequest(page, () => page.selectOption('#sort-select', 'duration-asc'));
    expect([query.get('sort'), query.get('order')]).toEqual(['duration', 'asc']);
    expect((await settledTitles(page)).slice(0, 3)).toEqual([
      'Kitchen Table Talk',
      'Beach Walk at Sunrise',
      'Garage Rock Rehearsal',
    ]);
    query = await listRequest(page, () => page.selectOption('#duration-select', 'medium'));
    expect(query.get('duration')).toBe('medium');
    expect(await settledTitles(page)).toEqual(['Unplugged Ballads', 'Island Hopping Diary']);
    await page.click('#view-list');
    expect(await page.locator('#video-grid').getAttribute('class')).toContain('is-list');

    // Preferences are stored; a fresh visit of / (no query) applies them.
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('vlog_preferences') ?? '{}'));
    expect(stored).toEqual({ sortBy: 'duration-asc', durationFilter: 'medium', viewMode: 'list' });
    query = await listRequest(page, () => page.goto(`${server.publicUrl}/`));
    expect([query.get('sort'), query.get('order'), query.get('duration')]).toEqual([
      'duration',
      'asc',
      'medium',
    ]);
    expect(await settledTitles(page)).toEqual(['Unplugged Ballads', 'Island Hopping Diary']);
    expect(await page.inputValue('#sort-select')).toBe('duration-asc');
    expect(await page.inputValue('#duration-select')).toBe('medium');
    expect(await page.locator('#view-list').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('#video-grid').getAttribute('class')).toContain('is-list');
    await page.screenshot({ path: '/tmp/pages-home-list.png', fullPage: true });

    // Back to every length, A–Z.
    await page.selectOption('#duration-select', '');
    await page.selectOption('#sort-select', 'title-asc');
    expect((await settledTitles(page)).slice(0, 2)).toEqual([
      'Beach Walk at Sunrise',
      'Garage Rock Rehearsal',
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('tag page lists the tagged videos; unknown and malformed slugs show the 404 state', async () => {
    const { page, errors } = await open('/tag/live');
    await expect.poll(() => page.locator('#section-title').textContent()).toBe('#Live');
    expect(await page.locator('#listing-count').textContent()).toBe('3 videos');
    expect(await settledTitles(page)).toEqual([
      'Harbour Jazz Session',
      'Garage Rock Rehearsal',
      'Island Hopping Diary',
    ]);
    expect(await page.locator('#breadcrumb li').allTextContents()).toEqual(['Home', '#Live']);
    expect(errors).toEqual([]);
    for (const path of ['/tag/nowhere', '/tag/Bad_Slug', '/category/nowhere']) {
      await page.goto(`${server.publicUrl}${path}`);
      await expect
        .poll(() => page.locator('#not-found h1').textContent())
        .toMatch(/^(Tag|Category) not found$/);
    }
    await page.close();
  });

  it('category page: header, and the custom select field filters the grid', async () => {
    const { page, errors } = await open('/category/music');
    await expect.poll(() => page.locator('#section-title').textContent()).toBe('Music');
    expect(await page.locator('#listing-description').textContent()).toBe(
      'Concerts, rehearsals and sessions.',
    );
    expect(await settledTitles(page)).toHaveLength(3);
    const genre = page.locator('#custom-filter-genre');
    await genre.waitFor();
    expect(await genre.locator('option').allTextContents()).toEqual(['Any', 'Jazz', 'Rock', 'Folk']);
    const query = await listRequest(page, () => genre.selectOption('Jazz'));
    expect(query.get('custom.genre')).toBe('Jazz');
    expect(await settledTitles(page)).toEqual(['Harbour Jazz Session', 'Unplugged Ballads']);
    expect(new URL(page.url()).searchParams.get('custom.genre')).toBe('Jazz');
    await page.screenshot({ path: '/tmp/pages-category-desktop.png', fullPage: true });
    await genre.selectOption('Folk');
    await expect
      .poll(() => page.locator('#grid-state .empty-title').textContent())
      .toBe('No videos in this category match.');
    expect(await page.locator('#result-summary').textContent()).toBe('0 videos found');
    expect(errors).toEqual([]);
    await page.close();

    const mobile = await open('/category/music', MOBILE);
    expect(await settledTitles(mobile.page)).toHaveLength(3);
    await mobile.page.screenshot({ path: '/tmp/pages-category-mobile.png', fullPage: true });
    expect(mobile.errors).toEqual([]);
    await mobile.page.close();
  });

  it('search: the header form opens results with highlighted snippets, filters and a clear button', async () => {
    const { page, errors } = await open('/');
    await page.fill('#search-input', 'saxophone');
    await page.press('#search-input', 'Enter');
    await page.waitForURL(/\/search\?q=saxophone/);
    expect((await settledTitles(page)).sort()).toEqual(['Harbour Jazz Session', 'Island Hopping Diary']);
    expect(await page.locator('#result-summary').textContent()).toBe('2 results');
    expect(await page.inputValue('#sort-select')).toBe('relevance');
    const marks = page.locator('#video-grid mark');
    expect((await marks.allTextContents()).map((m) => m.toLowerCase())).toContain('saxophone');
    await page.screenshot({ path: '/tmp/pages-search-desktop.png', fullPage: true });

    // The category select brings that category's custom-field filter.
    await page.selectOption('#category-select', 'music');
    await expect.poll(() => titles(page)).toEqual(['Harbour Jazz Session']);
    await page.locator('#custom-filter-genre').waitFor();
    const query = await listRequest(page, () => page.selectOption('#custom-filter-genre', 'Rock'));
    expect([query.get('search'), query.get('category'), query.get('custom.genre')]).toEqual([
      'saxophone',
      'music',
      'Rock',
    ]);
    await expect
      .poll(() => page.locator('#grid-state .empty-title').textContent())
      .toBe('No videos match “saxophone”.');
    await page.click('#clear-search');
    await page.waitForURL((url) => url.pathname === '/' && !url.searchParams.has('q'));
    expect(errors).toEqual([]);
    await page.close();

    // Old `/?search=` links land on the search page.
    const mobile = await open('/?search=beach', MOBILE);
    await mobile.page.waitForURL(
      (url) => url.pathname === '/search' && url.searchParams.get('q') === 'beach',
    );
    expect(await settledTitles(mobile.page)).toContain('Beach Walk at Sunrise');
    await mobile.page.screenshot({ path: '/tmp/pages-search-mobile.png', fullPage: true });
    expect(mobile.errors).toEqual([]);
    await mobile.page.close();
  });

  it('watch page: breadcrumb, category link and tag chips', async () => {
    const { page, errors } = await open('/watch/harbour-jazz-session');
    const crumbs = page.locator('#breadcrumb li');
    await expect.poll(() => crumbs.allTextContents()).toEqual(['Home', 'Music', 'Harbour Jazz Session']);
    expect(await page.locator('#breadcrumb a').nth(1).getAttribute('href')).toBe('/category/music');
    expect(await page.locator('#breadcrumb [aria-current="page"]').textContent()).toBe(
      'Harbour Jazz Session',
    );
    const tags = page.locator('.watch-details .tag-chip');
    expect(await tags.allTextContents()).toEqual(['#Acoustic', '#Live']);
    expect(await tags.first().getAttribute('href')).toBe('/tag/acoustic');
    expect(await page.locator('.watch-meta-row a.chip').getAttribute('href')).toBe('/category/music');
    expect(errors).toEqual([]);
    await page.close();

    const mobile = await open('/watch/harbour-jazz-session', MOBILE);
    await mobile.page.locator('#breadcrumb [aria-current="page"]').waitFor();
    await mobile.page.locator('#related-list li.video-card').first().waitFor();
    await mobile.page.screenshot({ path: '/tmp/pages-watch-mobile.png', fullPage: true });
    await mobile.page.close();
  });

  it('watch page: related videos in tier order, each linking to its watch page', async () => {
    const { page, errors } = await open('/watch/harbour-jazz-session');
    const related = page.locator('#related-list li.video-card');
    await expect.poll(() => page.locator('#related-list').getAttribute('aria-busy')).toBe('false');
    const slugs = await related.evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.slug));
    expect(slugs).not.toContain('harbour-jazz-session');
    // Tiers: same category and a shared tag, then a shared tag, then the most recent others.
    expect(slugs).toEqual([
      'garage-rock-rehearsal',
      'unplugged-ballads',
      'island-hopping-diary',
      'beach-walk-at-sunrise',
      'mountain-pass-drive',
      'kitchen-table-talk',
    ]);
    await page.screenshot({ path: '/tmp/pages-watch-desktop.png', fullPage: true });
    await related.first().locator('a.card-link').click();
    await page.waitForURL(/\/watch\/garage-rock-rehearsal$/);
    await expect.poll(() => page.locator('#video-title').textContent()).toBe('Garage Rock Rehearsal');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('"Load more" pages by cursor (date) and by offset (other orders) without repeats; errors offer a retry', async () => {
    // A category of its own, so the other tests' lists (and the server's list cache) are untouched.
    const category = await db.db
      .insertInto('categories')
      .values({ name: 'Archive Reel', slug: 'archive-reel' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 1; i <= 30; i++) {
      await db.db
        .insertInto('videos')
        .values({
          title: `Reel ${String(i).padStart(2, '0')}`,
          slug: `reel-${i}`,
          category_id: category.id,
          duration: 1000 - i,
          status: 'ready',
          published_at: new Date(Date.now() - i * 60_000),
        })
        .execute();
    }
    const { page, errors } = await open('/category/archive-reel');
    expect(await settledTitles(page)).toHaveLength(24);
    let query = await listRequest(page, () => page.click('#load-more'));
    expect(query.get('cursor')).toBeTruthy();
    await expect.poll(() => titles(page)).toHaveLength(30);
    expect(new Set(await titles(page)).size).toBe(30);
    await expect.poll(() => page.locator('#load-more').isHidden()).toBe(true);
    // Focus moves to the first new card so keyboard users continue there.
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.dataset.slug)).toBe('reel-25');

    await page.selectOption('#sort-select', 'duration-desc');
    expect(await settledTitles(page)).toHaveLength(24);
    query = await listRequest(page, () => page.click('#load-more'));
    expect([query.get('cursor'), query.get('offset')]).toEqual([null, '24']);
    await expect.poll(() => titles(page)).toHaveLength(30);
    expect(new Set(await titles(page)).size).toBe(30);

    // A failing list shows the error state; "Try again" loads it.
    await page.route('**/api/videos?*', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: '{"detail":"Service busy"}' }),
    );
    await page.selectOption('#duration-select', 'medium');
    await expect
      .poll(() => page.locator('#grid-state [role="alert"]').textContent())
      .toContain('Service busy');
    await page.screenshot({ path: '/tmp/pages-error-state.png' });
    await page.unroute('**/api/videos?*');
    await page.locator('#grid-state button', { hasText: 'Try again' }).click();
    expect(await settledTitles(page)).toHaveLength(24);
    // The one expected console error is the 503 this test made.
    expect(errors.filter((e) => !e.includes('503'))).toEqual([]);
    await page.close();
  });
});
