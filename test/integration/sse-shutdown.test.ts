// A stopping server ends the admin's open progress stream (GET /api/events/progress) instead of waiting for
// the browser to go away: `vlog serve` used to hang on SIGTERM while an admin page was open.
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createTestApp, TEST_ADMIN_SECRET } from '../helpers/test-app.js';

describe('shutdown with an open progress stream', () => {
  it('closing the admin app ends the stream at once', async () => {
    const t = await createTestApp('pglite');
    try {
      await t.adminApp.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.adminApp.server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/api/events/progress`, {
        headers: { 'X-Admin-Secret': TEST_ADMIN_SECRET },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      expect(first).toContain('retry');

      const started = Date.now();
      const closed = await Promise.race([
        t.adminApp.close().then(() => 'closed'),
        new Promise((resolve) => setTimeout(() => resolve('still open after 5 s'), 5000)),
      ]);
      expect(closed).toBe('closed');
      expect(Date.now() - started).toBeLessThan(2000);
      // The client sees the stream end (and would reconnect to the next server).
      let done = false;
      while (!done) done = (await reader.read()).done;
      expect(done).toBe(true);
    } finally {
      await t.close();
    }
  });
});
