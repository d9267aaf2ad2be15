import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { badRequest, forbidden, unauthorized } from '../shared/errors.js';
import type { AdminSessionRepository } from './admin-session.repository.js';

export const SESSION_COOKIE = 'vlog_admin_session';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface AdminCredentials {
  method: string;
  headerSecret: string | undefined;
  sessionToken: string | undefined;
  csrfToken: string | undefined;
}

export function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  // Compare against itself on length mismatch so timing does not reveal the length.
  return timingSafeEqual(ab, ab.length === bb.length ? bb : ab) && ab.length === bb.length;
}

/**
 * Admin authentication (api-admin.md §2), always on: the X-Admin-Secret header for scripts, or a
 * server-side session cookie with an HMAC CSRF token for state-changing browser requests.
 */
export function createAdminAuthService(deps: {
  sessions: AdminSessionRepository;
  secret: string;
  sessionExpiryHours: number;
}) {
  const { sessions, secret } = deps;
  const maxAgeSeconds = Math.round(deps.sessionExpiryHours * 3600);
  const csrfTokenFor = (token: string) => createHmac('sha256', secret).update(token).digest('hex');

  return {
    maxAgeSeconds,
    csrfTokenFor,

    async login(input: { secret: string | undefined; ip: string | null; userAgent: string | null }) {
      if (!input.secret) throw badRequest('Secret is required');
      if (!constantTimeEqual(input.secret, secret)) throw forbidden('Invalid admin secret');
      const token = randomBytes(48).toString('base64url');
      await sessions.insert({
        token,
        expiresAt: new Date(Date.now() + maxAgeSeconds * 1000),
        ipAddress: input.ip,
        userAgent: input.userAgent,
      });
      return { token, maxAgeSeconds };
    },

    async logout(token: string | undefined): Promise<void> {
      if (token) await sessions.delete(token);
    },

    /** How the caller is authenticated, or null. Never throws. */
    async identify(
      c: Pick<AdminCredentials, 'headerSecret' | 'sessionToken'>,
    ): Promise<'header' | 'session' | null> {
      if (c.headerSecret !== undefined) return constantTimeEqual(c.headerSecret, secret) ? 'header' : null;
      if (c.sessionToken && (await sessions.touchValid(c.sessionToken))) return 'session';
      return null;
    },

    /** Throws 401/403 unless the request may proceed (decision order of api-admin.md §2). */
    async authorize(c: AdminCredentials): Promise<'header' | 'session'> {
      if (c.headerSecret !== undefined) {
        if (!constantTimeEqual(c.headerSecret, secret)) throw forbidden('Invalid admin secret');
        return 'header';
      }
      if (c.sessionToken && (await sessions.touchValid(c.sessionToken))) {
        if (STATE_CHANGING.has(c.method.toUpperCase())) {
          const expected = csrfTokenFor(c.sessionToken);
          if (!c.csrfToken || !constantTimeEqual(c.csrfToken, expected))
            throw forbidden('CSRF token invalid or missing');
        }
        return 'session';
      }
      throw unauthorized();
    },

    purgeExpired: () => sessions.deleteExpired(),
  };
}

export type AdminAuthService = ReturnType<typeof createAdminAuthService>;
