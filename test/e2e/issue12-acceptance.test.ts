// Issue 12's acceptance test in real Chromium against one `vlog serve` with its local worker: three short
// videos are uploaded and transcoded; then, through the admin UI only, two tags are created (Tags tab) and
// attached (Edit Video modal's tag picker), a category with a select custom field is created (Categories tab
// and its field manager), two videos are put in it and given a value (Edit Video modal), and a playlist of the
// three videos is built (Playlists tab, video picker), and two chapters are added to one video (the Edit Video
// modal's chapter editor). On the public site: a tag chip opens the tag page listing exactly the tagged videos, the
// category page's custom-field select narrows the grid to the matching video, the playlist page opens, its
// first video plays to the end and the second one opens and plays with `?list=` kept, and a chapter marker
// seeks to its chapter's start. No page logs a console error.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminJson, waitVideosReady } from '../helpers/admin-json.js';
import { openAdmin, uploadViaApi, useServerAndBrowser } from '../helpers/admin-page.js';
import { getClip } from '../helpers/media-clips.js';
import { trackRequests } from '../helpers/request-tracker.js';
import type { ServerProcess } from '../helpers/server-process.js';

type Player = { __vlogPlayer?: { video: HTMLVideoElement } };
interface Uploaded {
  video_id: number;
  slug: string;
  title: string;
}

const TITLES = ['Harbour Dawn', 'Lighthouse Night', 'Cliff Path'] as const;
const TAGS = { coastal: 'Coastal', night: 'Night' } as const;
const CATEGORY = 'Seaside';
const FIELD = { name: 'Region', slug: 'region', options: ['North', 'South'] } as const;
const PLAYLIST = 'Shoreline Tour';
const CHAPTERS = [
  { title: 'Arrival', start: '0:00', seconds: 0 },
  { title: 'Beam', start: '0:03', seconds: 3 },
];

/**
 * Generous waits: in the full suite the other test file transcodes at the same time, and one request of this
 * test took 12 s there (an upload) while 30 s waits ran out. Playwright's own waits get the same budget.
 */
const STEP_TIMEOUT_MS = 60_000;
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: STEP_TIMEOUT_MS });

/** Uploads the three clips (published on upload) and waits until the local worker made all of them ready. */
async function uploadReadyVideos(server: ServerProcess): Promise<Uploaded[]> {
  const clip = await getClip('landscape480x5s');
  const uploaded: Uploaded[] = [];
  for (const title of TITLES) uploaded.push({ ...(await uploadViaApi(server, clip, title)), title });
  await waitVideosReady(
    server,
    uploaded.map((u) => u.video_id),
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

/** Playlists tab: a new playlist, then each video added with the picker, in order. */
async function createPlaylist(page: Page, videos: Uploaded[]): Promise<void> {
  await page.click('#tab-playlists');
  await page.click('#playlists-new');
  await page.fill('#playlist-title', PLAYLIST);
  await page.click('#playlist-save');
  await page.locator('#playlist-form-dialog').waitFor({ state: 'detached' });
  await poll(() => page.locator('#playlist-details .playlist-details-title').textContent()).toBe(PLAYLIST);
  for (const { title } of videos) {
    await page.fill('#playlist-video-search', title.split(' ')[0]!);
    const result = page.locator('#playlist-video-results li', { hasText: title });
    await result.locator('[data-action="add-to-playlist"]').click();
    await poll(() => page.locator('#playlist-items li', { hasText: title }).count()).toBe(1);
  }
  await poll(() => page.locator('#playlist-items li .video-title').allTextContents()).toEqual(
    videos.map((v) => v.title),
  );
}

/** The Edit Video modal's chapter editor: each chapter added with its form; the modal closed with Cancel. */
async function addChapters(page: Page, video: Uploaded): Promise<void> {
  await openEdit(page, video);
  const editor = page.locator('#edit-video-dialog .chapter-editor');
  await poll(() => editor.locator('.chapter-empty').textContent()).toBe('No chapters yet');
  for (const [i, chapter] of CHAPTERS.entries()) {
    await editor.locator('[data-action="add-chapter"]').click();
    const form = editor.locator('form.chapter-form');
    const title = form.locator('[name=title]');
    const start = form.locator('[name=start]');
    // Typed again until both fields hold the text: on a loaded machine the form can still re-render (the
    // editor's data arriving) just after it appears, and a re-render drops what was typed before it.
    await poll(async () => {
      await title.fill(chapter.title);
      await start.fill(chapter.start);
      return [await title.inputValue(), await start.inputValue()];
    }).toEqual([chapter.title, chapter.start]);
    await form.locator('button[type=submit]').click();
    // The count, or the form's error when the add was refused (so a failure says why).
    await poll(async () => {
      const error = editor.locator('.chapter-form-error');
      return (await error.count()) > 0
        ? await error.textContent()
        : await editor.locator('.chapter-item').count();
    }).toBe(i + 1);
  }
  await poll(() => editor.locator('.chapter-title').allTextContents()).toEqual(CHAPTERS.map((c) => c.title));
  await page.locator('#edit-video-dialog button', { hasText: 'Cancel' }).click();
  await page.locator('#edit-video-dialog').waitFor({ state: 'detached' });
}

interface PublicPage {
  page: Page;
  errors: string[];
}

async function openPublic(browser: Browser, server: ServerProcess, path: string): Promise<PublicPage> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  track(`public${path.replaceAll('/', '-')}`, page);
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

/** Every page's requests in flight, for the failure message of a step that timed out. */
const trackers: Array<{ name: string; page: Page; pending: () => string[] }> = [];
function track(name: string, page: Page): void {
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  trackers.push({ name, page, ...trackRequests(page) });
}

/** What was in flight when the test failed, the pages' last screenshots and the server's last output. */
async function reportStall(server: ServerProcess): Promise<void> {
  const lines = [`issue 12 acceptance failed at ${new Date().toISOString()}`];
  for (const t of trackers) {
    lines.push(
      `${t.name} (${t.page.isClosed() ? 'closed' : t.page.url()}): ${t.pending().join('; ') || 'nothing in flight'}`,
    );
    if (!t.page.isClosed())
      await t.page.screenshot({ path: `/tmp/issue12-failure-${t.name}.png` }).catch(() => undefined);
  }
  lines.push('server output (last 4000 chars):', server.output().slice(-4000));
  console.error(lines.join('\n'));
}

const currentTime = (page: Page) => page.evaluate(() => (window as Player).__vlogPlayer!.video.currentTime);

describe('issue 12 acceptance in Chromium', () => {
  // Info level: a failure's server output then shows the slow and the failed requests, with their times.
  const ctx = useServerAndBrowser({ VLOG_LOG_LEVEL: 'info' });

  // Three full-suite runs failed here with a 30 s wait run out, at a different step each time: under the other
  // test file's transcoding one request took 12 s and the test 190 s, past the old 170 s budget (stop 20). The
  // budgets are now 60 s a step and 420 s in all; a failure prints the requests each page had in flight and the
  // server's last output (reportStall).
  it('organises through the admin UI, then filters, plays a playlist through and seeks by chapter', async () => {
    const { server, browser } = ctx;
    try {
      await organiseThenBrowse(browser, server);
    } catch (err) {
      await reportStall(server);
      throw err;
    }
  }, 420_000);
});

async function organiseThenBrowse(browser: Browser, server: ServerProcess): Promise<void> {
  const videos = await uploadReadyVideos(server);
  const [harbour, lighthouse, cliff] = videos as [Uploaded, Uploaded, Uploaded];

  const admin = await openAdmin(browser, server, '#videos');
  track('admin', admin.page);
  await createTags(admin.page);
  await createCategoryWithSelectField(admin.page);
  await tagAndCategorise(admin.page, harbour, TAGS.coastal, CATEGORY);
  await tagAndCategorise(admin.page, lighthouse, TAGS.night, CATEGORY);
  await tagAndCategorise(admin.page, cliff, TAGS.coastal);
  await setField(admin.page, harbour, 'North');
  await setField(admin.page, lighthouse, 'South');
  await createPlaylist(admin.page, videos);
  await admin.page.screenshot({ path: '/tmp/issue12-admin-playlist.png', fullPage: true });
  await addChapters(admin.page, lighthouse);
  expect(admin.errors).toEqual([]);
  await admin.page.close();

  // Filter by tag: a card's tag chip opens the tag page, which lists exactly the tagged videos.
  const home = await openPublic(browser, server, '/');
  expect(await gridTitles(home.page)).toEqual([...TITLES].sort());
  const chip = home.page.locator(`li[data-slug="${cliff.slug}"] .tag-chip`, {
    hasText: `#${TAGS.coastal}`,
  });
  // The click once the page has settled, and again while the page is still home: under the full suite's
  // load a late layout change (images, the list's second render) could take the first click elsewhere.
  await home.page.waitForLoadState('networkidle');
  await poll(async () => {
    if (new URL(home.page.url()).pathname === '/')
      await chip.click({ timeout: 5_000 }).catch(() => undefined);
    return new URL(home.page.url()).pathname;
  }).toBe('/tag/coastal');
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

  await playPlaylistThroughAndSeek(browser, server, videos);
}

/** The playlist page; Play all; the first video ends and the second opens and plays; a marker seeks. */
async function playPlaylistThroughAndSeek(
  browser: Browser,
  server: ServerProcess,
  videos: Uploaded[],
): Promise<void> {
  const [first, second] = videos as [Uploaded, Uploaded];
  const { body } = await adminJson<{ playlists: Array<{ slug: string; title: string }> }>(
    server,
    'GET',
    '/api/playlists',
  );
  const list = body.playlists.find((p) => p.title === PLAYLIST)!.slug;
  const { page, errors } = await openPublic(browser, server, `/playlist/${list}`);
  await poll(() => page.locator('#playlist-title').textContent()).toBe(PLAYLIST);
  expect(await page.locator('#playlist-videos .card-title').allTextContents()).toEqual([...TITLES]);
  await page.screenshot({ path: '/tmp/issue12-playlist.png', fullPage: true });

  await page.click('#play-all');
  await page.waitForURL(`**/watch/${first.slug}?list=${list}`);
  await page.waitForFunction(() => ((window as Player).__vlogPlayer?.video.duration ?? 0) > 0, undefined, {
    timeout: STEP_TIMEOUT_MS,
  });
  // Muted so Chromium allows playback; the jump near the end keeps the test short.
  await page.evaluate(async () => {
    const v = (window as Player).__vlogPlayer!.video;
    v.muted = true;
    await v.play();
    v.currentTime = Math.max(0, v.duration - 0.8);
  });
  await page.waitForURL(
    (url) => url.pathname === `/watch/${second.slug}` && url.searchParams.get('list') === list,
    { timeout: STEP_TIMEOUT_MS },
  );
  await poll(() => page.locator('#playlist-position').textContent()).toBe('2 / 3');
  await poll(() => currentTime(page)).toBeGreaterThan(0.3);

  // The second video has the chapters: its second marker seeks to the chapter's start.
  await poll(() => page.locator('.chapter-marker').count()).toBe(2);
  await page.evaluate(() => (window as Player).__vlogPlayer!.video.pause());
  await page.locator('.chapter-marker').nth(1).click();
  await poll(() => currentTime(page)).toBeCloseTo(CHAPTERS[1]!.seconds, 1);
  await poll(() => page.locator('#chapter-now').textContent()).toBe(CHAPTERS[1]!.title);
  await page.screenshot({ path: '/tmp/issue12-watch-chapters.png' });
  expect(errors).toEqual([]);
  await page.close();
}
