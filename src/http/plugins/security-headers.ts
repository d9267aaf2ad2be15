import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A page other sites may frame (the embed player): set by pageRoutes' PageSpec. */
    frameable?: boolean;
  }
}

/**
 * HTML pages carry their CSP in a <meta>, where browsers ignore frame-ancestors, so framing is decided by
 * a header: every page refuses to be framed but the embed player, which any site may frame.
 */
const NO_FRAMING = "frame-ancestors 'none'";
const ANY_FRAMING = 'frame-ancestors *';

const REQUEST_ID = /^[\w\-.]+$/;

/** Accepts a caller's X-Request-ID only when it is short and log-safe (security-reliability.md A8). */
export function requestIdFrom(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const trimmed = value.slice(0, 128);
  return REQUEST_ID.test(trimmed) ? trimmed : null;
}

/** Security headers on every response; HTML carries its own meta CSP, the header only its framing rule. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('X-Request-ID', req.id);
    const frameable = req.routeOptions.config?.frameable === true;
    if (!frameable) reply.header('X-Frame-Options', 'SAMEORIGIN');
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-XSS-Protection', '1; mode=block');
    reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    reply.header('Permissions-Policy', 'geolocation=(), microphone=(), camera=()');
    const type = String(reply.getHeader('content-type') ?? '');
    // Swagger UI (/docs) sends its own CSP.
    if (frameable) reply.header('Content-Security-Policy', ANY_FRAMING);
    else if (req.url.startsWith('/docs')) return payload;
    else if (type.startsWith('text/html')) reply.header('Content-Security-Policy', NO_FRAMING);
    else reply.header('Content-Security-Policy', `default-src 'self'; ${NO_FRAMING}`);
    return payload;
  });
}
