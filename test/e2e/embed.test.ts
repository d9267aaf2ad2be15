// The embed player inside another site, in real Chromium against `vlog serve` with its local worker: a page
// served from a second origin frames /embed/{slug}?autoplay=1&muted=1&t=2 and the video plays in it,
// muted, from 2 s; the same page framing /watch/{slug} is refused (frame-ancestors 'none').
// The browser keeps Chromium's default autoplay policy (no --autoplay-policy flag): a framed player may
// start on its own only muted, as on a real site.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitVideosReady } from '../helpers/admin-json.js';
import { uploadViaApi } from '../helpers/admin-page.js';
import { getClip } from '../helpers/media-clips.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';

type Player = { __vlogPlayer?: { video: HTMLVideoElement } };

/** A one-page site on its own origin that frames the given URLs. */
async function hostSite(
  frames: Array<{ id: string; src: string }>,
): Promise<{ server: Server; url: string }> {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Another site</title></head><body>' +
    frames
      .map(
        (f) => `<iframe id="${f.id}" src="${esc(f.src)}" width="640" height="360" allow="autoplay"></iframe>`,
      )
      .join('') +
    '</body></html>';
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

describe('embed player on another origin in Chromium', () => {
  let vlog: ServerProcess;
  let browser: Browser;
  let host: Server | undefined;

  beforeAll(async () => {
    [vlog, browser] = await Promise.all([
      startServerProcess(),
      chromium.launch({
        executablePath: process.env.VLOG_TEST_CHROMIUM ?? '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      }),
    ]);
  });
  afterAll(async () => {
    await new Promise((resolve) => (host ? host.close(resolve) : resolve(undefined)));
    await browser?.close();
    await vlog?.stop();
  });

  it('plays muted from ?t= inside a frame of another site; the watch page refuses to be framed', async () => {
    const { video_id: id, slug } = await uploadViaApi(
      vlog,
      await getClip('landscape480x5s'),
      'Embedded clip',
    );
    await waitVideosReady(vlog, [id], 120_000);
    const site = await hostSite([
      { id: 'embed', src: `${vlog.publicUrl}/embed/${slug}?autoplay=1&muted=1&t=2` },
      { id: 'watch', src: `${vlog.publicUrl}/watch/${slug}` },
    ]);
    host = site.server;
    expect(new URL(site.url).origin).not.toBe(new URL(vlog.publicUrl).origin);

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !msg.text().includes('frame-ancestors'))
        errors.push(`console: ${msg.text()}`);
    });
    await page.goto(site.url);

    const frameAt = async (id: string): Promise<Frame> => {
      const frame = await (await page.waitForSelector(`#${id}`)).contentFrame();
      if (!frame) throw new Error(`no frame #${id}`);
      return frame;
    };
    const embed = await frameAt('embed');
    // Playing on its own: muted, past the start time, time advancing.
    await embed.waitForFunction(
      () => {
        const v = (window as Player).__vlogPlayer?.video;
        return !!v && !v.paused && v.currentTime > 2.3;
      },
      undefined,
      { timeout: 30_000 },
    );
    const state = await embed.evaluate(() => {
      const v = (window as Player).__vlogPlayer!.video;
      return { muted: v.muted, decoded: v.getVideoPlaybackQuality().totalVideoFrames, title: document.title };
    });
    expect(state.muted).toBe(true);
    expect(state.decoded).toBeGreaterThan(0);
    expect(state.title).toBe('Embedded clip – VLog');
    expect(await embed.locator('a.embed-title').getAttribute('href')).toBe(`/watch/${slug}`);

    // The watch page answers with frame-ancestors 'none': Chromium shows its error page, not VLog's.
    const watch = await frameAt('watch');
    await expect
      .poll(() => watch.evaluate(() => document.querySelector('#watch-root') !== null).catch(() => false), {
        timeout: 5_000,
      })
      .toBe(false);
    expect(watch.url()).not.toContain('/watch/');
    expect(errors).toEqual([]);
  });
});
