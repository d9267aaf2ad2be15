import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AuthState, CsrfToken, LoginBody } from '../../../contracts/api/auth.contract.js';
import { SESSION_COOKIE, type AdminAuthService } from '../../../domain/auth/admin-auth.service.js';
import { unauthorized } from '../../../domain/shared/errors.js';
import { credentialsOf } from '../../plugins/admin-auth.js';
import { routeSchemas } from '../../schemas/route-schema.js';

const schema = routeSchemas({ tags: ['auth'] });
/** Every auth route but login is exempt from rate limiting. */
const open = { rateLimit: 'none' } as const;

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
        schema: schema({ body: LoginBody, ok: AuthState, fails: [403] }),
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
    app.post('/api/auth/logout', { config: open, schema: schema({ ok: AuthState }) }, async (req, reply) => {
      await auth.logout(req.cookies[SESSION_COOKIE]);
      clear(reply);
      return { authenticated: false, message: 'Logged out' };
    });
    app.get('/api/auth/check', { config: open, schema: schema({ ok: AuthState }) }, async (req) => {
      const how = await auth.identify(credentialsOf(req));
      return { authenticated: how !== null, auth_required: true };
    });
    app.get(
      '/api/auth/csrf-token',
      { config: open, schema: schema({ ok: CsrfToken, fails: [401] }) },
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
