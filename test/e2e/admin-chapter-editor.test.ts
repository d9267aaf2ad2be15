// The admin chapter editor in real Chromium against `vlog serve` (cookie session, so every change carries
// the CSRF token): add two chapters (a bad time refused in the form, a server refusal shown there too),
// move one up, edit, delete after a confirm, then auto-detect from a real upload's embedded chapters,
// replacing what was there. The editor is mounted alone on the admin origin (fixtures/…-harness.tsx).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ChapterList } from '../../src/contracts/api/chapter.contract.js';
import { openAdmin, uploadViaApi, useServerAndBrowser } from '../helpers/admin-page.js';
import { clipWithChapters } from '../helpers/chapter-clips.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCREENSHOT = path.resolve(HERE, '../../.cache/screenshots/admin-chapter-editor.png');

async function harnessScript(): Promise<string> {
  const out = await build({
    entryPoints: [path.join(HERE, 'fixtures/chapter-editor-harness.tsx')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'warning',
  });
  return out.outputFiles[0]!.text;
}

/** Serves the harness page on the admin origin (its cookies and CSRF flow are the SPA's own). */
async function openEditor(page: Page, adminUrl: string, video: number, duration: number): Promise<void> {
  const script = await harnessScript();
  await page.route(`${adminUrl}/__chapters/**`, (route) => {
    const isScript = route.request().url().endsWith('.js');
    return route.fulfill({
      contentType: isScript ? 'text/javascript' : 'text/html',
      body: isScript
        ? script
        : `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chapters</title>
<link rel="stylesheet" href="/static/admin.css"></head>
<body><main class="card" style="max-width:760px;margin:24px auto;padding:20px"><h2>Chapters</h2>
<div id="editor"></div></main><div id="toast-region" aria-live="polite"></div>
<script type="module" src="/__chapters/harness.js"></script></body></html>`,
    });
  });
  await page.goto(`${adminUrl}/__chapters/page?video=${video}&duration=${duration}`);
}

/** Waits for a value (the server's work, a re-render); the machine may be loaded, so not vitest's 1 s. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });

describe('admin chapter editor in Chromium', () => {
  const ctx = useServerAndBrowser({ VLOG_LOCAL_WORKER: 'false' });

  it('adds, reorders, edits, deletes and auto-detects chapters, showing refusals', async () => {
    const { server, browser } = ctx;
    const clip = await clipWithChapters(
      [
        { title: 'Intro', start: 0, end: 30 },
        { title: 'Main part', start: 30, end: 90 },
        { title: 'Outro', start: 90, end: 120 },
      ],
      120,
    );
    const { video_id: id } = await uploadViaApi(server, clip, 'Chaptered upload');
    const chapters = async () => {
      const res = await fetch(`${server.adminUrl}/api/videos/${id}/chapters`, {
        headers: { 'X-Admin-Secret': server.adminSecret },
      });
      return ((await res.json()) as ChapterList).chapters.map((c) => [c.title, c.start_time, c.end_time]);
    };

    const { page, errors } = await openAdmin(browser, server);
    // duration 0 (unknown to the page): the server's own duration check answers instead.
    await openEditor(page, server.adminUrl, id, 0);
    const editor = page.locator('.chapter-editor');
    await poll(() => editor.locator('.chapter-empty').textContent()).toBe('No chapters yet');

    const form = editor.locator('form.chapter-form');
    await editor.locator('[data-action="add-chapter"]').click();
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('title');
    await form.locator('[name=title]').fill('Opening');
    await form.locator('[name=start]').fill('soon');
    await form.locator('[name=start]').press('Enter');
    await poll(() => form.locator('.chapter-form-error').textContent()).toMatch(/Start must be a time/);
    await form.locator('[name=start]').fill('5:00');
    await form.locator('button[type=submit]').click();
    await poll(() => form.locator('.chapter-form-error').textContent()).toBe(
      "Start time (300s) must be before the video's duration (120s)",
    );
    await form.locator('[name=start]').fill('0:10');
    await form.locator('[name=end]').fill('0:40');
    await form.locator('[name=description]').fill('How it begins');
    await form.locator('button[type=submit]').click();
    await poll(() => editor.locator('.chapter-item').count()).toBe(1);

    await editor.locator('[data-action="add-chapter"]').click();
    await form.locator('[name=title]').fill('Second');
    await form.locator('[name=start]').fill('1:05');
    await form.locator('[name=title]').press('Enter');
    await poll(() => editor.locator('.chapter-item').count()).toBe(2);
    expect(await chapters()).toEqual([
      ['Opening', 10, 40],
      ['Second', 65, null],
    ]);

    const second = editor.locator('.chapter-item', { hasText: 'Second' });
    await second.locator('[data-action="move-up"]').click();
    await poll(() => editor.locator('.chapter-title').allTextContents()).toEqual(['Second', 'Opening']);
    expect((await chapters()).map((c) => c[0])).toEqual(['Second', 'Opening']);
    // The moved chapter keeps the focus (now on its "Move down": it is first).
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe(
      'move-down',
    );

    await editor.locator('.chapter-item', { hasText: 'Opening' }).locator('[data-action="edit"]').click();
    const editForm = editor.locator('.chapter-item form.chapter-form');
    expect(await editForm.locator('[name=start]').inputValue()).toBe('0:10');
    await editForm.locator('[name=title]').fill('Opening titles');
    await editForm.locator('button[type=submit]').click();
    await poll(() => editor.locator('.chapter-title').allTextContents()).toEqual([
      'Second',
      'Opening titles',
    ]);

    await editor.locator('.chapter-item', { hasText: 'Second' }).locator('[data-action="delete"]').click();
    await page.locator('#confirm-cancel').click();
    expect(await editor.locator('.chapter-item').count()).toBe(2);
    await editor.locator('.chapter-item', { hasText: 'Second' }).locator('[data-action="delete"]').click();
    await page.locator('#confirm-ok').click();
    await poll(() => editor.locator('.chapter-title').allTextContents()).toEqual(['Opening titles']);

    await editor.locator('[name="min-length"]').fill('10');
    await editor.locator('[data-action="auto-detect"]').click();
    await poll(() => page.locator('#confirm-dialog').textContent()).toContain('1 chapter(s)');
    await page.locator('#confirm-ok').click();
    await poll(() => editor.locator('.chapter-title').allTextContents()).toEqual([
      'Intro',
      'Main part',
      'Outro',
    ]);
    expect(await chapters()).toEqual([
      ['Intro', 0, 30],
      ['Main part', 30, 90],
      ['Outro', 90, 120],
    ]);
    await page.locator('.toast', { hasText: 'Created 3 chapter(s)' }).waitFor();

    await editor.locator('.chapter-item', { hasText: 'Outro' }).locator('[data-action="edit"]').click();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await editor.locator('.chapter-item form.chapter-form [name=title]').press('Escape');
    await poll(() => editor.locator('form.chapter-form').count()).toBe(0);
    // The one refused save (the start past the duration) is logged by Chromium as a failed load; nothing else.
    expect(errors).toEqual([expect.stringMatching(/status of 400 .*\/api\/videos\/\d+\/chapters\)$/)]);
  }, 120_000);
});
