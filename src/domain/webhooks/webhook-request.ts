import { createHmac, timingSafeEqual } from 'node:crypto';
import { PROTECTED_HEADERS } from '../../contracts/api/webhook.contract.js';

/** The request a delivery sends (pipeline.md §16 "Request"): body, headers, signature — pure. */

/** Header names a webhook's custom headers may not set (case-insensitive). */
const PROTECTED = new Set<string>(PROTECTED_HEADERS);

/** The protected names among `headers` (the API refuses them when a webhook is saved). */
export function protectedHeaderNames(headers: Record<string, string>): string[] {
  return Object.keys(headers).filter((name) => PROTECTED.has(name.toLowerCase()));
}

/** The exact bytes sent: compact JSON in the spec's key order. */
export function deliveryBody(d: {
  id: number | 'test';
  event: string;
  timestamp: string;
  attempt: number;
  data: unknown;
}): string {
  return JSON.stringify({
    id: d.id,
    event: d.event,
    timestamp: d.timestamp,
    attempt: d.attempt,
    data: d.data,
  });
}

/** `sha256=<hex HMAC-SHA256(secret, body)>`. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** What a receiver does: recompute over the raw body and compare in constant time. */
export function verifySignature(
  secret: string,
  rawBody: string | Buffer,
  header: string | undefined,
): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, rawBody.toString()));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The headers of one delivery: custom ones first, then the protected ones, which always win. */
export function deliveryHeaders(d: {
  event: string;
  deliveryId: string;
  timestamp: string;
  body: string;
  secret: string | null;
  custom: Record<string, string>;
  test?: boolean;
}): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(d.custom)) {
    if (!PROTECTED.has(name.toLowerCase())) headers[name] = value;
  }
  headers['Content-Type'] = 'application/json';
  headers['User-Agent'] = 'VLog-Webhook/1.0';
  headers['X-VLog-Event'] = d.event;
  headers['X-VLog-Delivery-Id'] = d.deliveryId;
  headers['X-VLog-Timestamp'] = d.timestamp;
  if (d.secret) headers['X-VLog-Signature'] = signBody(d.secret, d.body);
  if (d.test) headers['X-VLog-Test'] = 'true';
  return headers;
}

/**
 * Seconds before attempt `attempt + 1`: base × multiplier^(attempt−1) × (1 + U[0, 0.25)) — ≈30, 60, 120,
 * 240 s with the defaults; the jitter spreads the retries of many deliveries that failed together.
 */
export function retryDelaySeconds(o: {
  attempt: number;
  baseSeconds: number;
  multiplier: number;
  random?: () => number;
}): number {
  const jitter = 1 + (o.random ?? Math.random)() * 0.25;
  return o.baseSeconds * o.multiplier ** (o.attempt - 1) * jitter;
}

/** The stored JSON of a row (events, headers, event_data), or `fallback` when it is not valid JSON. */
export function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
