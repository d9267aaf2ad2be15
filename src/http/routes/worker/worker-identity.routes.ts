import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { WorkerAdminService } from '../../../domain/workers/worker-admin.service.js';
import type { WorkerRegistryService } from '../../../domain/workers/worker-registry.service.js';
import { errors, StatusOk } from '../../schemas/common.schemas.js';
import { workerPrincipal } from '../../plugins/worker-auth.js';
import {
  HeartbeatBody,
  HeartbeatResponse,
  RegisterBody,
  RegisterResponse,
  WorkerApiList,
} from '../../../contracts/worker-api/worker-identity.contract.js';
import { WorkerIdParam } from '../../../contracts/api/worker-admin.contract.js';

// OpenAPI: the worker admin secret travels in X-Admin-Secret like the admin secret.
const ADMIN_SECRET = [{ adminSecret: [] }];
const KEY_AUTH = 'Requires the X-Worker-API-Key header (the key returned by registration).';

/** Worker identity on the worker API: registration, heartbeat, management (api-worker.md §4.1, §4.2, §6). */
export function workerIdentityRoutes(deps: { registry: WorkerRegistryService; admin: WorkerAdminService }) {
  const { registry, admin } = deps;
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/api/worker/register',
      {
        config: { workerAuth: 'worker-admin', rateLimit: 'workerRegister' },
        schema: {
          tags: ['workers'],
          security: ADMIN_SECRET,
          description: 'Creates a worker and its API key. The key is shown once.',
          body: RegisterBody,
          response: { 200: RegisterResponse, ...errors(400, 401, 403) },
        },
      },
      (req) =>
        registry.register({
          workerName: req.body.worker_name,
          workerType: req.body.worker_type,
          capabilities: req.body.capabilities,
          metadata: req.body.metadata,
        }),
    );
    app.post(
      '/api/worker/heartbeat',
      {
        config: { workerAuth: 'worker-key' },
        schema: {
          tags: ['workers'],
          description: `Liveness, status and version gate; delivers pending commands. ${KEY_AUTH}`,
          body: HeartbeatBody,
          response: { 200: HeartbeatResponse, ...errors(400, 401, 403) },
        },
      },
      (req) =>
        registry.heartbeat(workerPrincipal(req).id, {
          status: req.body.status,
          codeVersion: req.body.code_version,
          metadata: req.body.metadata,
          acknowledged: (req.body.acknowledged_commands ?? []).map((a) => ({
            id: a.id,
            status: a.status,
            newVersion: a.new_version,
            error: a.error,
          })),
        }),
    );
    app.get(
      '/api/workers',
      {
        config: { workerAuth: 'worker-admin' },
        schema: {
          tags: ['workers'],
          security: ADMIN_SECRET,
          response: { 200: WorkerApiList, ...errors(401, 403) },
        },
      },
      () => admin.listForWorkerApi(),
    );
    app.post(
      '/api/workers/:worker_id/revoke',
      {
        config: { workerAuth: 'worker-admin', rateLimit: 'workerRegister' },
        schema: {
          tags: ['workers'],
          security: ADMIN_SECRET,
          description: 'Revokes every key of the worker and disables it.',
          params: WorkerIdParam,
          response: { 200: StatusOk, ...errors(400, 401, 403, 404) },
        },
      },
      (req) => admin.revoke(req.params.worker_id),
    );
  };
}
