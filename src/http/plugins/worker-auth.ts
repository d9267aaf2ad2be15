import type { FastifyInstance, FastifyRequest } from 'fastify';
import { unauthorized } from '../../domain/shared/errors.js';
import type { WorkerAuthService, WorkerPrincipal } from '../../domain/workers/worker-auth.service.js';
import type { AuthFailureLimit } from './rate-limit.js';

/** Who may call a worker API route: a worker's API key, the worker admin secret, or anyone. */
export type WorkerAuthMode = 'worker-key' | 'worker-admin' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Worker API routes under /api/ default to 'worker-key' (deny by default). */
    workerAuth?: WorkerAuthMode;
  }
}

/** Unauthenticated routes of the worker app, by registered pattern. */
const PUBLIC_ROUTES = new Set(['/api/health']);

const principals = new WeakMap<FastifyRequest, WorkerPrincipal>();

const header = (req: FastifyRequest, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The mode of a matched route (by its pattern, never the raw URL); null when nothing matched. */
export function workerAuthModeOf(
  routePattern: string | undefined,
  configured: WorkerAuthMode | undefined,
): WorkerAuthMode | null {
  if (routePattern === undefined) return null; // the 404 handler answers
  if (configured) return configured;
  if (PUBLIC_ROUTES.has(routePattern)) return 'public';
  return routePattern.startsWith('/api/') ? 'worker-key' : 'public';
}

/** The authenticated worker of a 'worker-key' route. */
export function workerPrincipal(req: FastifyRequest): WorkerPrincipal {
  const worker = principals.get(req);
  if (!worker) throw unauthorized('Missing API key. Include X-Worker-API-Key header.');
  return worker;
}

/**
 * Authenticates every worker API request before its body is read. As in admin-auth.ts the
 * decision uses the route the router matched, so `/%61pi/worker/heartbeat` is guarded like
 * `/api/worker/heartbeat`; an /api route without an explicit mode requires a worker key.
 * A client IP that failed too often in the window (`failures`, WDEF) gets 429 before its key is
 * even checked, so a key cannot be guessed by brute force; authenticated traffic is never counted.
 */
export function registerWorkerAuth(
  app: FastifyInstance,
  auth: WorkerAuthService,
  failures?: AuthFailureLimit,
): void {
  app.addHook('onRequest', async (req, reply) => {
    if (req.method === 'OPTIONS') return;
    const mode = workerAuthModeOf(req.routeOptions.url, req.routeOptions.config.workerAuth);
    if (mode === null || mode === 'public') return;
    if (await failures?.refuse(req, reply)) return reply;
    try {
      if (mode === 'worker-admin') auth.checkAdminSecret(header(req, 'x-admin-secret'));
      else principals.set(req, await auth.authenticate(header(req, 'x-worker-api-key')));
    } catch (err) {
      req.log.warn(
        { logger: 'security.auth', ip: req.ip, mode, reason: (err as Error).message },
        'worker API authentication failed',
      );
      await failures?.record(req);
      throw err;
    }
  });
}
