/**
 * One load of a watch page in Chromium, timed from navigation start (the page's `performance.timeOrigin`) to
 * the first video frame the compositor presents (`requestVideoFrameCallback`), with the page's own marks and
 * its Resource Timing entries for the phases in between.
 *
 * The watch page does not autoplay (ui.md §1.4 names no autoplay), so the init script plays the muted video as
 * soon as the player inserts its <video>: a viewer clicking play the instant the player appears. The moment the
 * play button exists (`#play-toggle`) is reported separately as time-to-interactive.
 */
import type { BrowserContext } from 'playwright-core';

/**
 * Installed before any page script: hooks the first <video> the page inserts. Plain JavaScript in a string: a
 * function passed to addInitScript would be serialised as tsx compiled it, with helpers the page lacks.
 */
const INSTALL_MARKS = `(() => {
  const marks = (window.__startup = {});
  const hook = (v) => {
    marks.videoInserted = performance.now();
    v.muted = true;
    v.requestVideoFrameCallback(() => (marks.firstFrame = performance.now()));
    v.addEventListener('loadedmetadata', () => (marks.metadata ??= performance.now()), { once: true });
    v.addEventListener('playing', () => (marks.playing ??= performance.now()), { once: true });
    v.play().catch((err) => (marks.playError = String(err)));
  };
  const observer = new MutationObserver(() => {
    const v = document.querySelector('video');
    if (v && marks.videoInserted === undefined) hook(v);
    if (marks.interactive === undefined && document.getElementById('play-toggle')) marks.interactive = performance.now();
    if (marks.videoInserted !== undefined && marks.interactive !== undefined) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

export interface ResourceEntry {
  name: string;
  initiatorType: string;
  startTime: number;
  responseEnd: number;
  transferSize: number;
}

export interface PageLoad {
  /** ms since navigation start (Navigation Timing). */
  ttfb: number;
  domContentLoaded: number;
  /** The page's marks (installMarks): videoInserted, interactive, metadata, playing, firstFrame. */
  marks: Record<string, number>;
  resources: ResourceEntry[];
}

const FIRST_FRAME_TIMEOUT_MS = 30_000;

/** Opens `url` in a new page of `context`, waits for the first frame, returns the timings; closes the page. */
export async function measurePageLoad(context: BrowserContext, url: string): Promise<PageLoad> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  try {
    await page.addInitScript(INSTALL_MARKS);
    await page.goto(url);
    await page.waitForFunction(
      () => {
        const m = (window as unknown as { __startup?: Record<string, unknown> }).__startup;
        return m?.firstFrame !== undefined || m?.playError !== undefined;
      },
      undefined,
      { timeout: FIRST_FRAME_TIMEOUT_MS },
    );
    const load = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return {
        ttfb: nav.responseStart,
        domContentLoaded: nav.domContentLoadedEventEnd,
        marks: (window as unknown as { __startup: Record<string, number> }).__startup,
        resources: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({
          name: r.name,
          initiatorType: r.initiatorType,
          startTime: r.startTime,
          responseEnd: r.responseEnd,
          transferSize: r.transferSize,
        })),
      };
    });
    if (load.marks.playError !== undefined) throw new Error(`play() refused: ${load.marks.playError}`);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return load;
  } finally {
    await page.close();
  }
}

/** The named phases of one load, in ms since navigation start (NaN when the resource was not seen). */
export function phasesOf(load: PageLoad): Record<Phase, number> {
  const end = (test: (path: string) => boolean): number => {
    const hit = load.resources.find((r) => test(new URL(r.name).pathname));
    return hit ? hit.responseEnd : NaN;
  };
  const segment = (p: string) => /\.(m4s|ts)$/.test(p) && p.startsWith('/videos/');
  return {
    'TTFB (HTML)': load.ttfb,
    'watch.js loaded': end((p) => p === '/static/watch.js'),
    DOMContentLoaded: load.domContentLoaded,
    'video detail loaded': end(
      (p) => p.startsWith('/api/videos/') && !p.includes('/', '/api/videos/'.length),
    ),
    'player inserted': load.marks.videoInserted ?? NaN,
    'interactive (play button)': load.marks.interactive ?? NaN,
    'master.m3u8 loaded': end((p) => p.endsWith('/master.m3u8')),
    'variant playlist loaded': end((p) => p.endsWith('.m3u8') && !p.endsWith('/master.m3u8')),
    'first segment loaded': end(segment),
    'first frame': load.marks.firstFrame ?? NaN,
  };
}

export const PHASES = [
  'TTFB (HTML)',
  'watch.js loaded',
  'DOMContentLoaded',
  'video detail loaded',
  'player inserted',
  'interactive (play button)',
  'master.m3u8 loaded',
  'variant playlist loaded',
  'first segment loaded',
  'first frame',
] as const;
export type Phase = (typeof PHASES)[number];
