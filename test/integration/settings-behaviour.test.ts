// Settings that drive behaviour do (issue 11.3): each wired setting changed through the admin API changes
// what the next request, claim, heartbeat, purge… does, on both databases, without a restart.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { settingsClient } from '../helpers/settings.js';
import { multipart, TEST_ADMIN_SECRET, uploadClip } from '../helpers/test-app.js';
import { probeImage } from '../helpers/ffprobe.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';
import { waitFor } from '../helpers/wait.js';

const run = promisify(execFile);
const MIB = 1024 * 1024;

describe.each(DRIVERS)('settings drive behaviour (%s)', (driver) => {
  const t = useTestApp(driver);
  const api = settingsClient(t);
  const set = async (key: string, value: unknown) => {
    const r = await api('PUT', `/api/settings/key/${key}`, { value });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  const unset = (key: string) => api('DELETE', `/api/settings/key/${key}`);
  const admin = (
    method: 'GET' | 'POST',
    url: string,
    body?: { payload: Buffer; headers: Record<string, string> },
  ) =>
    t.adminApp.inject({
      method,
      url,
      headers: { 'x-admin-secret': TEST_ADMIN_SECRET, ...body?.headers },
      ...(body ? { payload: body.payload } : {}),
    });

  // Each test starts from no stored settings, even when the one before failed half-way.
  afterEach(async () => {
    await t.container.db.deleteFrom('settings').execute();
    await t.container.services.settings.refresh();
  });

  it('storage.max_upload_size_mb: the next upload is measured against it (413 above it)', async () => {
    const body = () => multipart({ title: 'big' }, { name: 'big.mp4', content: Buffer.alloc(1.5 * MIB, 7) });
    // Within the limit the bytes are taken (what follows does not matter here).
    expect((await admin('POST', '/api/videos', body())).statusCode).not.toBe(413);
    await set('storage.max_upload_size_mb', 1);
    const refused = await admin('POST', '/api/videos', body());
    expect(refused.statusCode).toBe(413);
    expect((refused.json() as { detail: string }).detail).toMatch(/^File too large/);
    await unset('storage.max_upload_size_mb');
    expect((await admin('POST', '/api/videos', body())).statusCode).not.toBe(413);
  });

  it('storage.thumbnail_width and storage.max_thumbnail_size_mb: the next custom thumbnail', async () => {
    const { rows } = await sql<{ id: number; slug: string }>`
      INSERT INTO videos (title, slug, status, duration) VALUES ('thumb', 'thumb-video', 'ready', 5) RETURNING id, slug
    `.execute(t.container.db);
    const video = rows[0]!;
    const png = path.join(t.dataDir, 'wide.png');
    await run('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'color=red:s=1600x900',
      '-frames:v',
      '1',
      '-y',
      png,
    ]);
    const upload = async (content: Buffer) =>
      admin('POST', `/api/videos/${video.id}/thumbnail/upload`, multipart({}, { name: 'wide.png', content }));
    const image = await readFile(png);
    const thumbnail = path.join(t.config.videosDir, video.slug, 'thumbnail.jpg');
    expect((await upload(image)).statusCode).toBe(200);
    expect((await probeImage(thumbnail)).width).toBe(640);
    await set('storage.thumbnail_width', 320);
    expect((await upload(image)).statusCode).toBe(200);
    expect((await probeImage(thumbnail)).width).toBe(320);
    await unset('storage.thumbnail_width');

    const big = Buffer.concat([image, Buffer.alloc(1.5 * MIB)]); // refused on its declared size
    expect((await upload(big)).statusCode).not.toBe(413);
    await set('storage.max_thumbnail_size_mb', 1);
    expect((await upload(big)).statusCode).toBe(413);
    await unset('storage.max_thumbnail_size_mb');
  });

  it('streaming.default_format/default_codec, transcoding.max_retries: what the next upload gets', async () => {
    await set('streaming.default_format', 'hls_ts');
    await set('streaming.default_codec', 'hevc');
    await set('transcoding.max_retries', 5);
    const { video_id } = await uploadClip(t, 'settings clip');
    const video = await t.container.db
      .selectFrom('videos')
      .selectAll()
      .where('id', '=', video_id)
      .executeTakeFirstOrThrow();
    expect([video.streaming_format, video.primary_codec]).toEqual(['hls_ts', 'hevc']);
    const job = await t.container.db
      .selectFrom('transcoding_jobs')
      .selectAll()
      .where('video_id', '=', video_id)
      .executeTakeFirstOrThrow();
    expect(job.max_attempts).toBe(5);
    for (const k of ['streaming.default_format', 'streaming.default_codec', 'transcoding.max_retries'])
      await unset(k);
  });

  it('workers.claim_duration_minutes and transcoding.retry_backoff_base: the next claim and failure', async () => {
    const worker = await t.container.services.workerRegistry.register({
      workerName: 'w',
      workerType: 'remote',
    });
    const jobs = t.container.services.jobs;
    await set('workers.claim_duration_minutes', 2);
    await set('transcoding.retry_backoff_base', 100);
    const claimed = await jobs.claim({ workerId: worker.worker_id, workerName: 'w' });
    expect(claimed).not.toBeNull();
    const lease = (claimed!.claimExpiresAt!.getTime() - Date.now()) / 1000;
    expect(lease).toBeGreaterThan(100);
    expect(lease).toBeLessThanOrEqual(121);
    await jobs.fail({ jobId: claimed!.jobId, workerId: worker.worker_id, error: 'boom', retry: true });
    const job = await t.container.db
      .selectFrom('transcoding_jobs')
      .selectAll()
      .where('id', '=', claimed!.jobId)
      .executeTakeFirstOrThrow();
    const backoff = (job.claim_expires_at!.getTime() - Date.now()) / 1000;
    expect(backoff).toBeGreaterThan(90);
    expect(backoff).toBeLessThanOrEqual(101);
    await unset('workers.claim_duration_minutes');
    await unset('transcoding.retry_backoff_base');
  });

  it('workers.require_version_match / require_version_field: the next heartbeat; offline threshold: the next listing', async () => {
    const { worker_id, api_key } = await t.container.services.workerRegistry.register({
      workerName: 'v',
      workerType: 'remote',
    });
    const beat = async (payload: object) => {
      const r = await t.workerApp.inject({
        method: 'POST',
        url: '/api/worker/heartbeat',
        headers: { 'x-worker-api-key': api_key },
        payload: { status: 'idle', ...payload },
      });
      expect(r.statusCode, r.body).toBe(200);
      return (r.json() as { version_ok: boolean }).version_ok;
    };
    expect(await beat({ code_version: 'other-version' })).toBe(false);
    await set('workers.require_version_match', false);
    expect(await beat({ code_version: 'other-version' })).toBe(true);
    expect(await beat({})).toBe(true);
    await set('workers.require_version_field', true);
    expect(await beat({})).toBe(false);
    await unset('workers.require_version_match');
    await unset('workers.require_version_field');

    await sql`UPDATE workers SET last_heartbeat = now() - interval '3 minutes' WHERE worker_id = ${worker_id}`.execute(
      t.container.db,
    );
    const status = async () => {
      const list = (await admin('GET', '/api/workers')).json() as {
        workers: Array<{ worker_id: string; status: string }>;
      };
      return list.workers.find((w) => w.worker_id === worker_id)?.status;
    };
    expect(await status()).toBe('idle');
    await set('workers.offline_threshold_minutes', 1);
    expect(await status()).toBe('offline');
    await unset('workers.offline_threshold_minutes');
  });

  it('storage.archive_retention_days: the next purge', async () => {
    const { rows } = await sql<{ id: number }>`
      INSERT INTO videos (title, slug, status, deleted_at) VALUES ('old', 'old-archived', 'ready', now() - interval '10 days') RETURNING id
    `.execute(t.container.db);
    const retention = t.container.services.retention;
    expect(await retention.purgeExpired()).toEqual([]);
    await set('storage.archive_retention_days', 0);
    expect(retention.enabled).toBe(false);
    await set('storage.archive_retention_days', 5);
    expect(await retention.purgeExpired()).toEqual([rows[0]!.id]);
    await unset('storage.archive_retention_days');
  });

  it('webhooks.enabled: whether the next event queues deliveries', async () => {
    await sql`INSERT INTO webhooks (name, url, events) VALUES ('h', 'https://hooks.example.com/x', '["worker.registered"]')`.execute(
      t.container.db,
    );
    const deliveries = async () =>
      (await t.container.db.selectFrom('webhook_deliveries').select('id').execute()).length;
    await t.container.services.workerRegistry.register({ workerName: 'a', workerType: 'remote' });
    await waitFor(async () => ((await deliveries()) === 1 ? true : undefined), {
      timeoutMs: 5000,
      what: 'a delivery',
    });
    await set('webhooks.enabled', false);
    await t.container.services.workerRegistry.register({ workerName: 'b', workerType: 'remote' });
    await new Promise((r) => setTimeout(r, 300)); // time for a wrongly queued delivery to land
    expect(await deliveries()).toBe(1);
    await unset('webhooks.enabled');
  });

  it('GET /api/worker/settings: what workers apply, as resolved now', async () => {
    const { api_key } = await t.container.services.workerRegistry.register({
      workerName: 's',
      workerType: 'remote',
    });
    const get = async () =>
      (
        await t.workerApp.inject({
          method: 'GET',
          url: '/api/worker/settings',
          headers: { 'x-worker-api-key': api_key },
        })
      ).json() as {
        settings: Record<string, unknown>;
        from_database: string[];
      };
    expect((await get()).from_database).toEqual([]);
    expect((await get()).settings).toEqual({
      'transcoding.hls_segment_duration': 6,
      'transcoding.ffmpeg_timeout_multiplier': 2,
      'transcoding.ffmpeg_timeout_minimum': 300,
      'transcoding.ffmpeg_timeout_maximum': 14400,
      'workers.heartbeat_interval': 30,
      'workers.poll_interval': 0.2, // the test app's VLOG_WORKER_POLL_INTERVAL
      'workers.progress_update_interval': 0.2,
      'streaming.enable_dash': true,
      'streaming.segment_duration': 6,
    });
    await set('transcoding.hls_segment_duration', 2);
    await set('streaming.enable_dash', false);
    expect(await get()).toMatchObject({
      settings: { 'transcoding.hls_segment_duration': 2, 'streaming.enable_dash': false },
      from_database: ['transcoding.hls_segment_duration', 'streaming.enable_dash'],
    });
    await unset('transcoding.hls_segment_duration');
    await unset('streaming.enable_dash');
  });
});
