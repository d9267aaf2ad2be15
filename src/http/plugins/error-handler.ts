import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, type DomainErrorKind } from '../../domain/shared/errors.js';
import { isDatabaseUnavailable } from '../../db/db-errors.js';
import { sendDatabaseUnavailable } from './db-unavailable.js';
import { multipartRefusal } from './multipart-errors.js';

const STATUS: Record<DomainErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  payload_too_large: 413,
  too_many_requests: 429,
  unavailable: 503,
  timeout: 504,
};

/** Maps every error to `{detail}` with a stable status; 5xx bodies never carry internals. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | DomainError | Error, req, reply) => {
    if (err instanceof DomainError) {
      return reply.status(STATUS[err.kind]).headers(err.headers).send({ detail: err.message });
    }
    if (isDatabaseUnavailable(err)) return sendDatabaseUnavailable(req, reply, err);
    const fe = err as FastifyError;
    if (fe.validation) {
      const first = fe.validation[0];
      const where = first?.instancePath ? first.instancePath.replace(/^\//, '').replace(/\//g, '.') : '';
      const field = (first?.params as { missingProperty?: string } | undefined)?.missingProperty ?? where;
      const detail = `Invalid ${fe.validationContext ?? 'request'}${field ? ` field '${field}'` : ''}: ${first?.message ?? 'bad value'}`;
      return reply.status(400).send({ detail });
    }
    const refused = multipartRefusal(fe, req);
    if (refused) return reply.status(400).send({ detail: refused });
    const status = fe.statusCode ?? 500;
    if (status === 413 || fe.code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply.status(413).send({ detail: 'File too large' });
    }
    if (status >= 400 && status < 500) return reply.status(status).send({ detail: fe.message });
    req.log.error({ err }, 'request failed');
    return reply.status(500).send({ detail: 'Internal server error', request_id: req.id });
  });
  app.setNotFoundHandler((_req, reply) => reply.status(404).send({ detail: 'Not Found' }));
}
