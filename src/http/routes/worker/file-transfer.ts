import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * What the worker API's file routes need, registered once around them (plugins are encapsulated): raw
 * octet-stream bodies handed to the route as a stream (the upload services read, measure and verify them).
 */
export function fileTransfer(routes: Array<(app: FastifyInstance) => Promise<void>>) {
  return async (fastify: FastifyInstance) => {
    fastify.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));
    for (const r of routes) await fastify.register(r);
  };
}

/** A raw upload as the upload services take it: body stream, declared size and X-Content-SHA256. */
export function uploadOf(req: FastifyRequest): {
  body: Readable;
  size: number | undefined;
  sha256: string | undefined;
} {
  const length = req.headers['content-length'];
  const sha = req.headers['x-content-sha256'];
  return {
    body: req.body as Readable,
    size: length !== undefined ? Number(length) : undefined,
    sha256: Array.isArray(sha) ? sha[0] : sha,
  };
}
