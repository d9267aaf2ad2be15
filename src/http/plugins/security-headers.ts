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

/** The headers every response carries, set in one call. */
const COMMON_HEADERS = Object.freeze({
  'X-Content-Type-Options': 'nosniff',
  'X-XSS-Protection': '1; mode=block',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'geolocation=(), microphone=(), camera=()',
});

/** Security headers on every response; HTML carries its own meta CSP, the header only its framing rule. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  // A callback hook: it runs on every response, where an async hook's promise is measurable (bench/analytics-ingest.ts).
  app.addHook('onSend', (req, reply, payload, done) => {
    reply.header('X-Request-ID', req.id);
    reply.headers(COMMON_HEADERS);
    const frameable = req.routeOptions.config?.frameable === true;
    if (frameable) reply.header('Content-Security-Policy', ANY_FRAMING);
    else {
      reply.header('X-Frame-Options', 'SAMEORIGIN');
      const type = String(reply.getHeader('content-type') ?? '');
      // Swagger UI (/docs) sends its own CSP.
      if (req.url.startsWith('/docs')) return done(null, payload);
      if (type.startsWith('text/html')) reply.header('Content-Security-Policy', NO_FRAMING);
      else reply.header('Content-Security-Policy', `default-src 'self'; ${NO_FRAMING}`);
    }
    done(null, payload);
  });
}
