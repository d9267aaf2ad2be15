// "Work queued" across server processes on PostgreSQL (issue 4: the long poll with split roles): two
// JobEvents, as in two processes, relayed through NOTIFY on one database; a dropped LISTEN connection
// reconnects by itself.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobEvents } from '../../src/domain/queue/job-events.js';
import { RELAY_APPLICATION_NAME } from '../../src/db/notify-relay.js';
import { relayQueuedEvents } from '../../src/server/queued-events-relay.js';
import { createTestDb, type TestDatabase } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';

describe('queued-events relay over PostgreSQL NOTIFY', () => {
  let db: TestDatabase;
  const admin = new JobEvents();
  const workerApi = new JobEvents();
  const heard = { admin: [] as string[], workerApi: [] as string[] };
  let relays: Array<ReturnType<typeof relayQueuedEvents>> = [];

  beforeAll(async () => {
    db = await createTestDb('postgres');
    admin.onQueued((origin) => heard.admin.push(origin));
    workerApi.onQueued((origin) => heard.workerApi.push(origin));
    relays = [relayQueuedEvents(admin, db.url), relayQueuedEvents(workerApi, db.url)];
    await Promise.all(relays.map((r) => r.ready));
  });
  afterAll(async () => {
    await Promise.all(relays.map((r) => r.close()));
    await db?.close();
  });

  it('an event in one process reaches the other once, and does not come back to its sender', async () => {
    const cursor = workerApi.cursor();
    const waiting = workerApi.waitQueued(cursor, 10_000);
    admin.queued();
    expect(await waiting).toMatchObject({ queued: true });
    expect(heard.workerApi).toEqual(['elsewhere']);
    await new Promise((r) => setTimeout(r, 300)); // time for a wrongly relayed echo to arrive
    expect(heard.admin).toEqual(['here']);
    expect(heard.workerApi).toEqual(['elsewhere']);
  });

  it('reconnects after its LISTEN connection is killed', async () => {
    const killed = await sql<{ n: number }>`
      SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = ${RELAY_APPLICATION_NAME}
    `.execute(db.db);
    expect(killed.rows[0]?.n).toBe(2);
    const before = heard.workerApi.length;
    // Sent until one arrives: right after the kill the relay is still reconnecting (500 ms backoff).
    await waitFor(
      async () => {
        admin.queued();
        return heard.workerApi.length > before ? true : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 250, what: 'an event relayed after the reconnect' },
    );
  });
});
