// Empty and error states of the Settings tab and the Archive view in Chromium: a fresh install with no
// catalogued variable set stores nothing, so Settings offers to store the environment's values (and says
// which one the API refused); the Archive says it is empty; once the server is gone both show an error
// with a retry button.
import { describe, expect, it } from 'vitest';
import { openAdmin, useServerAndBrowser } from '../helpers/admin-page.js';

describe('admin Settings and Archive: empty and error states', () => {
  // A sub-second poll interval suits the worker's variable but not the integer setting it seeds.
  const ctx = useServerAndBrowser({ VLOG_WORKER_POLL_INTERVAL: '0.5' });

  it('shows the empty states, the refused seed value, then errors with retry', async () => {
    const { page, errors } = await openAdmin(ctx.browser, ctx.server, '#settings');
    const empty = page.locator('#panel-settings .empty-state', { hasText: 'No settings stored yet' });
    await empty.waitFor();
    await page.click('#settings-seed');
    await page
      .locator('.toast-error', { hasText: /Not stored \(refused\): VLOG_WORKER_POLL_INTERVAL .*integer/ })
      .waitFor();
    await empty.waitFor();

    await page.locator('#tab-archive').click();
    await page.locator('#panel-archive .empty-state', { hasText: 'Archive is empty' }).waitFor();
    expect(errors).toEqual([]);

    // The server goes away: each view says so and offers to try again.
    // Killed, not stopped: a graceful stop would wait for this page's open event stream.
    await ctx.server.kill('SIGKILL');
    await page.click('#archive-refresh');
    const archiveError = page.locator('#panel-archive .error-state', {
      hasText: 'Could not load the archive',
    });
    await archiveError.waitFor();
    expect(await archiveError.getByRole('button', { name: 'Try again' }).count()).toBe(1);
    await page.locator('#tab-settings').click();
    const settingsError = page.locator('#panel-settings .error-state', {
      hasText: 'Could not load settings',
    });
    await settingsError.waitFor();
    expect(await settingsError.getByRole('button', { name: 'Try again' }).count()).toBe(1);
    await page.screenshot({ path: '/tmp/ui2-settings-error.png' });
    // After the kill only the broken connections themselves were logged (refused, and the cut event stream).
    expect(
      errors.filter((e) => !/net::ERR_(CONNECTION_REFUSED|INCOMPLETE_CHUNKED_ENCODING)/.test(e)),
    ).toEqual([]);
  });
});
