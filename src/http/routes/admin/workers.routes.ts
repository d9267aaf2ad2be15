import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { WorkerAdminService } from '../../../domain/workers/worker-admin.service.js';
import {
  WORKER_COMMANDS,
  type WorkerCommandService,
} from '../../../domain/workers/worker-command.service.js';
import { StatusOk } from '../../../contracts/api/common.contract.js';
import { adminRouter } from '../../schemas/route-schema.js';
import {
  ActiveJobs,
  AdminWorkerDetail,
  AdminWorkerList,
  CommandResult,
  DeploymentEvents,
  DeploymentQuery,
  RestartAllResult,
  WorkerIdParam,
} from '../../../contracts/api/worker-admin.contract.js';

const COMMAND_HELP =
  'Queued as a deployment event and delivered in the worker’s next heartbeat; the worker runs it after its current job.';

/** Workers on the admin API (api-admin.md §11): views, disable/enable/delete/revoke, remote control. */
export function adminWorkerRoutes(deps: { workers: WorkerAdminService; commands: WorkerCommandService }) {
  const { workers, commands } = deps;
  return async (fastify: FastifyInstance) => {
    const { app, schema } = adminRouter(fastify, ['workers']);
    const byWorker = { params: WorkerIdParam, fails: [404] };
    app.get('/api/workers', { schema: schema({ ok: AdminWorkerList }) }, () => workers.listAdmin());
    app.get('/api/workers/active-jobs', { schema: schema({ ok: ActiveJobs }) }, () => workers.activeJobs());
    app.get('/api/workers/:worker_id', { schema: schema({ ...byWorker, ok: AdminWorkerDetail }) }, (req) =>
      workers.detail(req.params.worker_id),
    );
    const change = schema({ ...byWorker, ok: StatusOk });
    app.put('/api/workers/:worker_id/disable', { schema: change }, (req) =>
      workers.disable(req.params.worker_id),
    );
    app.put('/api/workers/:worker_id/enable', { schema: change }, (req) =>
      workers.enable(req.params.worker_id),
    );
    app.post('/api/workers/:worker_id/revoke', { schema: change }, (req) =>
      workers.revoke(req.params.worker_id),
    );
    app.delete(
      '/api/workers/:worker_id',
      {
        schema: {
          ...change,
          querystring: Type.Object({ revoke_keys: Type.Boolean({ default: true }) }),
        },
      },
      (req) => workers.remove(req.params.worker_id, { revokeKeys: req.query.revoke_keys }),
    );
    for (const command of WORKER_COMMANDS) {
      app.post(
        `/api/admin/workers/:worker_id/${command}`,
        {
          schema: schema({ description: COMMAND_HELP, ...byWorker, ok: CommandResult }),
        },
        (req) => commands.send({ workerId: req.params.worker_id, command, triggeredBy: req.ip }),
      );
    }
    app.post(
      '/api/admin/workers/restart-all',
      {
        schema: schema({
          description: `One restart per active or idle worker. ${COMMAND_HELP}`,
          ok: RestartAllResult,
        }),
      },
      (req) => commands.restartAll({ triggeredBy: req.ip }),
    );
    app.get(
      '/api/admin/deployments',
      {
        schema: schema({ querystring: DeploymentQuery, ok: DeploymentEvents }),
      },
      (req) =>
        commands.list({
          workerId: req.query.worker_id,
          eventType: req.query.event_type,
          limit: req.query.limit,
        }),
    );
  };
}
