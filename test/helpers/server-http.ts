// Calls the end-to-end tests make to a server process over real HTTP: uploading a clip through the
// admin API, and registering a worker with the worker admin secret.
import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import { getClip, type ClipName } from './media-clips.js';

/** Uploads `clip` (sent as `fileName`) through POST /api/videos of the admin API at `adminUrl`. */
export async function uploadOverHttp(
  adminUrl: string,
  secret: string,
  upload: { clip: ClipName; title: string; fileName?: string },
): Promise<{ video_id: number; slug: string }> {
  const form = new FormData();
  form.set('title', upload.title);
  const file = new Blob([await readFile(await getClip(upload.clip))]);
  form.set('file', file, upload.fileName ?? `${upload.clip}.mp4`);
  const res = await fetch(`${adminUrl}/api/videos`, {
    method: 'POST',
    headers: { 'X-Admin-Secret': secret },
    body: form,
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { video_id: number; slug: string };
}

/** Registers a worker named `name` at the worker API at `workerUrl`: its id and API key. */
export async function registerWorkerOverHttp(
  workerUrl: string,
  workerSecret: string,
  name: string,
): Promise<{ worker_id: string; api_key: string }> {
  const res = await fetch(`${workerUrl}/api/worker/register`, {
    method: 'POST',
    headers: { 'x-admin-secret': workerSecret, 'content-type': 'application/json' },
    body: JSON.stringify({ worker_name: name }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { worker_id: string; api_key: string };
}
