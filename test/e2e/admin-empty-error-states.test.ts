// Empty and error states of the Settings tab and the Archive view in Chromium: a fresh install with
// nothing stored still lists every catalogued setting (Settings has no empty state), with the
// environment's values marked as such; the Archive says it is empty; once the server is gone both show an
// error with a retry button.
import { describe, expect, it } from 'vitest';
import { openAdmin, useServerAndBrowser } from '../helpers/admin-page.js';

describe('admin Settings and Archive: empty and error states', () => {
  // A sub-second poll interval suits the worker's variable but not the integer setting: nothing is seeded.
  const ctx = useServerAndBrowser({ VLOG_WORKER_POLL_INTERVAL: '0.5' });

  it('lists the catalogue with nothing stored, shows the empty archive, then errors with retry', async () => {
    const { page, errors } = await openAdmin(ctx.browser, ctx.server, '#settings');
    const listed = page.locator('#panel-settings .setting-row[data-setting-key]');
    await listed.first().waitFor();
    expect(await page.locator('#panel-settings .empty-state').count()).toBe(0);
    expect(await page.locator('#panel-settings [data-source="database"]').count()).toBe(0);
    await page.locator('#settings-tab-workers').click();
    await page
      .locator('.setting-row[data-setting-key="workers.poll_interval"] .setting-source', {
        hasText: 'From the environment (VLOG_WORKER_POLL_INTERVAL)',
      })
      .waitFor();

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
    await page.screenshot({ path: '/tmp/ui3-settings-error.png' });
    // After the kill only the broken connections themselves were logged (refused, and the cut event stream).
    expect(
      errors.filter((e) => !/net::ERR_(CONNECTION_REFUSED|INCOMPLETE_CHUNKED_ENCODING)/.test(e)),
    ).toEqual([]);
  });
});
