import type { FastifyReply, FastifyRequest } from 'fastify';
import { DB_UNAVAILABLE_DETAIL } from '../../db/db-errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Retry-After (seconds) of this route's 503 while the database is down (default 1). */
    dbRetryAfter?: number;
  }
}

/**
 * The answer while the database is unreachable (security-reliability.md §B1): 503 with Retry-After, 1 s by
 * default and 5 s on the upload routes (a client re-sending a large file should not hammer a recovering
 * server). Logged as a warning: the condition is the server's, and the log says so once per request.
 */
export function sendDatabaseUnavailable(req: FastifyRequest, reply: FastifyReply, err: unknown) {
  req.log.warn({ err }, 'database unavailable');
  const retryAfter = req.routeOptions.config.dbRetryAfter ?? 1;
  return reply.status(503).header('Retry-After', String(retryAfter)).send({ detail: DB_UNAVAILABLE_DETAIL });
}
