// Shared by the delete-fencing tests: admin calls, the rows of a video and its transcode, and what a
// video directory holds.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { TEST_ADMIN_SECRET, type TestApp } from './test-app.js';

export const AUTH = { 'x-admin-secret': TEST_ADMIN_SECRET };

export const admin = (t: TestApp, method: 'POST' | 'DELETE', url: string) =>
  t.adminApp.inject({ method, url, headers: AUTH });
export const videoRow = (t: TestApp, id: number) =>
  t.container.db.selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirst();
export const transcodingJob = (t: TestApp, id: number) =>
  t.container.db.selectFrom('transcoding_jobs').selectAll().where('video_id', '=', id).executeTakeFirst();

/** Every file under `dir`, relative ('/'-separated); none when it does not exist. */
export async function listing(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}
