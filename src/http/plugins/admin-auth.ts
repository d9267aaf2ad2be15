import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, type AdminAuthService } from '../../domain/auth/admin-auth.service.js';

export function credentialsOf(req: FastifyRequest) {
  const header = req.headers['x-admin-secret'];
  const csrf = req.headers['x-csrf-token'];
  return {
    method: req.method,
    headerSecret: Array.isArray(header) ? header[0] : header,
    sessionToken: req.cookies[SESSION_COOKIE],
    csrfToken: Array.isArray(csrf) ? csrf[0] : csrf,
  };
}

/** Whether a route (by its registered pattern) needs admin credentials. */
export function requiresAdminAuth(routePattern: string | undefined): boolean {
  if (routePattern === undefined) return false; // no route matched: the 404 handler answers
  // /videos/: the admin app serves every video's files, unpublished ones included (previews).
  if (routePattern.startsWith('/videos/')) return true;
  return routePattern.startsWith('/api/') && !routePattern.startsWith('/api/auth/');
}

/**
 * Every /api route except /api/auth/*, and /videos/*, requires the admin secret or a session (+ CSRF). The
 * decision uses the route the router matched, never the raw URL, so an encoded path such as
 * `/%61pi/videos` cannot slip past the check.
 */
export function registerAdminAuth(app: FastifyInstance, auth: AdminAuthService): void {
  app.addHook('onRequest', async (req) => {
    if (req.method === 'OPTIONS' || !requiresAdminAuth(req.routeOptions.url)) return;
    await auth.authorize(credentialsOf(req));
  });
}
