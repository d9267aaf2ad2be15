import type { Page, Request } from 'playwright-core';

/**
 * Records a page's requests still in flight, so a browser test that times out can say whether the page was
 * waiting on the server (a request sent and unanswered), on the browser (never sent), or on neither.
 */
export function trackRequests(page: Page): { pending: () => string[] } {
  const started = new Map<Request, number>();
  page.on('request', (r) => started.set(r, Date.now()));
  page.on('requestfinished', (r) => started.delete(r));
  page.on('requestfailed', (r) => started.delete(r));
  return {
    pending: () =>
      [...started].map(
        ([r, at]) => `${r.method()} ${r.url()} (${r.resourceType()}), in flight ${Date.now() - at} ms`,
      ),
  };
}
