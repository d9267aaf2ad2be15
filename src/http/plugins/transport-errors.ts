import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';

/**
 * The longest path parameter the router matches (Fastify's default is 100): above the longest the API
 * takes (a slug, 255 characters), below what a URL can carry. A longer one is answered 414.
 */
export const MAX_PARAM_LENGTH = 512;

const FRAMEWORK_DETAIL: Record<string, string> = {
  FST_ERR_BAD_URL: 'Invalid URL: a path segment is not valid percent-encoding',
  FST_ERR_MAX_PARAM_LENGTH: `URI too long: a path parameter is longer than ${MAX_PARAM_LENGTH} characters`,
};

/**
 * Errors the router raises before any route or hook runs (a URL that does not decode, a path
 * parameter past MAX_PARAM_LENGTH): answered in the API's `{detail}` shape instead of Fastify's own.
 */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  void reply.status(status).send({ detail: FRAMEWORK_DETAIL[err.code] ?? 'Bad request' });
}

const CLIENT_DETAIL: Record<number, string> = {
  400: 'Bad request',
  408: 'Request timeout',
  431: 'Request header fields too large (the URL counts towards this limit)',
};

/**
 * Node's HTTP parser refuses some requests before Fastify sees them (headers or URL past
 * --max-http-header-size: 431; a request that does not parse: 400; too slow: 408). This writes the
 * same `{detail}` body the API uses everywhere, then closes the connection as Node would.
 */
export const clientErrorHandler: NonNullable<FastifyServerOptions['clientErrorHandler']> = (
  err: Error & { code?: string },
  socket: Socket,
) => {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status =
    err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify({ detail: CLIENT_DETAIL[status] });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
};
