// The admin API called directly over HTTP with the admin secret, for browser tests' setup and checks
// (the page under test does its own calls). Sign-in and uploads: admin-page.ts.
import type { ServerProcess } from './server-process.js';
import { waitFor } from './wait.js';

export async function adminJson<T = unknown>(
  server: ServerProcess,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.adminUrl}${path}`, {
    method,
    headers: {
      'X-Admin-Secret': server.adminSecret,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** Chromium logs each 4xx answer as a console error; a test that provokes a 400 on purpose drops those. */
export const withoutExpected400 = (errors: string[]) => errors.filter((e) => !/status of 400/.test(e));

/** Waits until every one of `ids` is ready (uploaded videos transcoded by the server's local worker). */
export async function waitVideosReady(
  server: ServerProcess,
  ids: number[],
  timeoutMs = 150_000,
): Promise<void> {
  await waitFor(
    async () => {
      const statuses = await Promise.all(
        ids.map(
          async (id) => (await adminJson<{ status: string }>(server, 'GET', `/api/videos/${id}`)).body.status,
        ),
      );
      if (statuses.includes('failed')) throw new Error(`a transcode failed\n${server.output()}`);
      return statuses.every((s) => s === 'ready') ? true : undefined;
    },
    { timeoutMs, intervalMs: 250, what: `video(s) ${ids.join(', ')} to be ready` },
  );
}
