import cookie from '@fastify/cookie';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { registerBodyIdleTimeout } from './plugins/body-idle-timeout.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerNulGuard } from './plugins/refuse-nul.js';
import { buildPlainUnionSerializer } from './plugins/response-serializer.js';
import { registerSecurityHeaders, requestIdFrom } from './plugins/security-headers.js';
import { clientErrorHandler, frameworkErrors, MAX_PARAM_LENGTH } from './plugins/transport-errors.js';

export interface AppOptions {
  logLevel: string;
  trustedProxies: string[];
  /** Fastify's body limit for JSON requests. */
  bodyLimit?: number;
  /** A request body (an upload) that receives no byte for this long is cut with 408; unset: never. */
  uploadIdleTimeoutMs?: number;
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: { write(line: string): void };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A long poll or event stream: lasting is its job, so its duration is never "slow". */
    longLived?: boolean;
  }
}

/** Log levels at which every request's line is written. */
const VERBOSE_LEVELS = new Set(['debug', 'trace']);

/** A request slower than this is logged at info level like a failed one. */
const SLOW_REQUEST_MS = 1000;

/**
 * One line per request, after the response: at info level when it failed (status ≥ 400) or was slow,
 * at debug level otherwise, so a player fetching segments or a worker polling for jobs does not flood
 * the log at the default level. An idle worker's long poll ends by its timeout every poll interval:
 * routes marked longLived are not slow however long they last.
 */
function logRequests(app: FastifyInstance): void {
  // A callback hook, and the line built only when it is written: this runs on every request (heartbeats,
  // segments), where an async hook's promise and an unused object showed in the ingest profile.
  app.addHook('onResponse', (req, reply, done) => {
    const ms = reply.elapsedTime;
    const slow = ms >= SLOW_REQUEST_MS && !req.routeOptions.config.longLived;
    const loud = reply.statusCode >= 400 || slow;
    if (loud || VERBOSE_LEVELS.has(req.log.level)) {
      const line = { method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(ms) };
      if (loud) req.log.info(line, 'request');
      else req.log.debug(line, 'request');
    }
    done();
  });
}

/** What every VLog HTTP app shares: request ids, security headers, errors, cookies, OpenAPI. */
export async function createBaseApp(
  options: AppOptions,
  info: { title: string; description: string },
): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logLevel === 'silent'
        ? false
        : { level: options.logLevel, ...(options.logStream && { stream: options.logStream }) },
    trustProxy: options.trustedProxies.length > 0 ? options.trustedProxies : false,
    genReqId: (req) => requestIdFrom(req.headers['x-request-id']) ?? randomUUID(),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    ajv: {
      customOptions: {
        removeAdditional: 'all',
        coerceTypes: true,
        useDefaults: true,
        // Ajv's default (true) skips minimum/maximum for non-finite numbers, and its coercion turns the
        // strings "Infinity" and "-Infinity" into numbers without a second type check: with the default,
        // ?limit=Infinity passed every bound. Off, the bounds every numeric field carries refuse them.
        strictNumbers: false,
      },
    },
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    schemaController: { compilersFactory: { buildSerializer: buildPlainUnionSerializer } },
    frameworkErrors,
    clientErrorHandler,
    forceCloseConnections: 'idle',
    // Fastify's own per-request lines are off: logRequests() writes one line per request instead.
    logController: new LogController({ disableRequestLogging: true }),
  });
  logRequests(app);
  registerErrorHandler(app);
  registerSecurityHeaders(app);
  registerNulGuard(app);
  if (options.uploadIdleTimeoutMs) registerBodyIdleTimeout(app, options.uploadIdleTimeoutMs);
  await app.register(cookie);
  await registerOpenApi(app, info);
  return app;
}
