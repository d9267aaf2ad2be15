// The watch page's custom player in real Chromium against `vlog serve` with its local worker (issue 13 part 1):
// the control bar replaces the native controls; the keys change volume, mute, play/pause, seek ±10 s and to
// 50 %, change speed, toggle fullscreen (document.fullscreenElement), theater and captions (a completed
// transcription's WebVTT file: the toggle and its text track switch between showing and hidden), and do nothing
// while typing; `?` opens a focus-trapped shortcuts dialog that Escape closes;
// share offers `?t=`; the position survives a reload; `?t=` starts there; controls auto-hide while playing;
// Watch later and the home page's "Continue watching" and "Watch later" rows; double taps seek on a touch screen; no console errors.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitVideosReady } from '../helpers/admin-json.js';
import { uploadViaApi, useServerAndBrowser } from '../helpers/admin-page.js';
import { addCaptions } from '../helpers/captions.js';
import { getClip } from '../helpers/media-clips.js';

/** Outside the repository on purpose: looked at by hand. */
const SCREENSHOT = '/tmp/vlog-watch-player.png';
const CAPTIONS_SCREENSHOT = '/tmp/vlog-watch-captions.png';
/** One cue over the whole clip: visible wherever the test seeks. */
const VTT = 'WEBVTT\n\n00:00:00.000 --> 00:00:16.000\nCaptions from the transcription\n';
type Player = { __vlogPlayer?: { video: HTMLVideoElement } };

const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });
const videoState = (page: Page) =>
  page.evaluate(() => {
    const v = (window as Player).__vlogPlayer!.video;
    return {
      time: v.currentTime,
      paused: v.paused,
      rate: v.playbackRate,
      muted: v.muted,
      controls: v.controls,
    };
  });

async function openWatch(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => ((window as Player).__vlogPlayer?.video.duration ?? 0) > 0, undefined, {
    timeout: 30_000,
  });
}

async function setTime(page: Page, seconds: number): Promise<void> {
  await page.evaluate((t) => {
    (window as Player).__vlogPlayer!.video.currentTime = t;
  }, seconds);
  await poll(async () => (await videoState(page)).time).toBeCloseTo(seconds, 0);
}

describe('watch page player in Chromium', () => {
  // PostgreSQL: the test writes the transcription row while the server runs.
  const ctx = useServerAndBrowser({}, { postgres: true });

  it('is driven by the keyboard, remembers the position and feeds "Continue watching"', async () => {
    const { server, browser } = ctx;
    const { video_id: id, slug } = await uploadViaApi(
      server,
      await getClip('landscape720x16s'),
      'Player keys',
    );
    await waitVideosReady(server, [id], 180_000);
    await addCaptions(ctx.db!.db, { dataDir: server.dataDir, videoId: id, slug }, VTT);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()} (${msg.location().url})`);
    });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    await openWatch(page, `${server.publicUrl}/watch/${slug}`);

    // The custom bar replaces the native controls.
    expect((await videoState(page)).controls).toBe(false);
    expect(await page.locator('.player-controls').isVisible()).toBe(true);
    const seek = page.locator('.player-controls .sprite-timeline[role="slider"]');
    expect(await seek.getAttribute('aria-valuemax')).toBe('16');
    await poll(() =>
      page.locator('.seek-buffered').evaluate((b: HTMLElement) => Number(b.dataset.end)),
    ).toBeGreaterThan(0);

    // M mutes, K plays and pauses (focus on the page, not a control).
    await page.locator('#video-title').click();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (window as Player).__vlogPlayer!.video.volume)).toBeCloseTo(0.9, 2);
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => (window as Player).__vlogPlayer!.video.volume)).toBe(1);
    // The slider follows the media's volumechange event, which fires after the key handler returns.
    await poll(() => page.locator('#player-volume').inputValue()).toBe('100');
    await page.keyboard.press('m');
    expect((await videoState(page)).muted).toBe(true);
    await poll(() => page.locator('#player-volume').getAttribute('aria-valuetext')).toBe('Muted');
    await page.keyboard.press('k');
    await poll(async () => (await videoState(page)).paused).toBe(false);
    await poll(() => page.locator('#play-toggle').getAttribute('aria-label')).toBe('Pause');
    await page.keyboard.press('k');
    await poll(async () => (await videoState(page)).paused).toBe(true);

    // ←/→ seek 10 s; the seek slider reports where it is.
    await setTime(page, 3);
    await page.keyboard.press('ArrowRight');
    await poll(async () => (await videoState(page)).time).toBeCloseTo(13, 0);
    await poll(() => seek.getAttribute('aria-valuenow')).toBe('13');
    expect(await seek.getAttribute('aria-valuetext')).toBe('0:13 of 0:16');
    await page.keyboard.press('ArrowLeft');
    await poll(async () => (await videoState(page)).time).toBeCloseTo(3, 0);
    // 5 → 50 %.
    await page.keyboard.press('5');
    await poll(async () => (await videoState(page)).time).toBeCloseTo(8, 0);

    // Shift+> / Shift+< step the speed; the menu shows it.
    await page.keyboard.press('Shift+Period');
    expect((await videoState(page)).rate).toBe(1.25);
    await page.keyboard.press('Shift+Period');
    expect((await videoState(page)).rate).toBe(1.5);
    await page.keyboard.press('Shift+Comma');
    expect((await videoState(page)).rate).toBe(1.25);
    await page.click('#speed-button');
    expect(await page.locator('#speed-list [aria-checked="true"]').textContent()).toBe('1.25×');
    await page.click('#speed-list [data-rate="1"]');
    expect((await videoState(page)).rate).toBe(1);

    // F: fullscreen of the player section, and back.
    await page.locator('#video-title').click();
    await page.keyboard.press('f');
    await poll(() => page.evaluate(() => document.fullscreenElement?.className ?? null)).toContain(
      'player-section',
    );
    await poll(() => page.locator('#fullscreen-toggle').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('f');
    await poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();

    // T: theater mode; Escape leaves it.
    await page.keyboard.press('t');
    expect(await page.evaluate(() => document.body.classList.contains('is-theater'))).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.body.classList.contains('is-theater'))).toBe(false);

    // C: captions — the track is added hidden; C shows it (its cue loaded from the served file) and hides it.
    const captions = page.locator('#captions-toggle');
    const trackState = () =>
      page.evaluate(() => {
        const track = (window as Player).__vlogPlayer!.video.querySelector('track')!.track;
        const cue = track.cues?.[0] as VTTCue | undefined;
        return { mode: track.mode, cues: track.cues?.length ?? 0, line: cue?.line };
      });
    expect(await captions.getAttribute('aria-pressed')).toBe('false');
    expect((await trackState()).mode).toBe('hidden');
    // Labelled with the captions' language (en when the transcription did not say), in the browser's language.
    const trackLabel = await page.evaluate(() => {
      const track = (window as Player).__vlogPlayer!.video.querySelector('track')!;
      return [track.label, track.srclang];
    });
    expect(trackLabel).toEqual(['English', 'en']);
    await page.keyboard.press('c');
    await poll(() => captions.getAttribute('aria-pressed')).toBe('true');
    expect(await captions.getAttribute('aria-label')).toBe('Hide captions');
    // The cue is lifted above the control bar (captions-toggle.ts), not drawn under it.
    await poll(trackState).toEqual({ mode: 'showing', cues: 1, line: -5 });
    await page.screenshot({ path: CAPTIONS_SCREENSHOT });
    await page.keyboard.press('c');
    await poll(() => captions.getAttribute('aria-pressed')).toBe('false');
    expect((await trackState()).mode).toBe('hidden');

    // Keys typed into the search box are text, not shortcuts.
    const search = page.locator('input[type="search"]').first();
    await search.focus();
    await page.keyboard.press('k');
    await page.keyboard.press('f');
    expect(await search.inputValue()).toBe('kf');
    expect((await videoState(page)).paused).toBe(true);
    expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();
    await search.fill('');

    // ?: the shortcuts dialog, focus kept inside on Tab, Escape closes it and gives the focus back.
    await page.locator('#video-title').click();
    await page.keyboard.press('Shift+Slash');
    const dialog = page.locator('#player-shortcuts-dialog');
    await poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain('Picture-in-picture');
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('#player-shortcuts-dialog'))).toBe(
        true,
      );
    }
    await page.keyboard.press('k'); // not a shortcut while the dialog is open
    expect((await videoState(page)).paused).toBe(true);
    await page.keyboard.press('Escape');
    await poll(() => dialog.isVisible()).toBe(false);

    // Share with the start time.
    await page.click('#share-button');
    await page.check('#share-start');
    expect(await page.locator('#share-url').inputValue()).toBe(`${server.publicUrl}/watch/${slug}?t=8`);
    await page.keyboard.press('Escape');

    // The position is saved (on pause, and when the page goes) and resumed after a reload.
    await page.locator('.player-frame').hover();
    await page.screenshot({ path: SCREENSHOT });
    await page.reload();
    await page.waitForFunction(() => ((window as Player).__vlogPlayer?.video.duration ?? 0) > 0);
    await poll(async () => (await videoState(page)).time).toBeCloseTo(8, 0);

    // ?t= wins over the saved position.
    await openWatch(page, `${server.publicUrl}/watch/${slug}?t=4`);
    await poll(async () => (await videoState(page)).time).toBeCloseTo(4, 0);
    await page.keyboard.press('Escape'); // nothing open: harmless

    // While playing, the controls hide after 3 s without pointer movement and come back when it moves.
    const frameHidden = () =>
      page.locator('.player-frame').evaluate((f) => f.classList.contains('controls-hidden'));
    await page.mouse.move(400, 300);
    await page.evaluate(() => (window as Player).__vlogPlayer!.video.play());
    await poll(frameHidden).toBe(true);
    await page.mouse.move(420, 320);
    expect(await frameHidden()).toBe(false);
    await page.evaluate(() => (window as Player).__vlogPlayer!.video.pause());

    // Watch later, remembered for the cards.
    await page.click('#watch-later-toggle');
    await poll(() => page.locator('#watch-later-toggle').getAttribute('aria-pressed')).toBe('true');

    // Home: "Continue watching" shows the video with its progress.
    await page.goto(`${server.publicUrl}/`);
    const card = page.locator(`#continue-list li.video-card[data-video-id="${id}"]`);
    await poll(() => card.count()).toBe(1);
    const percent = Number(await card.locator('.watch-progress').getAttribute('data-percent'));
    expect(percent).toBeGreaterThan(20);
    expect(percent).toBeLessThan(80);
    expect(await card.locator('.card-watch-later').getAttribute('aria-pressed')).toBe('true');
    await poll(() => page.locator(`#watch-later-list li.video-card[data-video-id="${id}"]`).count()).toBe(1);
    await page.click('#clear-history');
    expect(await page.locator('#continue-watching').isHidden()).toBe(true);

    expect(errors).toEqual([]);
    await page.close();

    // Touch: a double tap on the right third seeks forward 10 s, on the left third back.
    const touch = await browser.newContext({ hasTouch: true, viewport: { width: 800, height: 900 } });
    const phone = await touch.newPage();
    phone.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    await openWatch(phone, `${server.publicUrl}/watch/${slug}?t=2`);
    await poll(async () => (await videoState(phone)).time).toBeCloseTo(2, 0);
    const box = (await phone.locator('video#player').boundingBox())!;
    const doubleTap = async (share: number) => {
      await phone.touchscreen.tap(box.x + box.width * share, box.y + box.height / 3);
      await phone.touchscreen.tap(box.x + box.width * share, box.y + box.height / 3);
    };
    await doubleTap(0.9);
    await poll(async () => (await videoState(phone)).time).toBeCloseTo(12, 0);
    await doubleTap(0.1);
    await poll(async () => (await videoState(phone)).time).toBeCloseTo(2, 0);
    expect(errors).toEqual([]);
    await touch.close();
  }, 300_000);
});
