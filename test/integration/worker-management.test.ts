// Worker liveness and management (api-worker.md §4.2, §6, §7; api-admin.md §11): heartbeat metadata
// merge and version gate, the offline sweep, admin views, disable/enable/delete/revoke.
import { sql } from 'kysely';
import type { WorkerOfflineEvent } from '../../src/domain/workers/worker-events.js';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';
import { MANAGED_WORKERS_ENV, workerFixtures } from '../helpers/worker-fixtures.js';

describe.each(DRIVERS)('worker management (%s)', (driver) => {
  const t = useTestApp(driver, MANAGED_WORKERS_ENV);
  const {
    registerViaApi,
    register,
    heartbeat,
    beat,
    admin,
    row,
    metadata,
    backdate,
    adminWorker,
    claimedJob,
  } = workerFixtures(() => t);

  describe('heartbeat', () => {
    it('merges metadata: capabilities survive later heartbeats that do not carry them', async () => {
      const w = await registerViaApi('merge');
      const first = await beat(w.key, {
        status: 'idle',
        code_version: 'v1',
        metadata: {
          capabilities: { hwaccel_enabled: true, hwaccel_type: 'nvidia', gpu_name: 'RTX 4000', unknown: 1 },
          deployment_type: 'docker',
        },
      });
      expect(first).toMatchObject({
        status: 'ok',
        required_version: 'v1',
        version_ok: true,
        worker_status: 'idle',
        current_job_id: null,
        commands: [],
      });
      await beat(w.key, { status: 'busy' });
      await beat(w.key, { status: 'idle', metadata: { pod_name: 'pod-1' } });
      const stored = await metadata(w.id);
      expect(stored).toMatchObject({
        deployment_type: 'docker',
        pod_name: 'pod-1',
        code_version: 'v1',
        capabilities: {
          hwaccel_enabled: true,
          hwaccel_type: 'nvidia',
          gpu_name: 'RTX 4000',
          supported_codecs: ['h264'],
          max_concurrent_encode_sessions: 1,
        },
      });
      expect((stored.capabilities as Record<string, unknown>).unknown).toBeUndefined();
      expect(JSON.parse((await row(w.id)).capabilities ?? '{}')).toMatchObject({ gpu_name: 'RTX 4000' });
      expect(await adminWorker(w.id)).toMatchObject({
        status: 'idle',
        hwaccel_enabled: true,
        hwaccel_type: 'nvidia',
        gpu_name: 'RTX 4000',
        code_version: 'v1',
        deployment_type: 'docker',
      });
      // New capabilities replace the old ones as a whole.
      await beat(w.key, { status: 'idle', metadata: { capabilities: { hwaccel_enabled: false } } });
      expect((await metadata(w.id)).capabilities).toMatchObject({
        hwaccel_enabled: false,
        hwaccel_type: 'none',
      });
    });

    it('reports the version gate; refuses bad metadata', async () => {
      const w = await register('version');
      expect((await beat(w.key, { status: 'idle', code_version: 'v2' })).version_ok).toBe(false);
      expect((await beat(w.key, { status: 'idle' })).version_ok).toBe(true); // field not required
      const tooMany = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i]));
      expect((await heartbeat(w.key, { status: 'idle', metadata: tooMany })).statusCode).toBe(400);
      const tooLarge = await heartbeat(w.key, { status: 'idle', metadata: { blob: 'x'.repeat(10_001) } });
      expect(tooLarge.statusCode).toBe(400);
      expect(tooLarge.json()).toEqual({ detail: 'Metadata JSON too large (max 10KB)' });
      expect((await heartbeat(w.key, { status: 'sleeping' })).statusCode).toBe(400);
      const badCaps = await heartbeat(w.key, {
        status: 'idle',
        metadata: { capabilities: { hwaccel_type: 'x'.repeat(21) } },
      });
      expect(badCaps.statusCode).toBe(400);
    });
  });

  describe('webhooks', () => {
    it('records worker.registered and worker.offline as pending deliveries of the subscribed active webhooks', async () => {
      const db = t.container.db;
      const hook = (name: string, events: string[], active = true) =>
        db
          .insertInto('webhooks')
          .values({ name, url: `https://hooks.example/${name}`, events: JSON.stringify(events), active })
          .returning('id')
          .executeTakeFirstOrThrow();
      const offlineHook = await hook('ops', ['worker.offline', 'worker.registered']);
      const videoHook = await hook('videos', ['video.ready']);
      const inactive = await hook('off', ['worker.offline'], false);
      const deliveries = (webhookId: number) =>
        db
          .selectFrom('webhook_deliveries')
          .selectAll()
          .where('webhook_id', '=', webhookId)
          .orderBy('id')
          .execute();

      const w = await registerViaApi('hooked');
      await backdate(w.id, 20);
      await t.container.services.workerRegistry.sweep();
      // The trigger runs after the event, off the request: wait for its transaction.
      await waitFor(async () => ((await deliveries(offlineHook.id)).length >= 2 ? true : undefined), {
        timeoutMs: 5_000,
        what: 'the webhook deliveries',
      });
      // Both triggers run off their requests: on a loaded machine either may commit first.
      const order = ['worker.registered', 'worker.offline'];
      const mine = (await deliveries(offlineHook.id))
        .filter((d) => d.event_data.includes(w.id))
        .sort((a, b) => order.indexOf(a.event_type) - order.indexOf(b.event_type));
      expect(mine.map((d) => [d.event_type, d.status, d.attempt_number])).toEqual([
        ['worker.registered', 'pending', 1],
        ['worker.offline', 'pending', 1],
      ]);
      expect(JSON.parse(mine[1]?.event_data ?? '{}')).toMatchObject({
        worker_id: w.id,
        worker_name: 'hooked',
      });
      expect(mine.every((d) => d.next_retry_at !== null)).toBe(true);
      expect(await deliveries(videoHook.id)).toEqual([]);
      expect(await deliveries(inactive.id)).toEqual([]);
      const counters = await db
        .selectFrom('webhooks')
        .select(['total_deliveries', 'last_triggered_at'])
        .where('id', '=', offlineHook.id)
        .executeTakeFirstOrThrow();
      expect(counters.total_deliveries).toBeGreaterThanOrEqual(2);
      expect(counters.last_triggered_at).not.toBeNull();
    });
  });

  describe('offline sweep (fractional threshold: 0.25 minute)', () => {
    it('marks only stale workers offline, once; a racing heartbeat wins; a heartbeat brings a worker back', async () => {
      expect(t.config.workerOfflineThresholdMinutes).toBe(0.25);
      const stale = await register('stale');
      const fresh = await register('fresh');
      const raced = await register('raced');
      await backdate(stale.id, 20);
      await backdate(fresh.id, 5);
      await backdate(raced.id, 20);
      await beat(raced.key); // lands before the sweep's conditional update
      const events: WorkerOfflineEvent[] = [];
      const off = t.container.workerEvents.on('worker.offline', (e) => events.push(e));
      try {
        const first = await t.container.services.workerRegistry.sweep();
        const mine = (ids: string[]) => ids.filter((id) => [stale.id, fresh.id, raced.id].includes(id));
        expect(mine(first.offline.map((w) => w.worker_id))).toEqual([stale.id]);
        expect(events.find((e) => e.worker_id === stale.id)).toMatchObject({
          worker_name: 'stale',
          worker_type: 'remote',
        });
        const second = await t.container.services.workerRegistry.sweep();
        expect(mine(second.offline.map((w) => w.worker_id))).toEqual([]);
      } finally {
        off();
      }
      expect((await row(stale.id)).status).toBe('offline');
      expect((await row(fresh.id)).status).toBe('active');
      expect(await adminWorker(stale.id)).toMatchObject({ status: 'offline' });

      const back = await beat(stale.key, { status: 'idle' });
      expect(back.worker_status).toBe('idle');
      expect((await row(stale.id)).status).toBe('idle');
      expect(await adminWorker(stale.id)).toMatchObject({ status: 'idle' });
    });
  });

  describe('admin views and actions', () => {
    it('lists workers with their current job; detail; active jobs', async () => {
      const w = await register('busy-one');
      await beat(w.key, { status: 'busy' });
      const { jobId, videoId } = await claimedJob(w.id, `busy-${driver}`);
      // A finished job of this worker counts in its statistics.
      const done = await t.db.db
        .insertInto('videos')
        .values({ title: 'done', slug: `done-${driver}`, status: 'ready' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db.db
        .insertInto('transcoding_jobs')
        .values({
          video_id: done.id,
          processed_by_worker_id: w.id,
          started_at: sql<Date>`now() - interval '90 seconds'`,
          completed_at: sql<Date>`now()`,
        })
        .execute();

      const listed = await adminWorker(w.id);
      expect(listed).toMatchObject({
        status: 'active',
        current_job_id: jobId,
        current_video_slug: `busy-${driver}`,
        jobs_completed: 1,
        jobs_failed: 0,
      });
      const list = (await admin('GET', '/api/workers')).json<{
        total_count: number;
        active_count: number;
        idle_count: number;
        offline_count: number;
        disabled_count: number;
      }>();
      expect(list.total_count).toBe(
        list.active_count + list.idle_count + list.offline_count + list.disabled_count,
      );

      const detail = await admin('GET', `/api/workers/${w.id}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).toMatchObject({
        worker_id: w.id,
        worker_name: 'busy-one',
        status: 'active',
        jobs_completed: 1,
        recent_jobs: [{ video_id: done.id, status: 'completed' }],
      });
      expect(detail.json<{ avg_job_duration_seconds: number }>().avg_job_duration_seconds).toBeCloseTo(90, 0);
      const missing = await admin('GET', '/api/workers/00000000-0000-4000-8000-000000000000');
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual({ detail: 'Worker not found' });

      const active = await admin('GET', '/api/workers/active-jobs');
      expect(active.statusCode).toBe(200);
      const job = active
        .json<{ jobs: Array<Record<string, unknown>> }>()
        .jobs.find((j) => j.job_id === jobId);
      expect(job).toMatchObject({
        video_id: videoId,
        worker_id: w.id,
        worker_name: 'busy-one',
        status: 'processing',
        current_step: 'transcode',
        progress_percent: 40,
        qualities: [{ name: '720p', status: 'in_progress', progress: 50 }],
        attempt: 1,
        max_attempts: 3,
      });
    });

    it('disable releases the job and locks the worker out; enable lets it back', async () => {
      const w = await register('to-disable');
      const { jobId, videoId } = await claimedJob(w.id, `disable-${driver}`);
      const res = await admin('PUT', `/api/workers/${w.id}/disable`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', message: 'Worker disabled' });
      const job = await t.db.db
        .selectFrom('transcoding_jobs')
        .selectAll()
        .where('id', '=', jobId)
        .executeTakeFirstOrThrow();
      expect(job).toMatchObject({
        worker_id: null,
        claimed_at: null,
        claim_expires_at: null,
        completed_at: null,
      });
      const video = await t.db.db
        .selectFrom('videos')
        .select('status')
        .where('id', '=', videoId)
        .executeTakeFirstOrThrow();
      expect(video.status).toBe('pending');
      expect((await heartbeat(w.key)).statusCode).toBe(403);
      expect(await adminWorker(w.id)).toMatchObject({ status: 'disabled', current_job_id: null });
      const again = await admin('PUT', `/api/workers/${w.id}/disable`);
      expect(again.statusCode).toBe(400);

      expect((await admin('PUT', `/api/workers/${w.id}/enable`)).statusCode).toBe(200);
      expect((await heartbeat(w.key)).statusCode).toBe(200);
      const notDisabled = await admin('PUT', `/api/workers/${w.id}/enable`);
      expect(notDisabled.statusCode).toBe(400);
      expect(notDisabled.json()).toEqual({ detail: 'Worker is not disabled' });
      for (const url of [`/api/workers/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/disable`]) {
        expect((await admin('PUT', url)).statusCode).toBe(404);
      }
    });

    it('delete removes the worker and its keys and detaches its jobs; revoke disables and revokes', async () => {
      const w = await register('to-delete');
      const { jobId } = await claimedJob(w.id, `delete-${driver}`);
      const pk = (await row(w.id)).id;
      const res = await admin('DELETE', `/api/workers/${w.id}?revoke_keys=true`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', message: 'Worker deleted' });
      expect(
        await t.db.db.selectFrom('workers').select('id').where('worker_id', '=', w.id).execute(),
      ).toEqual([]);
      expect(
        await t.db.db.selectFrom('worker_api_keys').select('id').where('worker_id', '=', pk).execute(),
      ).toEqual([]);
      const job = await t.db.db
        .selectFrom('transcoding_jobs')
        .selectAll()
        .where('id', '=', jobId)
        .executeTakeFirstOrThrow();
      expect(job.worker_id).toBeNull();
      expect(job.processed_by_worker_id).toBe(w.id); // history kept
      expect((await heartbeat(w.key)).statusCode).toBe(401);
      expect((await admin('DELETE', `/api/workers/${w.id}`)).statusCode).toBe(404);

      const r = await register('to-revoke');
      const revoked = await admin('POST', `/api/workers/${r.id}/revoke`);
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json()).toEqual({ status: 'ok', message: `Worker ${r.id} has been revoked` });
      expect((await heartbeat(r.key)).statusCode).toBe(401);
      expect(await adminWorker(r.id)).toMatchObject({ status: 'disabled' });
    });
  });
});
