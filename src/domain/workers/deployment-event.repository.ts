import { sql, type Kysely } from 'kysely';
import type { Database, DeploymentEvent } from '../../db/database.types.js';

/** Statuses a command passes through: pending → delivered → completed | failed. */
export const OPEN_STATUSES = ['pending', 'delivered'] as const;

export interface NewCommandEvent {
  workerId: string;
  workerName: string | null;
  eventType: string;
  oldVersion: string | null;
  triggeredBy: string | null;
  details: string | null;
}

export interface Acknowledgement {
  id: number;
  status: 'completed' | 'failed';
  newVersion?: string;
  error?: string;
}

const ago = (seconds: number) => sql<Date>`now() - make_interval(secs => ${seconds})`;

/**
 * SQL for deployment_events, which double as the worker command queue: a row is a command for
 * one worker, delivered in its heartbeat response and closed by its acknowledgement.
 */
export function createDeploymentEventRepository(db: Kysely<Database>) {
  return {
    insert(events: NewCommandEvent[]): Promise<DeploymentEvent[]> {
      if (events.length === 0) return Promise.resolve([]);
      return db
        .insertInto('deployment_events')
        .values(
          events.map((e) => ({
            worker_id: e.workerId,
            worker_name: e.workerName?.slice(0, 100) ?? null,
            event_type: e.eventType,
            old_version: e.oldVersion?.slice(0, 64) ?? null,
            status: 'pending',
            triggered_by: e.triggeredBy?.slice(0, 100) ?? null,
            details: e.details,
            created_at: sql<Date>`now()`,
          })),
        )
        .returningAll()
        .execute();
    },

    /** Open commands younger than the timeout, oldest first; pending ones become delivered. */
    async deliver(workerId: string, timeoutSeconds: number): Promise<DeploymentEvent[]> {
      const rows = await db
        .updateTable('deployment_events')
        .set({ status: 'delivered' })
        .where('worker_id', '=', workerId)
        .where('status', 'in', OPEN_STATUSES)
        .where('created_at', '>=', ago(timeoutSeconds))
        .returningAll()
        .execute();
      return rows.sort((a, b) => a.id - b.id);
    },

    /** Closes the worker's own open commands it acknowledged; returns how many changed. */
    async acknowledge(workerId: string, acks: Acknowledgement[]): Promise<number> {
      let changed = 0;
      for (const ack of acks) {
        const r = await db
          .updateTable('deployment_events')
          .set({
            status: ack.status,
            completed_at: sql<Date>`now()`,
            ...(ack.newVersion ? { new_version: ack.newVersion.slice(0, 64) } : {}),
            ...(ack.error
              ? { details: sql<string>`concat_ws('; ', details, ${`worker: ${ack.error}`}::text)` }
              : {}),
          })
          .where('id', '=', ack.id)
          .where('worker_id', '=', workerId)
          .where('status', 'in', OPEN_STATUSES)
          .executeTakeFirst();
        changed += Number(r.numUpdatedRows);
      }
      return changed;
    },

    /**
     * An update is done once the worker reports a version other than the one it had: this closes
     * update commands even when the restarted process no longer knows the command's id.
     */
    async completeUpdates(workerId: string, codeVersion: string): Promise<number> {
      const r = await db
        .updateTable('deployment_events')
        .set({ status: 'completed', completed_at: sql<Date>`now()`, new_version: codeVersion.slice(0, 64) })
        .where('worker_id', '=', workerId)
        .where('event_type', '=', 'update')
        .where('status', '=', 'delivered')
        .where('old_version', 'is not', null)
        .where('old_version', '<>', codeVersion.slice(0, 64))
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    /** Open commands older than the timeout fail. */
    async expire(timeoutSeconds: number): Promise<number> {
      const r = await db
        .updateTable('deployment_events')
        .set({
          status: 'failed',
          completed_at: sql<Date>`now()`,
          details: sql<string>`concat_ws('; ', details, 'no acknowledgement before the timeout')`,
        })
        .where('status', 'in', OPEN_STATUSES)
        .where('created_at', '<', ago(timeoutSeconds))
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    list(filter: { workerId?: string; eventType?: string; limit: number }): Promise<DeploymentEvent[]> {
      let q = db.selectFrom('deployment_events').selectAll();
      if (filter.workerId) q = q.where('worker_id', '=', filter.workerId);
      if (filter.eventType) q = q.where('event_type', '=', filter.eventType);
      return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
    },
  };
}

export type DeploymentEventRepository = ReturnType<typeof createDeploymentEventRepository>;
