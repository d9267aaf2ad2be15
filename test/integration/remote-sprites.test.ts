// Sprite sheet jobs run by a remote worker over the worker API (issue 4): the same runner as the local
// worker's, with the source downloaded and each sheet uploaded (SHA-256 verified) over HTTP, then one
// publish that swaps the set in; only the claiming worker may touch the job.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpriteRunner, spriteSettingsFrom } from '../../src/worker/sprite.runner.js';
import { createHttpSpriteJobs } from '../../src/worker/remote/http-sprite-jobs.js';
import { createWorkerApiClient } from '../../src/worker/remote/worker-api-client.js';
import { getClip } from '../helpers/media-clips.js';
import { createTestApp, TEST_ADMIN_SECRET, type TestApp } from '../helpers/test-app.js';
import { videoRow } from '../helpers/rows.js';

const WORKER_SECRET = 'test-worker-admin-secret-0123456789';

describe('sprite jobs on a remote worker (postgres)', () => {
  let t: TestApp;
  let address: string;
  let scratch: string;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp('postgres', {
      VLOG_WORKER_ADMIN_SECRET: WORKER_SECRET,
      VLOG_SPRITE_SHEET_FRAME_INTERVAL: '1',
      VLOG_SPRITE_SHEET_TILE_SIZE: '5',
    });
    for (const name of ['sprites-a', 'sprites-b']) {
      const res = await t.workerApp.inject({
        method: 'POST',
        url: '/api/worker/register',
        headers: { 'x-admin-secret': WORKER_SECRET },
        payload: { worker_name: name },
      });
      keys[name] = res.json<{ api_key: string }>().api_key;
    }
    address = await t.workerApp.listen({ port: 0, host: '127.0.0.1' });
    scratch = await mkdtemp(path.join(os.tmpdir(), 'vlog-remote-sprites-'));
  });
  afterAll(async () => {
    await t?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('claims, downloads, uploads and publishes sheets over HTTP; other workers are refused', async () => {
    const v = await t.db.db
      .insertInto('videos')
      .values({
        title: 'Remote sprites',
        slug: 'remote-sprites',
        status: 'ready',
        duration: 5,
        published_at: new Date(),
      })
      .returning(['id', 'slug'])
      .executeTakeFirstOrThrow();
    await copyFile(await getClip('landscape480x5s'), t.container.layout.uploadFile(v.id, '.mp4'));
    await mkdir(t.container.layout.videoDir(v.slug), { recursive: true });
    const queued = await t.adminApp.inject({
      method: 'POST',
      url: `/api/videos/${v.id}/sprites/generate`,
      headers: { 'x-admin-secret': TEST_ADMIN_SECRET },
      payload: { priority: 'high' },
    });
    expect(queued.statusCode, queued.body).toBe(200);

    const client = createWorkerApiClient({ baseUrl: address, apiKey: keys['sprites-a'] as string });
    const remote = createHttpSpriteJobs(client);
    const runner = createSpriteRunner({ ...remote, settings: spriteSettingsFrom(t.container.config) });
    const job = await runner.claim();
    expect(job).toMatchObject({ videoId: v.id, slug: v.slug });
    if (!job) return;

    // The other worker may not read the source, upload, publish, complete or give the job back.
    const other = { 'x-worker-api-key': keys['sprites-b'] as string };
    for (const [method, what] of [
      ['GET', 'source'],
      ['POST', 'publish'],
      ['POST', 'release'],
    ] as const) {
      const res = await t.workerApp.inject({
        method,
        url: `/api/worker/sprites/${job.jobId}/${what}`,
        headers: other,
      });
      expect(res.statusCode, what).toBe(403);
    }
    const sneaky = await t.workerApp.inject({
      method: 'PUT',
      url: `/api/worker/sprites/${job.jobId}/files/sprite_01.jpg`,
      headers: { ...other, 'content-type': 'application/octet-stream', 'x-content-sha256': 'a'.repeat(64) },
      payload: Buffer.from('x'),
    });
    expect(sneaky.statusCode).toBe(403);
    // The owner may not upload anything but sheets and the track.
    const data = Buffer.from('not a sheet');
    for (const name of ['..%2Fthumbnail.jpg', 'master.m3u8', 'sprite_1.jpg%2F..']) {
      const res = await t.workerApp.inject({
        method: 'PUT',
        url: `/api/worker/sprites/${job.jobId}/files/${name}`,
        headers: {
          'x-worker-api-key': keys['sprites-a'] as string,
          'content-type': 'application/octet-stream',
          'x-content-sha256': createHash('sha256').update(data).digest('hex'),
        },
        payload: data,
      });
      expect([400, 404], `${name}: ${res.body}`).toContain(res.statusCode);
    }

    const outcome = await runner.run(job, { signal: new AbortController().signal, scratchDir: scratch });
    expect(outcome).toBe('completed');
    const dir = t.container.layout.videoDir(v.slug);
    expect(await readdir(path.join(dir, 'sprites'))).toEqual(['sprite_01.jpg']);
    expect((await readdir(dir)).filter((n) => n.startsWith('.'))).toEqual([]); // no staging left
    const vtt = await readFile(path.join(dir, 'sprites.vtt'), 'utf8');
    expect(vtt.match(/sprites\/sprite_01\.jpg#xywh=/g)).toHaveLength(5);
    const row = await videoRow(t, v.id);
    expect(row).toMatchObject({
      sprite_sheet_status: 'ready',
      sprite_sheet_count: 1,
      sprite_sheet_interval: 1,
    });
    const queue = await t.db.db
      .selectFrom('sprite_queue')
      .selectAll()
      .where('id', '=', job.jobId)
      .executeTakeFirstOrThrow();
    expect(queue.status).toBe('completed');
    // Done: the job can no longer be touched.
    const late = await t.workerApp.inject({
      method: 'POST',
      url: `/api/worker/sprites/${job.jobId}/release`,
      headers: { 'x-worker-api-key': keys['sprites-a'] as string },
    });
    expect(late.statusCode).toBe(409);
  });
});
