// Viewer analytics on the public watch page in real Chromium against `vlog serve` (issue 13): the first play
// opens one session, pausing, resuming and seeking keep it (its heartbeats credit the time played), a reload
// is a new page view and so a new session of the same viewer, and the public list's view_count grows.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminJson, waitVideosReady } from '../helpers/admin-json.js';
import { uploadViaApi, useServerAndBrowser } from '../helpers/admin-page.js';
import { getClip } from '../helpers/media-clips.js';
import type { ServerProcess } from '../helpers/server-process.js';

type Player = { __vlogPlayer?: { video: HTMLVideoElement } };
interface Detail {
  total_views: number;
  unique_viewers: number;
  total_watch_time_seconds: number;
}

const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });
const detail = async (server: ServerProcess, id: number) =>
  (await adminJson<Detail>(server, 'GET', `/api/analytics/videos/${id}`)).body;
const viewCount = async (server: ServerProcess, id: number) => {
  const res = await fetch(`${server.publicUrl}/api/videos?limit=100`);
  const body = (await res.json()) as { videos: Array<{ id: number; view_count: number }> };
  return body.videos.find((v) => v.id === id)?.view_count;
};

async function openWatch(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => ((window as Player).__vlogPlayer?.video.duration ?? 0) > 0, undefined, {
    timeout: 30_000,
  });
}
const play = (page: Page) =>
  page.evaluate(async () => {
    const v = (window as Player).__vlogPlayer!.video;
    v.muted = true;
    await v.play();
  });
const pause = (page: Page) => page.evaluate(() => (window as Player).__vlogPlayer!.video.pause());
const seek = (page: Page, to: number) =>
  page.evaluate((t) => {
    (window as Player).__vlogPlayer!.video.currentTime = t;
  }, to);

describe('watch page analytics in Chromium', () => {
  // Reports straight from the database: no server cache, no list cache.
  const ctx = useServerAndBrowser({
    VLOG_ANALYTICS_CACHE_ENABLED: 'false',
    VLOG_PUBLIC_LIST_CACHE_SECONDS: '0',
  });

  it('counts a view once per page view, whatever the pauses and seeks, and the list shows it', async () => {
    const { server, browser } = ctx;
    const { video_id: id, slug } = await uploadViaApi(server, await getClip('landscape480x5s'), 'Counted');
    await waitVideosReady(server, [id], 120_000);
    expect((await adminJson(server, 'POST', `/api/videos/${id}/publish`)).status).toBe(200);
    expect(await viewCount(server, id)).toBe(0);

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await openWatch(page, `${server.publicUrl}/watch/${slug}`);
    expect((await detail(server, id)).total_views).toBe(0); // opening the page is not a view
    await play(page);
    await poll(async () => (await detail(server, id)).total_views).toBe(1);
    await page.waitForFunction(() => (window as Player).__vlogPlayer!.video.currentTime > 1.5);
    await pause(page);
    // The pause's heartbeat credits what was played (at most the wall time since the session opened).
    await poll(async () => (await detail(server, id)).total_watch_time_seconds).toBeGreaterThan(0.5);
    await play(page);
    await seek(page, 0.5);
    await pause(page);
    await play(page);
    await page.waitForTimeout(500);
    expect((await detail(server, id)).total_views).toBe(1);

    await page.reload();
    await page.waitForFunction(() => ((window as Player).__vlogPlayer?.video.duration ?? 0) > 0);
    await play(page);
    await poll(async () => (await detail(server, id)).total_views).toBe(2);
    const after = await detail(server, id);
    expect(after.unique_viewers).toBe(1); // the same browser: the viewer cookie was kept
    await poll(() => viewCount(server, id)).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  });
});
