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

/** Every /api route except /api/auth/* requires the admin secret or a session (+ CSRF). */
export function registerAdminAuth(app: FastifyInstance, auth: AdminAuthService): void {
  app.addHook('onRequest', async (req) => {
    const url = req.url.split('?')[0] ?? '';
    if (req.method === 'OPTIONS' || !url.startsWith('/api/') || url.startsWith('/api/auth/')) return;
    await auth.authorize(credentialsOf(req));
  });
}
