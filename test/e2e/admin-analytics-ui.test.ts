// The admin Analytics tab in real Chromium against `vlog serve`: "No views yet" on a fresh server; then
// four viewers watch an uploaded clip through the public tracking endpoints (api-public.md §4.7) and the
// tab shows the overview cards, the Top Videos row, and — opened from the keyboard — the video's numbers,
// quality breakdown and audience-retention curve with the values worked out below. No console errors.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminJson, waitVideosReady } from '../helpers/admin-json.js';
import { openAdmin, uploadViaApi, useServerAndBrowser } from '../helpers/admin-page.js';
import { getClip } from '../helpers/media-clips.js';
import type { ServerProcess } from '../helpers/server-process.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One viewer (no cookie kept: each session is a new viewer). A beat credits the playhead's progress when
 * at least that much wall time passed (watch-time.query.ts), so each step waits a little longer than it moves.
 */
async function watch(server: ServerProcess, video: number, quality: string, steps: Array<number | 'end'>) {
  const post = async (path: string, body: object) => {
    const res = await fetch(`${server.publicUrl}/api/analytics/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return res.json() as Promise<{ session_token: string }>;
  };
  const { session_token } = await post('session', { video_id: video, quality });
  let at = 0;
  for (const [i, step] of steps.entries()) {
    const position = typeof step === 'number' ? step : at;
    await sleep((position - at) * 1000 + 600);
    const last = i === steps.length - 1;
    await post(last ? 'end' : 'heartbeat', { session_token, position, ...(last ? {} : { quality }) });
    at = position;
  }
  return session_token;
}

const text = (page: Page, selector: string) => page.locator(selector).first().innerText();
const tableRows = (page: Page, chart: string) =>
  page
    .locator(`${chart} + table.chart-data tbody tr`)
    .evaluateAll((rows) =>
      rows.map((r) => [r.querySelector('th')?.textContent ?? '', r.querySelector('td')?.textContent ?? '']),
    );

describe('admin Analytics tab in Chromium', () => {
  // Reports straight from the database, so the empty state does not linger in the server cache.
  const ctx = useServerAndBrowser({ VLOG_ANALYTICS_CACHE_ENABLED: 'false' });

  it('shows no views on a fresh server, then the cards, top videos, breakdown and retention', async () => {
    const { server, browser } = ctx;
    const { page, errors } = await openAdmin(browser, server, '#videos');
    // `4` opens Analytics (ui.md §2.3).
    await page.locator('#panel-videos').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('4');
    expect(await page.locator('#tab-analytics').getAttribute('aria-selected')).toBe('true');
    await page.locator('#analytics-empty').waitFor();
    expect(await text(page, '#analytics-empty')).toContain('No views yet');
    await page.screenshot({ path: '/tmp/analytics-empty.png' });

    // Two ready videos; only the first is watched.
    const clip = await getClip('landscape480x5s');
    const [{ video_id: id }, { video_id: quiet }] = await Promise.all([
      uploadViaApi(server, clip, 'Retention clip'),
      uploadViaApi(server, clip, 'Quiet clip'),
    ]);
    await waitVideosReady(server, [id, quiet], 150_000);
    expect((await adminJson(server, 'POST', `/api/videos/${id}/publish`)).status).toBe(200);
    const { duration } = (await adminJson<{ duration: number }>(server, 'GET', `/api/videos/${id}`)).body;
    expect(duration).toBeGreaterThan(4.5);
    expect(duration).toBeLessThan(5.5);

    // Furthest positions: A to the end (d), B 2 s, C never plays (0), D 0.8 d. Watched: d, 2, 0, 0.8 d.
    // Completed: A only (client says so at the end; D's 80 % is under 90 %).
    await Promise.all([
      watch(server, id, '720p', [2, duration]),
      watch(server, id, '480p', [2, 'end']),
      watch(server, id, '720p', ['end']),
      watch(server, id, '720p', [2, 0.8 * duration]),
    ]);

    await page.locator('#analytics-refresh').click();
    await page.locator('#analytics-cards[aria-busy="false"]').waitFor();
    const watched = 1.8 * duration + 2;
    const clock = (s: number) => `0:${String(Math.round(s)).padStart(2, '0')}`;
    const stat = (field: string) => text(page, `[data-stat="${field}"]`);
    expect(await stat('total_views')).toBe('4');
    expect(await stat('unique_viewers')).toBe('4');
    expect(await stat('total_watch_time_hours')).toBe('0 h'); // 1 dp of hours
    expect(await stat('completion_rate')).toBe('25%');
    expect(await stat('avg_watch_duration_seconds')).toBe(clock(Math.round((watched / 4) * 10) / 10));
    for (const field of ['views_today', 'views_this_week', 'views_this_month'])
      expect(await stat(field)).toBe('4');

    // Trends: today's four views are the last point of the 30 days.
    const views = await tableRows(page, '#trend-views-chart svg');
    expect(views).toHaveLength(30);
    expect(views[29]?.[1]).toBe('4 views');

    await page.screenshot({ path: '/tmp/analytics-overview.png' });

    // Top Videos: the watched video first, the unwatched one after it.
    const row = page.locator(`#analytics-top-table tr[data-video-id="${id}"]`);
    await row.waitFor();
    expect(
      await page
        .locator('#analytics-top-table tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.dataset['videoId'])),
    ).toEqual([String(id), String(quiet)]);
    expect(await page.locator('#analytics-top-table th[aria-sort="descending"]').innerText()).toMatch(
      /views/i,
    );
    expect(await row.locator('td').allInnerTexts()).toEqual([
      'Retention clip',
      '4',
      clock(Math.round(watched * 10) / 10),
      '25%',
    ]);
    await page.selectOption('#analytics-top-period', 'day');
    await page.locator('#analytics-top .report-body[aria-busy="false"]').waitFor();
    expect(await row.locator('td').nth(1).innerText()).toBe('4');

    // Keyboard: ArrowDown / ArrowUp move between the titles; Enter opens the details, focused.
    await row.locator('.row-open').focus();
    const focusedRow = () => page.evaluate(() => document.activeElement?.closest('tr')?.dataset['videoId']);
    await page.keyboard.press('ArrowDown');
    expect(await focusedRow()).toBe(String(quiet));
    await page.keyboard.press('ArrowUp');
    expect(await focusedRow()).toBe(String(id));
    await page.keyboard.press('Enter');
    await page.locator('#detail-retention-chart').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('analytics-detail-title');
    expect(await text(page, '#analytics-detail-title')).toBe('Retention clip');
    expect(await text(page, '[data-detail-stat="total_views"]')).toBe('4');
    expect(await text(page, '[data-detail-stat="completion_rate"]')).toBe('25%');

    // Quality: 720p three sessions of four, 480p one.
    expect(await tableRows(page, '#detail-quality-chart svg')).toEqual([
      ['720p', '75%'],
      ['480p', '25%'],
    ]);
    // Retention, 21 points 5 % apart: all four at the start; at 25 % A, B (2 s ≥ 1.25 s), D; at 50 % and 75 %
    // A and D (B's 2 s is short of 2.5 s); at the end A alone.
    const retention = await tableRows(page, '#detail-retention-chart svg');
    expect(retention).toHaveLength(21);
    expect(retention.map((r) => r[1]).filter((_, i) => i % 5 === 0)).toEqual([
      '100.0%',
      '75.0%',
      '50.0%',
      '50.0%',
      '25.0%',
    ]);
    expect(retention[10]?.[0]).toBe(`${clock(duration / 2)} (50%)`);
    const label = await page.locator('#detail-retention-chart svg').getAttribute('aria-label');
    expect(label).toContain('over 4 sessions');
    expect(label).toContain('25% at the end');
    await page.screenshot({ path: '/tmp/analytics-tab.png', fullPage: true });

    // Close returns the focus to the row the details were opened from.
    await page.locator('#analytics-detail-close').click();
    await page.locator('#analytics-detail').waitFor({ state: 'detached' });
    expect(await focusedRow()).toBe(String(id));
    expect(errors).toEqual([]);
  });

  it('shows an error with Try again when a report fails, switches the trend period, and fits a phone', async () => {
    const { server, browser } = ctx;
    const { page, errors } = await openAdmin(browser, server, '#videos');
    let fail = true;
    await page.route('**/api/analytics/overview*', (route) =>
      fail
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: '{"detail":"Database unavailable"}',
          })
        : route.continue(),
    );
    await page.locator('#tab-analytics').click();
    const alert = page.locator('#panel-analytics .error-state[role="alert"]');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Database unavailable');
    fail = false;
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.locator('[data-stat="total_views"]', { hasText: '4' }).waitFor();

    await page.selectOption('#analytics-trends-period', '7d');
    await expect.poll(async () => (await tableRows(page, '#trend-views-chart svg')).length).toBe(7);
    expect((await tableRows(page, '#trend-views-chart svg'))[6]?.[1]).toBe('4 views');

    await page.setViewportSize({ width: 420, height: 900 });
    await page.locator(`#analytics-top-table .row-open`).first().click();
    await page.locator('#detail-retention-chart').waitFor();
    await page.screenshot({ path: '/tmp/analytics-phone.png', fullPage: true });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(wide).toBe(false);
    // Chromium logs the refused request itself as a console error; nothing else may appear.
    expect(errors.filter((e) => !/status of 503/.test(e))).toEqual([]);
  });
});
