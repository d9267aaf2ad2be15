// The admin Archive view in real Chromium against `vlog serve` with its local worker (issue 11 point 4):
// a transcoded video archived through the API is listed, Restore brings it back and it plays again on the
// public watch page; archived again, Delete permanently (confirmed) removes its rows and files.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminJson, waitVideosReady } from '../helpers/admin-json.js';
import { openAdmin, uploadViaApi, useServerAndBrowser } from '../helpers/admin-page.js';
import { getClip } from '../helpers/media-clips.js';

type Player = { __vlogPlayer?: { video: HTMLVideoElement } };

/** Opens the watch page muted and waits for playback time to pass 1 s. */
async function expectPlays(browser: Browser, url: string, errors: string[]): Promise<void> {
  const watch = await browser.newPage();
  watch.on('pageerror', (e) => errors.push(`watch pageerror: ${e.message}`));
  await watch.goto(url);
  await watch.waitForFunction(() => Boolean((window as Player).__vlogPlayer), undefined, { timeout: 15_000 });
  await watch.evaluate(async () => {
    const v = (window as Player).__vlogPlayer!.video;
    v.muted = true;
    await v.play();
  });
  await watch.waitForFunction(() => (window as Player).__vlogPlayer!.video.currentTime > 1, undefined, {
    timeout: 30_000,
  });
  await watch.close();
}

const row = (page: Page, id: number) => page.locator(`#archive-table tr[data-archived-id="${id}"]`);

describe('admin Archive view in Chromium', () => {
  const ctx = useServerAndBrowser();

  it('restores an archived video that then plays, and deletes one permanently', async () => {
    const { server, browser } = ctx;
    const clip = await getClip('landscape480x5s');
    const { video_id: id, slug } = await uploadViaApi(server, clip, 'Archive Round Trip');
    await waitVideosReady(server, [id], 120_000);
    expect((await adminJson(server, 'DELETE', `/api/videos/${id}`)).status).toBe(200);
    expect((await fetch(`${server.publicUrl}/api/videos/${slug}`)).status).toBe(404);

    const { page, errors } = await openAdmin(browser, server, '#archive');
    await row(page, id).waitFor();
    expect(await row(page, id).textContent()).toContain('Archive Round Trip');
    expect(await row(page, id).textContent()).toContain(slug);
    expect(await page.locator('#archive-count').textContent()).toBe('1 archived video');
    await page.screenshot({ path: '/tmp/ui2-archive.png' });

    // Restore: the row leaves, a toast says so, and the video plays again on the public site.
    await row(page, id).locator('[data-action="restore"]').click();
    await row(page, id).waitFor({ state: 'detached' });
    await page.locator('.toast', { hasText: 'Video restored' }).waitFor();
    await page.locator('.empty-state', { hasText: 'Archive is empty' }).waitFor();
    await page.screenshot({ path: '/tmp/ui2-archive-empty.png' });
    const watchErrors: string[] = [];
    await expectPlays(browser, `${server.publicUrl}/watch/${slug}`, watchErrors);
    expect(watchErrors).toEqual([]);

    // Archived again, then deleted permanently from the view after a confirm naming it.
    expect((await adminJson(server, 'DELETE', `/api/videos/${id}`)).status).toBe(200);
    await page.click('#archive-refresh');
    await row(page, id).waitFor();
    const storage = path.join(server.dataDir, 'storage');
    const archivedDir = path.join(storage, 'archive', slug);
    expect(existsSync(archivedDir)).toBe(true);
    await row(page, id).locator('[data-action="delete-permanently"]').click();
    const confirm = page.locator('#confirm-dialog');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('Archive Round Trip');
    expect(await confirm.textContent()).toContain('cannot be undone');
    await page.screenshot({ path: '/tmp/ui2-archive-confirm.png' });
    await page.click('#confirm-ok');
    await row(page, id).waitFor({ state: 'detached' });
    await page.locator('.toast', { hasText: 'Video permanently deleted' }).waitFor();
    expect((await adminJson(server, 'GET', `/api/videos/${id}`)).status).toBe(404);
    expect((await adminJson<{ total: number }>(server, 'GET', '/api/videos/archived')).body.total).toBe(0);
    expect(existsSync(archivedDir)).toBe(false);
    expect(existsSync(path.join(storage, 'videos', slug))).toBe(false);

    expect(errors).toEqual([]);
  });
});

describe('admin Archive view: pages', () => {
  // No local worker: the uploads stay pending, which is all an archived row needs.
  const ctx = useServerAndBrowser({ VLOG_LOCAL_WORKER: 'false' });

  it('pages 25 at a time, newest deletion first', async () => {
    const { server, browser } = ctx;
    const clip = await getClip('landscape480x5s');
    const ids: number[] = [];
    for (let i = 1; i <= 27; i++) {
      const { video_id } = await uploadViaApi(server, clip, `Paged ${String(i).padStart(2, '0')}`);
      expect((await adminJson(server, 'DELETE', `/api/videos/${video_id}`)).status).toBe(200);
      ids.push(video_id);
    }
    const { page, errors } = await openAdmin(browser, server, '#archive');
    const rows = page.locator('#archive-table tbody tr[data-archived-id]');
    await expect.poll(() => rows.count()).toBe(25);
    expect(await page.locator('#archive-count').textContent()).toBe('1–25 of 27 archived videos');
    // Deleted last, listed first.
    expect(await rows.first().getAttribute('data-archived-id')).toBe(String(ids[26]));
    expect(await page.locator('#archive-prev').isDisabled()).toBe(true);

    await page.click('#archive-next');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await page.locator('#archive-count').textContent()).toBe('26–27 of 27 archived videos');
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-archived-id')))).toEqual([
      String(ids[1]),
      String(ids[0]),
    ]);
    expect(await page.locator('#archive-next').isDisabled()).toBe(true);

    // Restoring both rows of the last page goes back to the page before it.
    for (const id of [ids[1], ids[0]]) {
      await page.locator(`tr[data-archived-id="${id}"] [data-action="restore"]`).click();
      await page.locator(`tr[data-archived-id="${id}"]`).waitFor({ state: 'detached' });
    }
    await expect.poll(() => rows.count()).toBe(25);
    expect(await page.locator('#archive-count').textContent()).toBe('25 archived videos');
    expect(await page.locator('#archive-next').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
