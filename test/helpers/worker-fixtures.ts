// Fixtures for the worker tests: workers with keys, heartbeats, admin calls, claimed jobs.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { TEST_ADMIN_SECRET, type TestApp } from './test-app.js';

export const WORKER_SECRET = 'test-worker-admin-secret-0123456789';
/** The app of the worker-management tests: a 15 s offline threshold, 10 min command timeout, code v1. */
export const MANAGED_WORKERS_ENV = {
  VLOG_WORKER_ADMIN_SECRET: WORKER_SECRET,
  VLOG_WORKER_OFFLINE_THRESHOLD: '0.25', // 15 s
  VLOG_WORKER_COMMAND_TIMEOUT: '10', // minutes
  VLOG_CODE_VERSION: 'v1',
};
const ADMIN = { 'x-admin-secret': TEST_ADMIN_SECRET };

export interface Heartbeat {
  status: string;
  required_version: string;
  version_ok: boolean;
  worker_status: string;
  current_job_id: number | null;
  commands: Array<{ id: number; command: string; params: object }>;
}
export interface AdminWorker {
  worker_id: string;
  status: string;
  current_job_id: number | null;
  current_video_slug: string | null;
  hwaccel_enabled: boolean;
  hwaccel_type: string | null;
  gpu_name: string | null;
  code_version: string | null;
  deployment_type: string | null;
  jobs_completed: number;
  jobs_failed: number;
}

/** Helpers bound to a test app started with VLOG_WORKER_ADMIN_SECRET = WORKER_SECRET. */
export function workerFixtures(app: () => TestApp) {
  /** Registration through the API (pays one argon2 hash). */
  const registerViaApi = async (name: string) => {
    const res = await app().workerApp.inject({
      method: 'POST',
      url: '/api/worker/register',
      headers: { 'x-admin-secret': WORKER_SECRET },
      payload: { worker_name: name },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ worker_id: string; api_key: string }>();
    return { id: body.worker_id, key: body.api_key };
  };
  /**
   * A registered worker with a legacy SHA-256 key row: same behaviour, no argon2 cost per test.
   * `hashVersion` stores the row under another hash format (one the server must refuse).
   */
  const register = async (name: string, hashVersion = 1) => {
    const key = randomBytes(32).toString('base64url');
    const w = await app()
      .db.db.insertInto('workers')
      .values({
        worker_id: randomUUID(),
        worker_name: name,
        worker_type: 'remote',
        status: 'active',
        registered_at: sql<Date>`now()`,
        last_heartbeat: sql<Date>`now()`,
      })
      .returning(['id', 'worker_id'])
      .executeTakeFirstOrThrow();
    await app()
      .db.db.insertInto('worker_api_keys')
      .values({
        worker_id: w.id,
        key_prefix: key.slice(0, 8),
        key_hash: createHash('sha256').update(key).digest('hex'),
        hash_version: hashVersion,
        created_at: sql<Date>`now()`,
      })
      .execute();
    return { id: w.worker_id, key };
  };
  const heartbeat = (key: string, payload: object = { status: 'idle' }) =>
    app().workerApp.inject({
      method: 'POST',
      url: '/api/worker/heartbeat',
      headers: { 'x-worker-api-key': key },
      payload,
    });
  const beat = async (key: string, payload?: object) => {
    const res = await heartbeat(key, payload);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Heartbeat>();
  };
  const admin = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string) =>
    app().adminApp.inject({ method, url, headers: ADMIN });
  const row = (id: string) =>
    app().db.db.selectFrom('workers').selectAll().where('worker_id', '=', id).executeTakeFirstOrThrow();
  const metadata = async (id: string) =>
    JSON.parse((await row(id)).metadata ?? 'null') as Record<string, unknown>;
  const backdate = (id: string, seconds: number) =>
    app()
      .db.db.updateTable('workers')
      .set({ last_heartbeat: sql<Date>`now() - make_interval(secs => ${seconds})` })
      .where('worker_id', '=', id)
      .execute();
  const adminWorker = async (id: string) => {
    const res = await admin('GET', '/api/workers');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ workers: AdminWorker[] }>().workers.find((w) => w.worker_id === id);
  };
  /** A video with a job claimed by the worker (as the claim endpoint will do). */
  const claimedJob = async (workerId: string, slug: string) => {
    const v = await app()
      .db.db.insertInto('videos')
      .values({ title: slug, slug, status: 'processing' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const job = await app()
      .db.db.insertInto('transcoding_jobs')
      .values({
        video_id: v.id,
        worker_id: workerId,
        current_step: 'transcode',
        progress_percent: 40,
        claimed_at: sql<Date>`now()`,
        claim_expires_at: sql<Date>`now() + interval '30 minutes'`,
        started_at: sql<Date>`now()`,
        processed_by_worker_id: workerId,
        attempt_number: 1,
        max_attempts: 3,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await app()
      .db.db.insertInto('quality_progress')
      .values({ job_id: job.id, quality: '720p', status: 'in_progress', progress_percent: 50 })
      .execute();
    return { videoId: v.id, jobId: job.id };
  };

  return {
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
  };
}
