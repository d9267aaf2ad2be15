// Captions and the transcript in real Chromium against `vlog serve` with its local worker (issue 14): an .srt
// file uploaded through the Edit Video modal's Transcription section becomes the video's captions; on the
// watch page the transcript panel lists its lines, a click on a line seeks the video there, the playing line
// is marked (aria-current), and the search box filters the lines; back in the modal the transcript is deleted
// (after a confirm) and a transcription queued in German. No console errors on either page, and no
// serious or critical axe-core violation in the Transcription section or the panel.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminJson, waitVideosReady } from '../helpers/admin-json.js';
import { openAdmin, uploadViaApi, useServerAndBrowser } from '../helpers/admin-page.js';
import { axeReport } from '../helpers/axe.js';
import { getClip } from '../helpers/media-clips.js';

/** Outside the repository on purpose: looked at by hand. */
const ADMIN_SCREENSHOT = '/tmp/vlog-transcript-admin.png';
const WATCH_SCREENSHOT = '/tmp/vlog-transcript-watch.png';
const QUEUED_SCREENSHOT = '/tmp/vlog-transcript-queued.png';

const SRT = [
  '1',
  '00:00:00,500 --> 00:00:02,000',
  '<font color="#ffff00">Hello there</font>',
  '',
  '2',
  '00:00:02,000 --> 00:00:03,500',
  'General Kenobi',
  '',
  '3',
  '00:00:04,000 --> 00:00:05,000',
  'You are a bold one',
  '',
].join('\r\n');

type Player = { __vlogPlayer?: { video: HTMLVideoElement } };
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });
const currentTime = (page: Page) => page.evaluate(() => (window as Player).__vlogPlayer!.video.currentTime);

describe('captions upload and the transcript panel in Chromium', () => {
  // Transcription off: the local worker hands out no transcription, so the one queued at the end stays
  // pending (with it on, the worker would claim it at once, and PocketSphinx refuse German).
  const ctx = useServerAndBrowser({ VLOG_TRANSCRIPTION_ENABLED: 'false' });

  it('uploads an .srt in the Edit modal, then seeks from the watch page transcript', async () => {
    const { server, browser } = ctx;
    const { video_id: id, slug } = await uploadViaApi(
      server,
      await getClip('landscape480x5s'),
      'Transcribed talk',
    );
    await waitVideosReady(server, [id], 120_000);

    // Admin: the Transcription section of the Edit Video modal.
    const admin = await openAdmin(browser, server, '#videos');
    const row = admin.page.locator(`#videos-table tr[data-video-id="${id}"]`);
    await row.locator('[data-action="edit"]').click();
    const dialog = admin.page.locator('#edit-video-dialog');
    await dialog.locator('#transcript-status', { hasText: 'No transcript yet' }).waitFor();
    expect(await dialog.locator('#transcript-transcribe').isEnabled()).toBe(true);
    expect(await dialog.locator('#captions-upload').isDisabled()).toBe(true);
    await dialog.locator('#captions-file').setInputFiles({
      name: 'talk.srt',
      mimeType: 'application/x-subrip',
      buffer: Buffer.from(SRT),
    });
    await dialog.locator('#captions-upload').click();
    await admin.page.locator('.toast', { hasText: 'Captions uploaded' }).waitFor();
    await dialog.locator('#transcript-status', { hasText: 'Completed' }).waitFor();
    expect(await dialog.locator('#captions-file').inputValue()).toBe('');
    await poll(() => dialog.locator('#transcript-status').textContent()).toContain('English · 9 words');
    expect(await dialog.locator('#transcript-text').inputValue()).toBe(
      'Hello there General Kenobi You are a bold one',
    );
    await dialog.locator('.transcript-section').scrollIntoViewIfNeeded();
    await admin.page.screenshot({ path: ADMIN_SCREENSHOT });
    expect(await axeReport(admin.page, 'Transcription section', { include: '.transcript-section' })).toBe('');
    expect(admin.errors).toEqual([]);

    // Watch page: the panel lists the cues; a click on a line seeks there.
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
    const toggle = page.locator('#transcript-toggle');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const lines = page.locator('#transcript-panel .transcript-line');
    await poll(() => lines.count()).toBe(3);
    expect(await lines.allInnerTexts()).toEqual([
      expect.stringMatching(/0:00\s+Hello there/),
      expect.stringMatching(/0:02\s+General Kenobi/),
      expect.stringMatching(/0:04\s+You are a bold one/),
    ]);
    expect(await currentTime(page)).toBeLessThan(1);

    await lines.nth(1).click();
    await poll(() => currentTime(page)).toBeCloseTo(2, 1);
    await poll(() => lines.nth(1).getAttribute('aria-current')).toBe('true');
    // Keyboard: Enter on a focused line seeks as well.
    await lines.nth(2).focus();
    await page.keyboard.press('Enter');
    await poll(() => currentTime(page)).toBeCloseTo(4, 1);
    await poll(() => lines.nth(2).getAttribute('aria-current')).toBe('true');
    expect(await lines.nth(1).getAttribute('aria-current')).toBeNull();

    // Search in the transcript.
    await page.fill('#transcript-search', 'kenobi');
    await poll(() => page.locator('#transcript-panel li:not([hidden]) .transcript-line').count()).toBe(1);
    expect(await page.locator('#transcript-state').textContent()).toBe('1 of 3 lines contain “kenobi”.');
    await page.screenshot({ path: WATCH_SCREENSHOT, fullPage: true });
    expect(await axeReport(page, 'transcript panel', { include: '.transcript-area' })).toBe('');
    await page.fill('#transcript-search', 'wookiee');
    await poll(() => page.locator('#transcript-state').textContent()).toBe('No line contains “wookiee”.');
    await page.fill('#transcript-search', '');
    await poll(() => page.locator('#transcript-panel li:not([hidden])').count()).toBe(3);

    // Escape closes the panel and gives focus back to its button.
    await lines.nth(0).focus();
    await page.keyboard.press('Escape');
    expect(await page.locator('#transcript-panel').isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('transcript-toggle');
    expect(errors).toEqual([]);

    // Back in the modal: delete (after the confirm), then queue a transcription in German.
    await dialog.locator('#transcript-delete').click();
    await admin.page.locator('#confirm-ok').click();
    await dialog.locator('#transcript-status', { hasText: 'No transcript yet' }).waitFor();
    expect(await dialog.locator('#transcript-text').count()).toBe(0);
    await dialog.locator('#transcript-language').selectOption('de');
    await dialog.locator('#transcript-transcribe').click();
    await dialog.locator('#transcript-status', { hasText: 'Queued: waiting for a worker' }).waitFor();
    const queued = await adminJson<{ status: string; language: string }>(
      server,
      'GET',
      `/api/videos/${id}/transcript`,
    );
    expect(queued.body).toMatchObject({ status: 'pending', language: 'de' });
    expect(await dialog.locator('#transcript-transcribe').isDisabled()).toBe(true);
    await admin.page.screenshot({ path: QUEUED_SCREENSHOT });
    expect(admin.errors).toEqual([]);
  }, 240_000);
});
