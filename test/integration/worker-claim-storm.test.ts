// A claim storm over the worker API (issue 4): 50 concurrent HTTP claimers over 500 queued jobs, on
// PostgreSQL where FOR UPDATE SKIP LOCKED really runs concurrently.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/use-test-app.js';
import { WORKER_SECRET, workerFixtures } from '../helpers/worker-fixtures.js';

describe('claim storm over HTTP (postgres)', () => {
  const t = useTestApp('postgres', { VLOG_WORKER_ADMIN_SECRET: WORKER_SECRET });
  const { registerViaApi } = workerFixtures(() => t);

  it('50 concurrent claimers over 500 queued jobs: none claimed twice, none lost', async () => {
    const JOBS = 500;
    const CLAIMERS = 50;
    const claimers = [];
    for (let i = 0; i < CLAIMERS; i++) claimers.push(await registerViaApi(`storm-${i}`));
    await sql`
      WITH v AS (
        INSERT INTO videos (title, slug, status, created_at)
        SELECT 'storm ' || g, 'storm-' || g, 'pending', now() + g * interval '1 millisecond'
        FROM generate_series(1, ${JOBS}) AS g
        RETURNING id
      )
      INSERT INTO transcoding_jobs (video_id, max_attempts, attempt_number) SELECT id, 3, 1 FROM v
    `.execute(t.db.db);
    const address = await t.workerApp.listen({ port: 0, host: '127.0.0.1' });

    const claimedBy = new Map<number, string[]>();
    const started = performance.now();
    await Promise.all(
      claimers.map(async (w) => {
        for (;;) {
          const res = await fetch(`${address}/api/worker/claim`, {
            method: 'POST',
            headers: { 'x-worker-api-key': w.key },
          });
          expect(res.status).toBe(200);
          const body = (await res.json()) as { job_id?: number };
          if (body.job_id === undefined) return;
          claimedBy.set(body.job_id, [...(claimedBy.get(body.job_id) ?? []), w.id]);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `claim storm: ${JOBS} jobs by ${CLAIMERS} HTTP claimers in ${seconds.toFixed(2)} s = ${(JOBS / seconds).toFixed(0)} claims/s`,
    );
    expect(claimedBy.size).toBe(JOBS);
    expect([...claimedBy.values()].every((by) => by.length === 1)).toBe(true);
    const rows = await t.db.db.selectFrom('transcoding_jobs').select(['id', 'worker_id']).execute();
    expect(rows).toHaveLength(JOBS);
    for (const r of rows) expect(r.worker_id).toBe(claimedBy.get(r.id)?.[0]);
    expect(new Set(rows.map((r) => r.worker_id)).size).toBeGreaterThan(CLAIMERS / 2);
  });
});
