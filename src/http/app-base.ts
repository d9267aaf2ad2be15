import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { registerErrorHandler } from './plugins/error-handler.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerSecurityHeaders, requestIdFrom } from './plugins/security-headers.js';

export interface AppOptions {
  logLevel: string;
  trustedProxies: string[];
  /** Fastify's body limit for JSON requests. */
  bodyLimit?: number;
}

/** What every VLog HTTP app shares: request ids, security headers, errors, cookies, OpenAPI. */
export async function createBaseApp(
  options: AppOptions,
  info: { title: string; description: string },
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logLevel === 'silent' ? false : { level: options.logLevel },
    trustProxy: options.trustedProxies.length > 0 ? options.trustedProxies : false,
    genReqId: (req) => requestIdFrom(req.headers['x-request-id']) ?? randomUUID(),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    ajv: { customOptions: { removeAdditional: 'all', coerceTypes: true, useDefaults: true } },
    forceCloseConnections: 'idle',
  });
  registerErrorHandler(app);
  registerSecurityHeaders(app);
  await app.register(cookie);
  await registerOpenApi(app, info);
  return app;
}
