import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { SESSION_COOKIE, type AdminAuthService } from '../../../domain/auth/admin-auth.service.js';
import { unauthorized } from '../../../domain/shared/errors.js';
import { credentialsOf } from '../../plugins/admin-auth.js';
import { errors } from '../../schemas/common.schemas.js';

const AuthState = Type.Object({
  authenticated: Type.Boolean(),
  message: Type.Optional(Type.String()),
  auth_required: Type.Optional(Type.Boolean()),
});

export function adminAuthRoutes(auth: AdminAuthService, options: { secureCookies: boolean }) {
  const cookie = (maxAge: number) => ({
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure: options.secureCookies,
    maxAge,
  });
  const clear = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, cookie(0));

  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/api/auth/login',
      {
        config: { rateLimit: 'adminLogin' },
        schema: {
          tags: ['auth'],
          body: Type.Object({ secret: Type.String({ maxLength: 1024 }) }),
          response: { 200: AuthState, ...errors(400, 403) },
        },
      },
      async (req, reply) => {
        const session = await auth
          .login({ secret: req.body.secret, ip: req.ip, userAgent: req.headers['user-agent'] ?? null })
          .catch((err: unknown) => {
            // req.ip is the client's address (X-Forwarded-For only from VLOG_TRUSTED_PROXIES peers).
            req.log
              .child({ logger: 'security.admin_auth' })
              .warn({ ip: req.ip, reason: (err as Error).message }, 'admin login failed');
            throw err;
          });
        reply.setCookie(SESSION_COOKIE, session.token, cookie(session.maxAgeSeconds));
        return { authenticated: true, message: 'Login successful' };
      },
    );
    app.post(
      '/api/auth/logout',
      { config: { rateLimit: 'none' }, schema: { tags: ['auth'], response: { 200: AuthState } } },
      async (req, reply) => {
        await auth.logout(req.cookies[SESSION_COOKIE]);
        clear(reply);
        return { authenticated: false, message: 'Logged out' };
      },
    );
    app.get(
      '/api/auth/check',
      { config: { rateLimit: 'none' }, schema: { tags: ['auth'], response: { 200: AuthState } } },
      async (req) => {
        const how = await auth.identify(credentialsOf(req));
        return { authenticated: how !== null, auth_required: true };
      },
    );
    app.get(
      '/api/auth/csrf-token',
      {
        config: { rateLimit: 'none' },
        schema: {
          tags: ['auth'],
          response: {
            200: Type.Object({ csrf_token: Type.String(), required: Type.Boolean() }),
            ...errors(401),
          },
        },
      },
      async (req) => {
        const creds = credentialsOf(req);
        const how = await auth.identify(creds);
        if (how === 'header') return { csrf_token: '', required: false };
        if (how === 'session' && creds.sessionToken)
          return { csrf_token: auth.csrfTokenFor(creds.sessionToken), required: true };
        throw unauthorized();
      },
    );
  };
}
