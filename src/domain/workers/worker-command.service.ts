import type { DeploymentEvent } from '../../db/database.types.js';
import { badRequest, notFound } from '../shared/errors.js';
import type { Acknowledgement, DeploymentEventRepository } from './deployment-event.repository.js';
import { codeVersionOf, effectiveStatus, iso } from './worker.mapper.js';
import type { WorkerViewRepository } from './worker-view.repository.js';

export const WORKER_COMMANDS = ['restart', 'stop', 'update'] as const;
export type WorkerCommand = (typeof WORKER_COMMANDS)[number];

/** A command as the worker receives it in its heartbeat response. */
export interface DeliveredCommand {
  id: number;
  command: string;
  params: Record<string, unknown>;
}

const LABEL: Record<WorkerCommand, string> = { restart: 'Restart', stop: 'Stop', update: 'Update' };

export function toDeploymentEventResponse(e: DeploymentEvent) {
  return {
    id: e.id,
    worker_id: e.worker_id,
    worker_name: e.worker_name,
    event_type: e.event_type,
    old_version: e.old_version,
    new_version: e.new_version,
    status: e.status,
    triggered_by: e.triggered_by,
    details: e.details,
    created_at: iso(e.created_at),
    completed_at: iso(e.completed_at),
  };
}

/**
 * Remote control without Redis (fixes api-admin.md §19 item 8): each command is a
 * deployment_events row addressed to one worker by its registered UUID. The worker receives its
 * open commands in every heartbeat response until it acknowledges them in a later heartbeat;
 * commands left unacknowledged past the timeout fail.
 */
export function createWorkerCommandService(deps: {
  events: DeploymentEventRepository;
  views: WorkerViewRepository;
  options: { timeoutSeconds: number; offlineThresholdSeconds: number };
}) {
  const { events, views, options } = deps;

  return {
    async send(input: {
      workerId: string;
      command: WorkerCommand;
      triggeredBy: string | null;
      details?: string;
    }) {
      const [worker] = await views.workers({ workerId: input.workerId });
      if (!worker) throw notFound('Worker not found');
      if (worker.status === 'disabled') throw badRequest('Worker is disabled');
      const [event] = await events.insert([
        {
          workerId: worker.worker_id,
          workerName: worker.worker_name,
          eventType: input.command,
          oldVersion: codeVersionOf(worker),
          triggeredBy: input.triggeredBy,
          details: input.details ?? null,
        },
      ]);
      return {
        status: 'ok',
        message: `${LABEL[input.command]} command queued for worker ${worker.worker_name ?? worker.worker_id}`,
        event_id: event?.id ?? 0,
      };
    },

    /** One restart event per live (active or idle) worker. */
    async restartAll(input: { triggeredBy: string | null }) {
      const live = (await views.workers()).filter((w) => {
        const status = effectiveStatus({
          status: w.status,
          heartbeatAgeSeconds: w.heartbeat_age,
          offlineThresholdSeconds: options.offlineThresholdSeconds,
          hasJob: false,
        });
        return status !== 'offline' && status !== 'disabled';
      });
      const rows = await events.insert(
        live.map((w) => ({
          workerId: w.worker_id,
          workerName: w.worker_name,
          eventType: 'restart',
          oldVersion: codeVersionOf(w),
          triggeredBy: input.triggeredBy,
          details: 'broadcast restart-all',
        })),
      );
      return {
        status: 'ok',
        message: `Restart command queued for ${rows.length} worker${rows.length === 1 ? '' : 's'}`,
        count: rows.length,
        event_ids: rows.map((r) => r.id),
      };
    },

    /** Called by the heartbeat: close acknowledged commands, then hand out the open ones. */
    async exchange(input: {
      workerId: string;
      acknowledged: Acknowledgement[];
      codeVersion?: string;
    }): Promise<DeliveredCommand[]> {
      if (input.acknowledged.length > 0) await events.acknowledge(input.workerId, input.acknowledged);
      if (input.codeVersion) await events.completeUpdates(input.workerId, input.codeVersion);
      const open = await events.deliver(input.workerId, options.timeoutSeconds);
      return open.map((e) => ({ id: e.id, command: e.event_type, params: {} }));
    },

    expire: () => events.expire(options.timeoutSeconds),

    async list(filter: { workerId?: string; eventType?: string; limit: number }) {
      await events.expire(options.timeoutSeconds);
      const rows = await events.list(filter);
      return { events: rows.map(toDeploymentEventResponse), count: rows.length };
    },
  };
}

export type WorkerCommandService = ReturnType<typeof createWorkerCommandService>;
