// End to end in real Chromium: log in, upload through the admin page, see live progress, preview it in
// the admin page, then play the video on the public watch page with adaptive quality (issue 2 acceptance).
import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from '../helpers/admin-page.js';
import { getClip } from '../helpers/media-clips.js';

describe('upload → transcode → watch in Chromium', () => {
  const env = useServerAndBrowser();

  it('logs in, uploads with progress, shows live transcoding progress and plays adaptive HLS', async () => {
    const { server, browser } = env;
    // An 8-second 720p clip: long enough to watch progress and playback advance.
    const clip = await getClip('landscape720x8s');
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('pageerror', (e) => consoleErrors.push(e.message));

    await page.goto(`${server.adminUrl}/`);
    await page.fill('#login-secret', 'wrong-secret');
    await page.locator('#login-form').evaluate((f: HTMLFormElement) => f.requestSubmit());
    await expect.poll(() => page.locator('#login-form').textContent()).toContain('Invalid admin secret');
    await page.fill('#login-secret', server.adminSecret);
    await page.locator('#login-form').evaluate((f: HTMLFormElement) => f.requestSubmit());
    await page.waitForSelector('#login-form', { state: 'hidden' });

    await page.getByRole('tab', { name: /upload/i }).click();
    await page.setInputFiles('#upload-file', clip);
    await page.fill('#upload-title', 'Browser Upload Test');
    await page.click('#upload-submit');
    // The upload progress bar fills up to 100 %.
    await expect
      .poll(
        () => page.locator('#upload-progress').evaluate((p: HTMLProgressElement) => p.value / (p.max || 1)),
        { timeout: 30_000 },
      )
      .toBeGreaterThanOrEqual(1);

    // Live progress: the row shows per-quality progress while processing, then "ready".
    await page.getByRole('tab', { name: /videos/i }).click();
    const row = page.locator('tr[data-video-id]', { hasText: 'Browser Upload Test' });
    await row.waitFor({ timeout: 15_000 });
    const seen = new Set<string>();
    let sawQualityProgress = false;
    const deadline = Date.now() + 120_000;
    for (;;) {
      const status = ((await row.locator('[data-testid="status"]').textContent()) ?? '').toLowerCase();
      for (const s of ['pending', 'processing', 'ready', 'failed']) if (status.includes(s)) seen.add(s);
      if ((await row.locator('[data-quality]').count()) > 0) sawQualityProgress = true;
      if (status.includes('ready') || status.includes('failed') || Date.now() > deadline) break;
      await page.waitForTimeout(100);
    }
    expect(seen.has('ready'), `statuses seen: ${[...seen].join(', ')}\n${server.output()}`).toBe(true);
    expect(seen.has('processing') || seen.has('pending')).toBe(true);
    expect(sawQualityProgress).toBe(true);

    // Admin preview: the admin app serves the files to the logged-in session (its cookie), hls.js plays them.
    await row.locator('[data-action="preview"]').click();
    await expect
      .poll(() => page.locator('#preview-dialog .preview-status').textContent(), { timeout: 15_000 })
      .toMatch(/Available: \d+p/);
    await page.locator('#preview-dialog video').evaluate(async (v: HTMLVideoElement) => {
      v.muted = true;
      await v.play();
    });
    await page.waitForFunction(
      () => (document.querySelector<HTMLVideoElement>('#preview-dialog video')?.currentTime ?? 0) > 0.5,
      undefined,
      { timeout: 30_000 },
    );

    // Watch page: playback time advances and several qualities are offered.
    const list = (await (await fetch(`${server.publicUrl}/api/videos`)).json()) as {
      videos: Array<{ slug: string; title: string }>;
    };
    const slug = list.videos.find((v) => v.title === 'Browser Upload Test')?.slug;
    expect(slug).toBeTruthy();
    // Without the session the admin app does not serve them (the public app does: the video is published).
    expect((await fetch(`${server.adminUrl}/videos/${slug}/master.m3u8`)).status).toBe(401);
    const watch = await browser.newPage();
    watch.on('pageerror', (e) => consoleErrors.push(e.message));
    await watch.goto(`${server.publicUrl}/watch/${slug}`);
    await watch.waitForFunction(
      () => Boolean((window as unknown as { __vlogPlayer?: unknown }).__vlogPlayer),
      undefined,
      { timeout: 15_000 },
    );
    await watch.evaluate(async () => {
      const v = (window as unknown as { __vlogPlayer: { video: HTMLVideoElement } }).__vlogPlayer.video;
      v.muted = true;
      await v.play();
    });
    await watch.waitForFunction(
      () =>
        (window as unknown as { __vlogPlayer: { video: HTMLVideoElement } }).__vlogPlayer.video.currentTime >
        1.5,
      undefined,
      { timeout: 30_000 },
    );
    const levels = await watch.evaluate(
      () =>
        (
          window as unknown as { __vlogPlayer: { hls: { levels: Array<{ height: number }> } | null } }
        ).__vlogPlayer.hls?.levels.map((l) => l.height) ?? [],
    );
    expect(new Set(levels).size).toBeGreaterThan(1);
    await watch.click('#quality-button');
    const items = await watch.locator('[role="menuitemradio"]').allTextContents();
    expect(items.some((t) => /auto/i.test(t))).toBe(true);
    expect(items.filter((t) => /\d+p/.test(t)).length).toBeGreaterThan(1);
    expect(consoleErrors).toEqual([]);
  });
});
