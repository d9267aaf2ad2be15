// Issue 12's acceptance test in real Chromium against one `vlog serve` with its local worker: three short
// videos are uploaded and transcoded; then, through the admin UI only, two tags are created (Tags tab) and
// attached (Edit Video modal's tag picker), a category with a select custom field is created (Categories tab
// and its field manager), and two videos are put in it and given a value (Edit Video modal). On the public
// site: a tag chip opens the tag page listing exactly the tagged videos, and the category page's custom-field
// select narrows the grid to the matching video. No page logs a console error. (The playlist and chapter
// steps follow as the playlist page and the watch page's chapter markers land.)
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminJson } from '../helpers/admin-json.js';
import { openAdmin, uploadViaApi, useServerAndBrowser } from '../helpers/admin-page.js';
import { getClip } from '../helpers/media-clips.js';
import type { ServerProcess } from '../helpers/server-process.js';
import { waitFor } from '../helpers/wait.js';

interface Uploaded {
  video_id: number;
  slug: string;
  title: string;
}

const TITLES = ['Harbour Dawn', 'Lighthouse Night', 'Cliff Path'] as const;
const TAGS = { coastal: 'Coastal', night: 'Night' } as const;
const CATEGORY = 'Seaside';
const FIELD = { name: 'Region', slug: 'region', options: ['North', 'South'] } as const;
/** Generous waits: the machine is shared and loaded. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 30_000 });

/** Uploads the three clips (published on upload) and waits until the local worker made all of them ready. */
async function uploadReadyVideos(server: ServerProcess): Promise<Uploaded[]> {
  const clip = await getClip('landscape480x5s');
  const uploaded: Uploaded[] = [];
  for (const title of TITLES) uploaded.push({ ...(await uploadViaApi(server, clip, title)), title });
  await waitFor(
    async () => {
      const { body } = await adminJson<{ videos: Array<{ id: number; status: string }> }>(
        server,
        'GET',
        '/api/videos?limit=100',
      );
      const ours = body.videos.filter((v) => uploaded.some((u) => u.video_id === v.id));
      if (ours.some((v) => v.status === 'failed')) throw new Error(`a transcode failed\n${server.output()}`);
      return ours.length === 3 && ours.every((v) => v.status === 'ready') ? true : undefined;
    },
    { timeoutMs: 150_000, intervalMs: 500, what: 'three ready videos' },
  );
  return uploaded;
}

/** Tags tab: adds each tag by name and waits for its row. */
async function createTags(page: Page): Promise<void> {
  await page.click('#tab-tags');
  await page.locator('#tag-name').waitFor();
  for (const name of Object.values(TAGS)) {
    await page.fill('#tag-name', name);
    await page.click('#tag-add');
    await page.locator(`#tags-list li[data-slug="${name.toLowerCase()}"]`).waitFor();
  }
}

/** Categories tab: adds the category, then its select field through the field manager's dialog. */
async function createCategoryWithSelectField(page: Page): Promise<void> {
  await page.click('#tab-categories');
  await page.fill('#category-name', CATEGORY);
  await page.click('#category-add');
  await page.locator(`#categories-list li[data-slug="${CATEGORY.toLowerCase()}"]`).waitFor();
  await page.click('#field-create-first');
  await page.locator('#field-dialog').waitFor();
  await page.fill('#field-name', FIELD.name);
  await page.selectOption('#field-type', 'select');
  await page.selectOption('#field-scope', { label: CATEGORY });
  const options = page.locator('#field-options .option-input');
  for (const [i, option] of FIELD.options.entries()) await options.nth(i).fill(option);
  await page.click('#field-save');
  await page.locator('#field-dialog').waitFor({ state: 'detached' });
  await page.locator(`li[data-field-slug="${FIELD.slug}"]`).waitFor();
}

/** Opens a video's Edit Video modal from the Videos tab. */
async function openEdit(page: Page, video: Uploaded): Promise<void> {
  await page.click('#tab-videos');
  const row = page.locator(`#videos-table tr[data-video-id="${video.video_id}"]`);
  await row.locator('[data-action="edit"]').click();
  await page.locator('#edit-video-dialog #edit-title').waitFor();
}

async function saveEdit(page: Page, video: Uploaded): Promise<void> {
  await page.click('#edit-save');
  await page.locator('#edit-video-dialog').waitFor({ state: 'detached' });
  await page
    .locator('.toast', { hasText: `Saved “${video.title}”` })
    .last()
    .waitFor();
}

/** Edit Video modal: picks an existing tag by name and, if given, the category; saves. */
async function tagAndCategorise(page: Page, video: Uploaded, tag: string, category?: string): Promise<void> {
  await openEdit(page, video);
  if (category) await page.selectOption('#edit-category', { label: category });
  await page.fill('#edit-tag-input', tag);
  await page.press('#edit-tag-input', 'Enter');
  await page.locator('#edit-tags [data-tag-id]', { hasText: tag }).waitFor();
  await saveEdit(page, video);
}

/** Edit Video modal (reopened once the category is saved, so the category's field is offered): sets the select. */
async function setField(page: Page, video: Uploaded, value: string): Promise<void> {
  await openEdit(page, video);
  const select = page.locator(`#video-custom-fields [data-custom-field="${FIELD.slug}"] select`);
  await select.selectOption(value);
  await saveEdit(page, video);
}

interface PublicPage {
  page: Page;
  errors: string[];
}

async function openPublic(browser: Browser, server: ServerProcess, path: string): Promise<PublicPage> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  await page.goto(`${server.publicUrl}${path}`);
  return { page, errors };
}

/** The grid's titles once it has settled. */
async function gridTitles(page: Page): Promise<string[]> {
  await poll(() => page.locator('#video-grid').getAttribute('aria-busy')).toBe('false');
  return (await page.locator('#video-grid li.video-card .card-title').allTextContents()).sort();
}

describe('issue 12 acceptance in Chromium', () => {
  const ctx = useServerAndBrowser();

  it('organises through the admin UI, then filters by tag and by the custom field', async () => {
    const { server, browser } = ctx;
    const videos = await uploadReadyVideos(server);
    const [harbour, lighthouse, cliff] = videos as [Uploaded, Uploaded, Uploaded];

    const admin = await openAdmin(browser, server, '#videos');
    await createTags(admin.page);
    await createCategoryWithSelectField(admin.page);
    await tagAndCategorise(admin.page, harbour, TAGS.coastal, CATEGORY);
    await tagAndCategorise(admin.page, lighthouse, TAGS.night, CATEGORY);
    await tagAndCategorise(admin.page, cliff, TAGS.coastal);
    await setField(admin.page, harbour, 'North');
    await setField(admin.page, lighthouse, 'South');
    await admin.page.screenshot({ path: '/tmp/issue12-admin.png', fullPage: true });
    expect(admin.errors).toEqual([]);
    await admin.page.close();

    // Filter by tag: a card's tag chip opens the tag page, which lists exactly the tagged videos.
    const home = await openPublic(browser, server, '/');
    expect(await gridTitles(home.page)).toEqual([...TITLES].sort());
    const chip = home.page.locator(`li[data-slug="${cliff.slug}"] .tag-chip`, {
      hasText: `#${TAGS.coastal}`,
    });
    await chip.click();
    await home.page.waitForURL('**/tag/coastal');
    await poll(() => home.page.locator('#section-title').textContent()).toBe(`#${TAGS.coastal}`);
    expect(await gridTitles(home.page)).toEqual([cliff.title, harbour.title].sort());
    await home.page.screenshot({ path: '/tmp/issue12-tag.png', fullPage: true });
    expect(home.errors).toEqual([]);
    await home.page.close();

    // Filter by the custom field on the category page.
    const category = await openPublic(browser, server, `/category/${CATEGORY.toLowerCase()}`);
    expect(await gridTitles(category.page)).toEqual([harbour.title, lighthouse.title].sort());
    const select = category.page.locator(`#custom-filter-${FIELD.slug}`);
    await select.waitFor();
    await select.selectOption('North');
    await poll(() => gridTitles(category.page)).toEqual([harbour.title]);
    await select.selectOption('South');
    await poll(() => gridTitles(category.page)).toEqual([lighthouse.title]);
    await category.page.screenshot({ path: '/tmp/issue12-category.png', fullPage: true });
    expect(category.errors).toEqual([]);
    await category.page.close();
  }, 170_000);
});
