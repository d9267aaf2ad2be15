import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Rate } from '../../config/config.rate-limit.js';
import { createRateLimiter, type RateLimitClass, type RateLimitConfig } from '../rate-limit/rate-limiter.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's rate-limit class; 'none' exempts it; unset: the app's default class for /api routes. */
    rateLimit?: RateLimitClass | 'none';
  }
}

/** Counts failed authentications from one client IP (brute-force protection without limiting good traffic). */
export interface AuthFailureLimit {
  /** Sends 429 and returns true when this client has already failed too often in the window. */
  refuse(req: FastifyRequest, reply: FastifyReply): Promise<boolean>;
  record(req: FastifyRequest): Promise<void>;
}

export interface RateLimits {
  authFailures(cls: RateLimitClass): AuthFailureLimit;
}

const UNLIMITED: AuthFailureLimit = { refuse: async () => false, record: async () => undefined };

/** A matched route's class: its own, else the app's default for /api routes; null = not limited. */
export function rateLimitClassOf(
  routePattern: string | undefined,
  declared: RateLimitClass | 'none' | undefined,
  appDefault: RateLimitClass | null,
): RateLimitClass | null {
  if (routePattern === undefined || declared === 'none') return null; // no route: the 404 handler answers
  if (declared) return declared;
  return appDefault && routePattern.startsWith('/api/') ? appDefault : null;
}

/** The 429 of api-public.md §1: no Retry-After, the limit in slowapi's words. */
export function sendRateLimited(reply: FastifyReply, rate: Rate): FastifyReply {
  return reply.code(429).send({ detail: 'Rate limit exceeded', error: rate.text });
}

/**
 * Per-client-IP fixed-window limits (security-reliability.md §A4). Each route declares its class in
 * its config; other /api routes get the app's default. Counted in onRequest, before authentication
 * and before a body is read, so refused uploads and secret guessing cost nothing. Each route has its
 * own count per IP, as slowapi keys a limit by endpoint. The client IP is Fastify's `req.ip`, which
 * honours X-Forwarded-For only from VLOG_TRUSTED_PROXIES peers (app-base.ts).
 */
export async function registerRateLimit(
  app: FastifyInstance,
  options: { config: RateLimitConfig; defaultClass: RateLimitClass | null },
): Promise<RateLimits> {
  if (!options.config.rateLimitEnabled) return { authFailures: () => UNLIMITED };
  const limiter = await createRateLimiter(options.config, app.log);
  app.addHook('onClose', () => limiter.close());
  app.addHook('onRequest', async (req, reply) => {
    if (req.method === 'OPTIONS') return;
    const { url, config } = req.routeOptions;
    const cls = rateLimitClassOf(url, config.rateLimit, options.defaultClass);
    if (cls === null) return;
    const over = await limiter.hit(cls, `${req.method} ${url}`, req.ip);
    if (over) return sendRateLimited(reply, over);
  });
  return {
    authFailures: (cls) => ({
      async refuse(req, reply) {
        const over = await limiter.exhausted(cls, 'auth-failure', req.ip);
        if (over) sendRateLimited(reply, over);
        return over !== null;
      },
      async record(req) {
        await limiter.hit(cls, 'auth-failure', req.ip);
      },
    }),
  };
}
