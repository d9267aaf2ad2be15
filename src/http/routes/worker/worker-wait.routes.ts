import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { WaitQuery, WaitResponse } from '../../../contracts/worker-api/wait.contract.js';
import type { JobEvents } from '../../../domain/queue/job-events.js';
import { errors } from '../../schemas/common.schemas.js';

/**
 * The long poll of idle workers: instead of claiming every poll interval, a worker waits here and claims
 * the moment work is queued (an upload, a retry, a re-encode or sprite request) in this server process
 * or, on PostgreSQL, in another one (src/server/queued-events-relay.ts relays it with NOTIFY).
 * Waits end at once when the server shuts down, so they never hold up a graceful stop.
 */
export function workerWaitRoutes(deps: { events: JobEvents }) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const closing = new AbortController();
    app.addHook('preClose', async () => closing.abort());
    app.get(
      '/api/worker/wait',
      {
        // Held open up to `timeout` seconds by design: not logged as a slow request.
        config: { longLived: true },
        schema: {
          tags: ['jobs'],
          description:
            'Long poll for idle workers: answers as soon as work is queued after `after`, or after ' +
            '`timeout` seconds with `queued: false`. Requires the X-Worker-API-Key header.',
          querystring: WaitQuery,
          response: { 200: WaitResponse, ...errors(400, 401, 403) },
        },
      },
      async (req) => {
        const gone = new AbortController();
        req.raw.once('close', () => gone.abort());
        return deps.events.waitQueued(
          req.query.after,
          req.query.timeout * 1000,
          AbortSignal.any([closing.signal, gone.signal]),
        );
      },
    );
  };
}
