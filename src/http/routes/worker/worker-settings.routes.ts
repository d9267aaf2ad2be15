import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { WorkerSettingsResponse } from '../../../contracts/worker-settings.js';
import type { SettingsService } from '../../../domain/settings/settings.service.js';
import { errors } from '../../schemas/common.schemas.js';

/**
 * The settings workers apply (not in the reference, whose workers read the environment): resolved here
 * (database, environment, default), asked for by the worker before each job and with its heartbeats,
 * so a change made in the admin reaches every worker's next job without a restart.
 */
export function workerSettingsRoutes(deps: { settings: SettingsService }) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/api/worker/settings',
      {
        schema: {
          tags: ['workers'],
          description: 'The settings a worker applies. Requires the X-Worker-API-Key header.',
          response: { 200: WorkerSettingsResponse, ...errors(401, 403) },
        },
      },
      () => deps.settings.forWorkers(),
    );
  };
}
