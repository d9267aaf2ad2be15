import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { JobEvents } from '../../../domain/jobs/job-events.js';
import { errors } from '../../schemas/common.schemas.js';

export const WaitQuery = Type.Object({
  after: Type.Optional(
    Type.String({ maxLength: 64, description: 'The cursor of the previous answer; without it: at once' }),
  ),
  timeout: Type.Number({
    minimum: 0,
    maximum: 60,
    default: 10,
    description: 'Seconds to hold the request open at most',
  }),
});

export const WaitResponse = Type.Object({
  queued: Type.Boolean({ description: 'Work was queued after `after` (or `after` is unknown): claim now' }),
  cursor: Type.String({ description: 'Pass as `after` to the next wait' }),
});

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
