import type { FastifyRequest } from 'fastify';

/** A host name, IPv4 or bracketed IPv6 address with an optional port: nothing else reaches a generated URL. */
const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;
const FALLBACK_HOST = 'localhost';

/**
 * This site's `scheme://host` as the visitor reached it, for absolute URLs in link previews, oEmbed and the
 * sitemap. No setting names a public base URL (config.md), so the request decides: X-Forwarded-Proto and
 * X-Forwarded-Host count only from VLOG_TRUSTED_PROXIES (Fastify's trustProxy), and a malformed Host is
 * replaced rather than echoed.
 */
export function requestOrigin(req: FastifyRequest): string {
  const protocol = req.protocol === 'https' ? 'https' : 'http';
  const host = HOST.test(req.host) ? req.host.toLowerCase() : FALLBACK_HOST;
  return `${protocol}://${host}`;
}
