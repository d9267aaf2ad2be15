/**
 * Typed domain errors. Services throw these; the HTTP layer maps each kind to one status code
 * with a stable `{detail}` body (src/http/plugins/error-handler.ts). Messages are user-facing.
 */
export type DomainErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'payload_too_large'
  | 'too_many_requests'
  | 'unavailable'
  | 'timeout';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    /** Extra response headers, e.g. Retry-After for `unavailable`. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new DomainError('bad_request', message);
export const notFound = (message: string) => new DomainError('not_found', message);
export const conflict = (message: string) => new DomainError('conflict', message);
/** Well-formed but refused by a rule of the spec that answers 422 (a blocked webhook URL). */
export const unprocessable = (message: string) => new DomainError('unprocessable', message);
export const unauthorized = (message = 'Authentication required') => new DomainError('unauthorized', message);
export const forbidden = (message: string) => new DomainError('forbidden', message);
export const payloadTooLarge = (message: string) => new DomainError('payload_too_large', message);
/** A per-client limit other than the rate limits (those answer in the rate-limit plugin). */
export const tooManyRequests = (message: string) => new DomainError('too_many_requests', message);
export const unavailable = (message: string, retryAfterSeconds = 30) =>
  new DomainError('unavailable', message, { 'Retry-After': String(retryAfterSeconds) });
/** Work the request waited for took too long (504). */
export const timedOut = (message: string) => new DomainError('timeout', message);
