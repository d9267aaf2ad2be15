import type { FastifyInstance } from 'fastify';

const REQUEST_ID = /^[\w\-.]+$/;

/** Accepts a caller's X-Request-ID only when it is short and log-safe (security-reliability.md A8). */
export function requestIdFrom(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const trimmed = value.slice(0, 128);
  return REQUEST_ID.test(trimmed) ? trimmed : null;
}

/** Security headers on every response; HTML carries its own meta CSP. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('X-Request-ID', req.id);
    reply.header('X-Frame-Options', 'SAMEORIGIN');
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-XSS-Protection', '1; mode=block');
    reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    reply.header('Permissions-Policy', 'geolocation=(), microphone=(), camera=()');
    const type = String(reply.getHeader('content-type') ?? '');
    if (!type.startsWith('text/html') && !req.url.startsWith('/docs')) {
      reply.header('Content-Security-Policy', "default-src 'self'; frame-ancestors 'none'");
    }
    return payload;
  });
}
