// The admin API called directly over HTTP with the admin secret, for browser tests' setup and checks
// (the page under test does its own calls). Sign-in and uploads: admin-page.ts.
import type { ServerProcess } from './server-process.js';

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
