// The Videos tab's Edit Video modal, bulk update and export in real Chromium against `vlog serve` (issue 12
// point 5; ui.md §2.2): title, category, featured, publish date and tags (an existing one and one created
// inline) saved through the modal; two videos' category set by a bulk update; the category filter; a CSV
// export downloaded; a bulk delete to the archive and a bulk restore from it. The local worker is off: pending videos are all this needs.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminJson } from '../helpers/admin-json.js';
import { openAdmin, uploadViaApi, useServerAndBrowser } from '../helpers/admin-page.js';
import { getClip } from '../helpers/media-clips.js';

interface Detail {
  title: string;
  category_id: number | null;
  is_featured: boolean;
  published_at: string | null;
}

const row = (page: Page, id: number) => page.locator(`#videos-table tr[data-video-id="${id}"]`);

describe('admin Edit Video modal, bulk update and export in Chromium', () => {
  const ctx = useServerAndBrowser({ VLOG_LOCAL_WORKER: 'false' });

  it('edits a video through the modal, bulk-updates two, filters and exports CSV', async () => {
    const { server, browser } = ctx;
    const post = async (path: string, body: object) =>
      (await adminJson<{ id: number }>(server, 'POST', path, body)).body;
    const [music, films] = [
      await post('/api/categories', { name: 'E2E Music' }),
      await post('/api/categories', { name: 'E2E Films' }),
    ];
    await post('/api/tags', { name: 'Existing Tag' });
    const clip = await getClip('landscape1080');
    const a = await uploadViaApi(server, clip, 'Edit Me');
    const b = await uploadViaApi(server, clip, 'Bulk One');
    const c = await uploadViaApi(server, clip, 'Bulk Two');

    const { page, errors } = await openAdmin(browser, server, '#videos');
    await row(page, c.video_id).waitFor();

    // Edit: every field of the modal, and tags (existing by name, new created inline).
    await row(page, a.video_id).locator('[data-action="edit"]').click();
    const dialog = page.locator('#edit-video-dialog');
    await dialog.locator('#edit-title').waitFor();
    // The chapter editor of the chapters area sits in the modal, with its empty state.
    await dialog.locator('.chapter-editor .chapter-empty').waitFor();
    await page.fill('#edit-title', 'Edited Title');
    await page.selectOption('#edit-category', String(music.id));
    await page.check('#edit-featured');
    await page.fill('#edit-published-at', '2024-05-01T10:30');
    await page.fill('#edit-tag-input', 'Existing Tag');
    await page.press('#edit-tag-input', 'Enter');
    await page.fill('#edit-tag-input', 'Brand New');
    await page.click('#edit-tag-add');
    await dialog.locator('#edit-tags [data-tag-id]', { hasText: 'Brand New' }).waitFor();
    await expect.poll(() => dialog.locator('#edit-tags [data-tag-id]').count()).toBe(2);
    await page.screenshot({ path: '/tmp/edit-video-modal.png' });
    await page.click('#edit-save');
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.toast', { hasText: 'Saved “Edited Title”' }).waitFor();
    await row(page, a.video_id).locator('.video-title', { hasText: 'Edited Title' }).waitFor();

    const edited = (await adminJson<Detail>(server, 'GET', `/api/videos/${a.video_id}`)).body;
    expect(edited).toMatchObject({ title: 'Edited Title', category_id: music.id, is_featured: true });
    // The browser and this process share the machine's time zone: the same local time.
    expect(edited.published_at).toBe(new Date('2024-05-01T10:30').toISOString());
    const tags = (await adminJson<Array<{ name: string }>>(server, 'GET', `/api/videos/${a.video_id}/tags`))
      .body;
    expect(tags.map((t) => t.name)).toEqual(['Brand New', 'Existing Tag']);

    // Bulk update: two rows ticked, category set in the dialog.
    await row(page, b.video_id).locator('input[data-select]').check();
    await row(page, c.video_id).locator('input[data-select]').check();
    await expect.poll(() => page.locator('#bulk-count').textContent()).toBe('2 selected');
    await page.click('[data-bulk="update"]');
    await page.selectOption('#bulk-category', String(films.id));
    await page.screenshot({ path: '/tmp/bulk-update-dialog.png' });
    await page.click('#bulk-submit');
    await page.locator('.toast', { hasText: '2 updated, 0 failed' }).waitFor();
    await expect.poll(() => page.locator('#bulk-count').textContent()).toBe('None selected');
    for (const v of [b, c]) {
      const detail = (await adminJson<Detail>(server, 'GET', `/api/videos/${v.video_id}`)).body;
      expect(detail.category_id).toBe(films.id);
    }

    // The category filter asks the server; then the CSV export narrowed to it downloads.
    await page.selectOption('#videos-category-filter', String(films.id));
    await expect.poll(() => page.locator('#videos-table tbody tr').count()).toBe(2);
    await row(page, a.video_id).waitFor({ state: 'detached' });
    await page.screenshot({ path: '/tmp/videos-filtered.png' });
    await page.click('#videos-export');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#videos-export-csv')]);
    expect(download.suggestedFilename()).toMatch(/^vlog-videos-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,title,slug,/);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[1])
        .sort(),
    ).toEqual(['Bulk One', 'Bulk Two']);

    // Bulk delete (to the archive) from the Videos tab, then bulk restore from the Archive view.
    await page.click('#bulk-select-all');
    await expect.poll(() => page.locator('#bulk-count').textContent()).toBe('2 selected');
    await page.click('[data-bulk="delete"]');
    await page.click('#bulk-submit');
    await page.locator('.toast', { hasText: '2 deleted, 0 failed' }).waitFor();
    await row(page, b.video_id).waitFor({ state: 'detached' });
    await page.click('#tab-archive');
    const archived = (id: number) => page.locator(`#archive-table tr[data-archived-id="${id}"]`);
    await archived(c.video_id).waitFor();
    await archived(b.video_id).locator('input[data-select]').check();
    await archived(c.video_id).locator('input[data-select]').check();
    await page.screenshot({ path: '/tmp/archive-bulk.png' });
    await expect.poll(() => page.locator('#archive-bulk-count').textContent()).toBe('2 selected');
    await page.click('#archive-bulk-bar [data-bulk="restore"]');
    await page.click('#bulk-submit');
    await page.locator('.toast', { hasText: '2 restored, 0 failed' }).waitFor();
    await archived(b.video_id).waitFor({ state: 'detached' });
    for (const v of [b, c]) {
      const detail = await adminJson<{ deleted_at: string | null }>(
        server,
        'GET',
        `/api/videos/${v.video_id}`,
      );
      expect(detail.body.deleted_at).toBeNull();
    }
    expect(errors).toEqual([]);
  });
});
