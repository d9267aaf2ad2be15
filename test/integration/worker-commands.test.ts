// Remote worker commands without Redis (api-admin.md §11 and §19 item 8): deployment_events rows
// delivered in heartbeat responses, acknowledged by later heartbeats, failed after a timeout.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';
import { MANAGED_WORKERS_ENV, workerFixtures, type AdminWorker } from '../helpers/worker-fixtures.js';

describe.each(DRIVERS)('worker commands (%s)', (driver) => {
  const t = useTestApp(driver, MANAGED_WORKERS_ENV);
  const { register, beat, admin, backdate } = workerFixtures(() => t);

  describe('remote commands through heartbeats', () => {
    it('delivers a command until the worker acknowledges it; the ack completes the deployment event', async () => {
      const w = await register('commanded');
      await beat(w.key, { status: 'idle', code_version: 'v1' });
      const sent = await admin('POST', `/api/admin/workers/${w.id}/restart`);
      expect(sent.statusCode, sent.body).toBe(200);
      const { event_id } = sent.json<{ event_id: number }>();
      expect(sent.json()).toMatchObject({
        status: 'ok',
        message: 'Restart command queued for worker commanded',
      });

      const hb = await beat(w.key);
      expect(hb.commands).toEqual([{ id: event_id, command: 'restart', params: {} }]);
      // Still open: delivered again until acknowledged (the worker de-duplicates by id).
      expect((await beat(w.key)).commands.map((c) => c.id)).toEqual([event_id]);
      let events = (await admin('GET', `/api/admin/deployments?worker_id=${w.id}`)).json<{
        events: Array<Record<string, unknown>>;
        count: number;
      }>();
      expect(events.events[0]).toMatchObject({
        id: event_id,
        event_type: 'restart',
        status: 'delivered',
        old_version: 'v1',
        triggered_by: '127.0.0.1',
        worker_name: 'commanded',
        completed_at: null,
      });

      const acked = await beat(w.key, {
        status: 'idle',
        code_version: 'v1',
        acknowledged_commands: [{ id: event_id, status: 'completed', new_version: 'v1' }],
      });
      expect(acked.commands).toEqual([]);
      events = (await admin('GET', `/api/admin/deployments?worker_id=${w.id}`)).json();
      expect(events.events[0]).toMatchObject({ id: event_id, status: 'completed', new_version: 'v1' });
      expect(events.events[0]?.completed_at).toEqual(expect.any(String));

      // Another worker cannot acknowledge this worker's command.
      const stop = (await admin('POST', `/api/admin/workers/${w.id}/stop`)).json<{ event_id: number }>();
      const other = await register('intruder');
      await beat(other.key, {
        status: 'idle',
        acknowledged_commands: [{ id: stop.event_id, status: 'failed' }],
      });
      expect((await beat(w.key)).commands.map((c) => c.command)).toEqual(['stop']);
      await beat(w.key, {
        status: 'idle',
        acknowledged_commands: [{ id: stop.event_id, status: 'failed', error: 'busy' }],
      });
      const failed = (await admin('GET', `/api/admin/deployments?worker_id=${w.id}&event_type=stop`)).json<{
        events: Array<Record<string, unknown>>;
      }>();
      expect(failed.events).toEqual([expect.objectContaining({ status: 'failed', details: 'worker: busy' })]);
    });

    it('an update completes when the worker comes back with another version', async () => {
      const w = await register('updated');
      await beat(w.key, { status: 'idle', code_version: 'v0' });
      const { event_id } = (await admin('POST', `/api/admin/workers/${w.id}/update`)).json<{
        event_id: number;
      }>();
      expect((await beat(w.key, { status: 'idle', code_version: 'v0' })).commands[0]?.command).toBe('update');
      // The restarted process no longer knows the command id; its new version closes the event.
      expect((await beat(w.key, { status: 'idle', code_version: 'v1' })).commands).toEqual([]);
      const events = (await admin('GET', `/api/admin/deployments?worker_id=${w.id}`)).json<{
        events: Array<Record<string, unknown>>;
      }>();
      expect(events.events[0]).toMatchObject({
        id: event_id,
        status: 'completed',
        old_version: 'v0',
        new_version: 'v1',
      });
    });

    it('unacknowledged commands fail after the timeout and are no longer delivered', async () => {
      const w = await register('silent');
      const { event_id } = (await admin('POST', `/api/admin/workers/${w.id}/restart`)).json<{
        event_id: number;
      }>();
      await t.db.db
        .updateTable('deployment_events')
        .set({ created_at: sql<Date>`now() - interval '11 minutes'` })
        .where('id', '=', event_id)
        .execute();
      expect((await beat(w.key)).commands).toEqual([]);
      const { expiredCommands } = await t.container.services.workerRegistry.sweep();
      expect(expiredCommands).toBeGreaterThanOrEqual(1);
      const events = (await admin('GET', `/api/admin/deployments?worker_id=${w.id}`)).json<{
        events: Array<Record<string, unknown>>;
      }>();
      expect(events.events[0]).toMatchObject({ id: event_id, status: 'failed' });
      expect(events.events[0]?.completed_at).toEqual(expect.any(String));
    });

    it('restart-all creates one event per live worker; commands to unknown or disabled workers are refused', async () => {
      const live = await register('live');
      const gone = await register('gone');
      await backdate(gone.id, 60);
      const disabled = await register('disabled');
      expect((await admin('PUT', `/api/workers/${disabled.id}/disable`)).statusCode).toBe(200);
      const workers = (await admin('GET', '/api/workers')).json<{ workers: AdminWorker[] }>().workers;
      const expected = workers
        .filter((w) => w.status === 'active' || w.status === 'idle')
        .map((w) => w.worker_id);
      expect(expected).toContain(live.id);

      const res = await admin('POST', '/api/admin/workers/restart-all');
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{ count: number; event_ids: number[]; message: string }>();
      expect(body.count).toBe(expected.length);
      const rows = await t.db.db
        .selectFrom('deployment_events')
        .selectAll()
        .where('id', 'in', body.event_ids)
        .execute();
      expect(rows.map((r) => r.worker_id).sort()).toEqual([...expected].sort());
      expect(rows.every((r) => r.event_type === 'restart' && r.details === 'broadcast restart-all')).toBe(
        true,
      );
      expect((await beat(live.key)).commands.map((c) => c.command)).toContain('restart');

      const unknown = await admin('POST', '/api/admin/workers/00000000-0000-4000-8000-000000000000/stop');
      expect(unknown.statusCode).toBe(404);
      const refused = await admin('POST', `/api/admin/workers/${disabled.id}/restart`);
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toEqual({ detail: 'Worker is disabled' });
      const limited = await admin('GET', '/api/admin/deployments?limit=1');
      expect(limited.json<{ count: number }>().count).toBe(1);
      expect((await admin('GET', '/api/admin/deployments?limit=0')).statusCode).toBe(400);
    });
  });
});
