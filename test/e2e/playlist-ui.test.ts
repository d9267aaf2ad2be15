// Playlists end to end in Chromium (issue 12): three real videos (uploaded, transcoded by the local worker),
// a playlist made in the admin with the picker, reordered by drag-and-drop; then the public playlist page,
// "Play all", and the watch page moving on to the next video when the first one ends.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminJson, waitVideosReady } from '../helpers/admin-json.js';
import { openAdmin, uploadViaApi, useServerAndBrowser } from '../helpers/admin-page.js';
import { getClip } from '../helpers/media-clips.js';
import type { ServerProcess } from '../helpers/server-process.js';

const TITLES = ['Alpha Sunrise', 'Bravo Harbour', 'Charlie Summit'];

async function adminGet<T>(server: ServerProcess, url: string): Promise<T> {
  return (await adminJson<T>(server, 'GET', url)).body;
}

/** Uploads the three clips and waits until all are ready (published on upload). */
async function readyVideos(server: ServerProcess): Promise<Array<{ video_id: number; slug: string }>> {
  const clip = await getClip('landscape480x5s');
  const uploaded: Array<{ video_id: number; slug: string }> = [];
  for (const title of TITLES) uploaded.push(await uploadViaApi(server, clip, title));
  await waitVideosReady(
    server,
    uploaded.map((u) => u.video_id),
    240_000,
  );
  return uploaded;
}

async function addWithPicker(page: Page, title: string): Promise<void> {
  await page.fill('#playlist-video-search', title.split(' ')[0]!);
  const result = page.locator('#playlist-video-results li', { hasText: title });
  await result.locator('[data-action="add-to-playlist"]').click();
  await expect.poll(() => page.locator('#playlist-items li', { hasText: title }).count()).toBe(1);
  await expect.poll(() => page.inputValue('#playlist-video-search')).toBe('');
}

const itemTitles = (page: Page) => page.locator('#playlist-items li .video-title').allTextContents();

describe('playlists in Chromium', () => {
  const env = useServerAndBrowser();

  it('admin: create, pick three videos, drag-and-drop; public page; play through to the next video', async () => {
    const { server, browser } = env;
    const videos = await readyVideos(server);
    const { page, errors } = await openAdmin(browser, server, '#playlists');

    await expect.poll(() => page.locator('.empty-state', { hasText: 'No playlists yet' }).count()).toBe(1);
    await page.click('#playlists-new');
    await page.fill('#playlist-title', 'Coastal Series');
    await page.fill('#playlist-description', 'Three short clips.');
    await page.selectOption('#playlist-type', 'series');
    await page.click('#playlist-save');
    await page.locator('#playlist-form-dialog').waitFor({ state: 'detached' });
    await expect
      .poll(() => page.locator('#playlist-details .playlist-details-title').textContent())
      .toBe('Coastal Series');
    await expect
      .poll(() => page.locator('.empty-state', { hasText: 'No videos in this playlist' }).count())
      .toBe(1);

    for (const title of TITLES) await addWithPicker(page, title);
    expect(await itemTitles(page)).toEqual(TITLES);

    // Drag the third onto the upper half of the first: it becomes first.
    const items = page.locator('#playlist-items li');
    await items.nth(2).dragTo(items.nth(0), { targetPosition: { x: 40, y: 4 } });
    const reordered = [TITLES[2], TITLES[0], TITLES[1]];
    await expect.poll(() => itemTitles(page)).toEqual(reordered);
    // Keyboard path: Move down on the first, then back up.
    await items.nth(0).locator('[data-action="move-down"]').click();
    await expect.poll(() => itemTitles(page)).toEqual([TITLES[0], TITLES[2], TITLES[1]]);
    const idle = () => page.locator('#playlist-details[aria-busy="false"]').waitFor();
    await idle();
    await items.nth(1).locator('[data-action="move-up"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => itemTitles(page)).toEqual(reordered);

    await idle();
    const list = await adminGet<{ playlists: Array<{ id: number; slug: string }> }>(server, '/api/playlists');
    const playlist = list.playlists[0]!;
    const savedOrder = async () =>
      (
        await adminGet<{ videos: Array<{ title: string; position: number }> }>(
          server,
          `/api/playlists/${playlist.id}`,
        )
      ).videos.map((v) => [v.title, v.position]);
    await expect.poll(savedOrder).toEqual(reordered.map((t, i) => [t, i]));
    expect(await itemTitles(page)).toEqual(reordered);
    await page.screenshot({ path: '/tmp/playlists-admin.png', fullPage: true });
    expect(errors).toEqual([]);

    // The public playlist page: header, ordered cards, Play all.
    const pub = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const pubErrors: string[] = [];
    pub.on('pageerror', (e) => pubErrors.push(e.message));
    pub.on('console', (m) => m.type() === 'error' && pubErrors.push(`${m.text()} ${m.location().url}`));
    await pub.goto(`${server.publicUrl}/playlist/${playlist.slug}`);
    await expect.poll(() => pub.locator('#playlist-title').textContent()).toBe('Coastal Series');
    expect(await pub.locator('#playlist-meta').textContent()).toMatch(/^3 videos · /);
    expect(await pub.locator('#playlist-videos .card-title').allTextContents()).toEqual(reordered);
    await pub.screenshot({ path: '/tmp/playlists-public.png', fullPage: true });

    const slugOf = (title: string) => videos[TITLES.indexOf(title)]!.slug;
    await pub.click('#play-all');
    await pub.waitForURL(`**/watch/${slugOf(reordered[0]!)}?list=${playlist.slug}`);
    await expect.poll(() => pub.locator('#playlist-position').textContent()).toBe('1 / 3');
    expect(await pub.locator('#playlist-panel-items li[aria-current="true"]').textContent()).toContain(
      reordered[0],
    );
    expect(await pub.locator('#playlist-prev').isDisabled()).toBe(true);
    expect(await pub.locator('#playlist-autoplay').isChecked()).toBe(true);
    await pub.screenshot({ path: '/tmp/playlists-watch.png' });

    // Play, jump near the end; when it ends the next video's page opens and starts playing.
    await pub.waitForFunction(() => Boolean(window.__vlogPlayer), undefined, { timeout: 15_000 });
    await pub.evaluate(async () => {
      const v = window.__vlogPlayer!.video;
      v.muted = true;
      await v.play();
      v.currentTime = Math.max(0, v.duration - 0.6);
    });
    await pub.waitForURL(`**/watch/${slugOf(reordered[1]!)}?list=${playlist.slug}&autoplay=1`, {
      timeout: 30_000,
    });
    await expect.poll(() => pub.locator('#playlist-position').textContent()).toBe('2 / 3');
    await pub.waitForFunction(() => (window.__vlogPlayer?.video.currentTime ?? 0) > 0.3, undefined, {
      timeout: 30_000,
    });
    // Previous goes back, keeping the list.
    await pub.click('#playlist-prev');
    await pub.waitForURL(`**/watch/${slugOf(reordered[0]!)}?list=${playlist.slug}`);
    expect(pubErrors).toEqual([]);

    // A missing playlist: the page's 404 state.
    await pub.goto(`${server.publicUrl}/playlist/no-such-playlist`);
    await expect.poll(() => pub.locator('.empty-title').textContent()).toBe('Playlist not found');
  });
});
