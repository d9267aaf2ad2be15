// The admin SPA in Chromium for end-to-end tests: the server and browser of a describe block, a signed-in page that records every console error and
// uncaught exception, and the admin API called directly (X-Admin-Secret) to set up data.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { createTestDb, type TestDatabase } from './test-db.js';

/**
 * `vlog serve` and Chromium for a describe block: started before its tests, stopped after. Read the fields
 * inside tests and hooks (they are set once beforeAll ran). With `postgres` the server runs on a fresh
 * PostgreSQL database that the test may also write to (`db`): the embedded PGlite admits one process only.
 */
export function useServerAndBrowser(
  env: Record<string, string> = {},
  options: { postgres?: boolean } = {},
): { server: ServerProcess; browser: Browser; db?: TestDatabase } {
  const ctx = {} as { server: ServerProcess; browser: Browser; db?: TestDatabase };
  beforeAll(async () => {
    if (options.postgres) ctx.db = await createTestDb('postgres');
    const serverEnv = ctx.db ? { ...env, VLOG_DATABASE_URL: ctx.db.url } : env;
    [ctx.server, ctx.browser] = await Promise.all([startServerProcess(serverEnv), launchBrowser()]);
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
    await ctx.db?.close();
  });
  return ctx;
}

export interface AdminPage {
  page: Page;
  /** Console errors and page errors seen so far (a test asserts this stays empty). */
  errors: string[];
}

/** A new page on the admin app, signed in with the server's secret, with its errors collected. */
export async function openAdmin(browser: Browser, server: ServerProcess, hash = ''): Promise<AdminPage> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  await page.goto(`${server.adminUrl}/${hash}`);
  await page.fill('#login-secret', server.adminSecret);
  await page.locator('#login-form').evaluate((f: HTMLFormElement) => f.requestSubmit());
  await page.waitForSelector('#login-form', { state: 'hidden' });
  await page.waitForSelector('#app', { state: 'visible' });
  return { page, errors };
}

/** `POST /api/videos` as an API client would; returns the new video's id and slug. */
export async function uploadViaApi(
  server: ServerProcess,
  file: string,
  title: string,
): Promise<{ video_id: number; slug: string }> {
  const body = new FormData();
  body.append('title', title);
  body.append('file', new Blob([await readFile(file)], { type: 'video/mp4' }), path.basename(file));
  const res = await fetch(`${server.adminUrl}/api/videos`, {
    method: 'POST',
    headers: { 'X-Admin-Secret': server.adminSecret },
    body,
  });
  if (!res.ok) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { video_id: number; slug: string };
}

/** Titles the admin API lists (to check what the UI did on the server). */
export async function listTitles(server: ServerProcess): Promise<string[]> {
  const res = await fetch(`${server.adminUrl}/api/videos?limit=100`, {
    headers: { 'X-Admin-Secret': server.adminSecret },
  });
  const data = (await res.json()) as { videos: Array<{ title: string }> };
  return data.videos.map((v) => v.title);
}
