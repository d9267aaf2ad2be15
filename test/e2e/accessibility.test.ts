// Accessibility in real Chromium (issue 13 §4): axe-core finds no serious or critical violation on home, a
// category, a tag, search results, a playlist, the watch page (player mounted, its dialogs and menus open), the
// embed page, the admin's login dialog, every admin tab (read from the tab bar, so new tabs are covered), every
// settings sub-tab, the video edit view and a confirm dialog. Also by keyboard: the skip link moves the focus to
// <main>, the shortcuts dialog keeps Tab inside and gives the focus back on Escape, the seek and volume sliders
// move with the arrow keys, and the live region announces the search result count.
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminJson, waitVideosReady } from '../helpers/admin-json.js';
import { openAdmin, uploadViaApi, useServerAndBrowser } from '../helpers/admin-page.js';
import { axeReport } from '../helpers/axe.js';
import { getClip } from '../helpers/media-clips.js';
import type { ServerProcess } from '../helpers/server-process.js';

const DESKTOP = { width: 1280, height: 900 };
/** Narrow screens lay the pages out differently (cards as rows, compact header): checked too. */
const MOBILE = { width: 390, height: 844 };
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });
type Player = { __vlogPlayer?: { video: HTMLVideoElement } };
const VIDEO_TITLE = 'Sunset Over The Bay';

interface Seeded {
  slug: string;
  category: string;
  tag: string;
  playlist: string;
}

async function post<T>(server: ServerProcess, path: string, body: unknown, method: 'POST' | 'PUT' = 'POST') {
  const res = await adminJson<T>(server, method, path, body);
  if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** One ready, featured video in a category, with a tag and two chapters, in a public playlist. */
async function seed(server: ServerProcess): Promise<Seeded> {
  const category = await post<{ id: number; slug: string }>(server, '/api/categories', {
    name: 'Nature Films',
    description: 'Slow films of quiet places.',
  });
  const tag = await post<{ id: number; slug: string }>(server, '/api/tags', { name: 'Sunset' });
  const video = await uploadViaApi(server, await getClip('landscape480x5s'), VIDEO_TITLE);
  await post(server, `/api/videos/${video.video_id}`, { category_id: category.id, is_featured: true }, 'PUT');
  await post(server, `/api/videos/${video.video_id}/tags`, { tag_ids: [tag.id] }, 'PUT');
  const playlist = await post<{ id: number; slug: string }>(server, '/api/playlists', {
    title: 'Evening Picks',
    description: 'Calm videos for the evening.',
  });
  await post(server, `/api/playlists/${playlist.id}/videos`, { video_id: video.video_id });
  for (const [title, start_time] of [
    ['Low tide', 0],
    ['Last light', 2.5],
  ] as const) {
    await post(server, `/api/videos/${video.video_id}/chapters`, { title, start_time });
  }
  await waitVideosReady(server, [video.video_id], 240_000);
  return { slug: video.slug, category: category.slug, tag: tag.slug, playlist: playlist.slug };
}

/** A page that records console errors and uncaught exceptions. */
async function openPage(env: { browser: Browser }, url: string) {
  const page = await env.browser.newPage({ viewport: DESKTOP });
  const errors: string[] = [];
  page.on(
    'console',
    (m) => m.type() === 'error' && errors.push(`console: ${m.text()} (${m.location().url})`),
  );
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(url);
  return { page, errors };
}

/** Waits until nothing on the page is busy loading (grids, roots and panels set aria-busy while they load). */
async function settled(page: Page): Promise<void> {
  await poll(() => page.locator('[aria-busy="true"]:visible').count()).toBe(0);
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
const focusInside = (page: Page, selector: string) =>
  page.evaluate((s) => Boolean(document.activeElement?.closest(s)), selector);

/** axe on the admin's dialogs, each opened from its tab and closed with Escape (the confirm dialog: Cancel). */
async function adminDialogReports(page: Page): Promise<string[]> {
  const reports: string[] = [];
  const row = page.locator('tr[data-video-id]', { hasText: VIDEO_TITLE });
  // [tab, button, what shows once open, name]
  const dialogs = [
    ['#tab-videos', '[data-action="edit"]', '#edit-video-dialog #edit-title', 'video edit'],
    ['#tab-videos', '[data-action="delete"]', '#confirm-dialog[open]', 'confirm dialog'],
    ['#tab-playlists', '#playlists-new', '#playlist-form-dialog #playlist-title', 'playlist form'],
    ['#tab-categories', '#field-create-first', 'dialog[open]', 'custom field form'],
  ] as const;
  for (const [tab, button, ready, name] of dialogs) {
    await page.click(tab);
    await (tab === '#tab-videos' ? row.locator(button) : page.locator(button)).click();
    await page.locator(ready).waitFor();
    await settled(page);
    reports.push(await axeReport(page, `admin ${name}`));
    await page.screenshot({ path: `/tmp/a11y-admin-${name.replace(/ /g, '-')}.png` });
    await page.keyboard.press('Escape');
    await page.locator('dialog[open]').waitFor({ state: 'detached' });
  }
  return reports;
}

describe('accessibility (axe-core) in Chromium', () => {
  const env = useServerAndBrowser();
  let seeded: Seeded;
  beforeAll(async () => {
    seeded = await seed(env.server);
  }, 300_000);

  it('public listing pages: no serious violation; skip link; result count announced', async () => {
    const reports: string[] = [];
    const paths = {
      home: '/',
      category: `/category/${seeded.category}`,
      tag: `/tag/${seeded.tag}`,
      search: '/search?q=sunset',
      playlist: `/playlist/${seeded.playlist}`,
    };
    for (const [name, path] of Object.entries(paths)) {
      const { page, errors } = await openPage(env, `${env.server.publicUrl}${path}`);
      await settled(page);
      await page.locator('.video-card, .card').first().waitFor();
      reports.push(await axeReport(page, name));
      await page.screenshot({ path: `/tmp/a11y-${name}.png`, fullPage: true });
      await page.setViewportSize(MOBILE);
      reports.push(await axeReport(page, `${name} at 390 px`));

      // The skip link is the first stop and moves the focus to <main>.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.className)).toContain('skip-link');
      await page.keyboard.press('Enter');
      expect(await focusedId(page)).toBe('main');
      if (name === 'search') {
        await poll(() => page.locator('#sr-announcer').textContent()).toBe('1 result');
      }
      expect(errors).toEqual([]);
      await page.close();
    }
    // Error states: an unknown category and an unknown video.
    for (const path of ['/category/no-such-category', '/watch/no-such-video']) {
      const { page } = await openPage(env, `${env.server.publicUrl}${path}`);
      await page.locator('.empty-state, .error-state').first().waitFor();
      await settled(page);
      reports.push(await axeReport(page, `${path} (not found)`));
      await page.close();
    }
    expect(reports.filter(Boolean).join('\n\n')).toBe('');
  });

  /** The watch page with its player mounted (the video's duration known). */
  async function openWatch(query = '') {
    const opened = await openPage(env, `${env.server.publicUrl}/watch/${seeded.slug}${query}`);
    await opened.page.waitForFunction(
      () => ((window as Player).__vlogPlayer?.video.duration ?? 0) > 0,
      undefined,
      { timeout: 30_000 },
    );
    await settled(opened.page);
    return opened;
  }

  it('watch page: the player, its chapters panel, speed menu and dialogs', async () => {
    const reports: string[] = [];
    const { page, errors } = await openWatch();
    reports.push(await axeReport(page, 'watch'));
    await page.screenshot({ path: '/tmp/a11y-watch.png', fullPage: true });
    await page.setViewportSize(MOBILE);
    reports.push(await axeReport(page, 'watch at 390 px'));
    await page.screenshot({ path: '/tmp/a11y-watch-mobile.png', fullPage: true });
    await page.setViewportSize(DESKTOP);

    // [name, opener, what opens, how it closes]: the chapters panel is a disclosure (its toggle closes it).
    const opened = [
      ['chapters panel', '#chapters-toggle', '#chapter-panel', 'toggle'],
      ['speed menu', '#speed-button', '#speed-list', 'Escape'],
      ['shortcuts dialog', '#shortcuts-button', '#player-shortcuts-dialog', 'Escape'],
      ['share dialog', '#share-button', '#share-dialog', 'Escape'],
    ] as const;
    for (const [name, opener, target, close] of opened) {
      await page.click(opener);
      await page.locator(`${target}:visible`).waitFor();
      reports.push(await axeReport(page, `watch, ${name} open`));
      await (close === 'toggle' ? page.click(opener) : page.keyboard.press('Escape'));
      await page.locator(target).waitFor({ state: 'hidden' });
    }
    expect(errors).toEqual([]);
    expect(reports.filter(Boolean).join('\n\n')).toBe('');
  });

  it('watch page by keyboard: seek and volume sliders, the focus trap and the focus given back', async () => {
    const { page, errors } = await openWatch();
    // Seek slider: ArrowRight moves aria-valuenow; volume slider (a native range): ArrowDown lowers it.
    const seek = page.locator('.sprite-timeline[role="slider"]');
    await seek.focus();
    const before = Number(await seek.getAttribute('aria-valuenow'));
    await page.keyboard.press('ArrowRight');
    await poll(async () => Number(await seek.getAttribute('aria-valuenow'))).toBeGreaterThan(before);
    const volume = page.locator('#player-volume');
    await volume.focus();
    const level = Number(await volume.inputValue());
    await page.keyboard.press('ArrowDown');
    await poll(async () => Number(await volume.inputValue())).toBeLessThan(level);
    await poll(() => volume.getAttribute('aria-valuetext')).toMatch(/^\d+ %$/);

    // The shortcuts dialog from its button: Tab stays inside, Escape closes it and the button has the focus.
    await page.locator('#shortcuts-button').focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('#player-shortcuts-dialog');
    await poll(() => dialog.isVisible()).toBe(true);
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await focusInside(page, '#player-shortcuts-dialog')).toBe(true);
      await page.keyboard.press('Shift+Tab');
      expect(await focusInside(page, '#player-shortcuts-dialog')).toBe(true);
    }
    await page.keyboard.press('Escape');
    await poll(() => dialog.isVisible()).toBe(false);
    expect(await focusedId(page)).toBe('shortcuts-button');
    expect(errors).toEqual([]);
  });

  it('watch page in a playlist, and the embed page', async () => {
    const reports: string[] = [];
    const inList = await openWatch(`?list=${seeded.playlist}`);
    await inList.page.locator('#playlist-position').waitFor();
    reports.push(await axeReport(inList.page, 'watch in a playlist'));
    expect(inList.errors).toEqual([]);

    const embed = await openPage(env, `${env.server.publicUrl}/embed/${seeded.slug}`);
    await embed.page.waitForFunction(() => ((window as Player).__vlogPlayer?.video.duration ?? 0) > 0);
    await settled(embed.page);
    reports.push(await axeReport(embed.page, 'embed'));
    await embed.page.screenshot({ path: '/tmp/a11y-embed.png' });
    expect(embed.errors).toEqual([]);
    expect(reports.filter(Boolean).join('\n\n')).toBe('');
  });

  it('admin: the login dialog, every tab and every settings sub-tab', async () => {
    const reports: string[] = [];
    const { server } = env;
    const { page, errors } = await openPage(env, `${server.adminUrl}/`);
    await page.locator('#login-dialog[open]').waitFor();
    reports.push(await axeReport(page, 'admin login dialog'));
    await page.fill('#login-secret', server.adminSecret);
    await page.locator('#login-form').evaluate((f: HTMLFormElement) => f.requestSubmit());
    await page.waitForSelector('#app', { state: 'visible' });

    const tabIds = await page.locator('#tabs [role="tab"]').evaluateAll((tabs) => tabs.map((t) => t.id));
    expect(tabIds.length).toBeGreaterThanOrEqual(7);
    for (const tabId of tabIds) {
      await page.click(`#${tabId}`);
      const panel = page.locator(`#${tabId.replace(/^tab-/, 'panel-')}`);
      await panel.waitFor({ state: 'visible' });
      await settled(page);
      reports.push(await axeReport(page, `admin ${tabId}`));
      await page.screenshot({ path: `/tmp/a11y-admin-${tabId}.png`, fullPage: true });
      // Sub-tabs inside a tab (Settings): each one too.
      const subTabs = await panel.locator('[role="tab"]').evaluateAll((tabs) => tabs.map((t) => t.id));
      for (const subId of subTabs) {
        await page.click(`[id="${subId}"]`);
        await settled(page);
        reports.push(await axeReport(page, `admin ${tabId} › ${subId}`));
      }
    }
    expect(errors).toEqual([]);
    expect(reports.filter(Boolean).join('\n\n')).toBe('');
  });

  it('admin: the edit view and dialogs, a narrow screen, the skip link', async () => {
    const { page, errors } = await openAdmin(env.browser, env.server, '#videos');
    const reports = await adminDialogReports(page);
    const row = page.locator('tr[data-video-id]', { hasText: VIDEO_TITLE });

    // The confirm dialog opened by keyboard keeps Tab inside and gives the focus back to its opener.
    await page.click('#tab-videos');
    await row.locator('[data-action="delete"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('#confirm-dialog[open]').waitFor();
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await focusInside(page, '#confirm-dialog')).toBe(true);
    }
    await page.keyboard.press('Escape');
    await page.locator('#confirm-dialog').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('delete');

    // Narrow screen: the videos table as cards, the compact header.
    await page.setViewportSize(MOBILE);
    reports.push(await axeReport(page, 'admin videos at 390 px'));
    await page.screenshot({ path: '/tmp/a11y-admin-mobile.png', fullPage: true });
    await page.setViewportSize(DESKTOP);

    // The skip link (Tab from the top of a fresh load), then the admin's `?` shortcuts help.
    await page.reload();
    await page.waitForSelector('#app', { state: 'visible' });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('skip-link');
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('main');
    await page.keyboard.press('Shift+Slash');
    await page.locator('dialog[open]').waitFor();
    reports.push(await axeReport(page, 'admin shortcuts dialog'));
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
    expect(reports.filter(Boolean).join('\n\n')).toBe('');
  });
});
