import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';
import {
  deliveryBody,
  deliveryHeaders,
  retryDelaySeconds,
  signBody,
  verifySignature,
} from './webhook-request.js';

describe('webhook request', () => {
  const body = deliveryBody({
    id: 7,
    event: 'video.ready',
    timestamp: '2026-01-01T00:00:00.000Z',
    attempt: 2,
    data: { video_id: 1 },
  });

  it('is compact JSON in the spec order', () => {
    expect(body).toBe(
      '{"id":7,"event":"video.ready","timestamp":"2026-01-01T00:00:00.000Z","attempt":2,"data":{"video_id":1}}',
    );
  });

  it('signs the exact bytes with HMAC-SHA256 and a receiver verifies it in constant time', () => {
    const secret = 's'.repeat(32);
    const sig = signBody(secret, body);
    expect(sig).toBe(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
    expect(verifySignature(secret, Buffer.from(body), sig)).toBe(true);
    expect(verifySignature(secret, body.replace('7', '8'), sig)).toBe(false);
    expect(verifySignature('t'.repeat(32), body, sig)).toBe(false);
    expect(verifySignature(secret, body, undefined)).toBe(false);
  });

  it('custom headers never override protected ones, whatever their case', () => {
    const h = deliveryHeaders({
      event: 'video.ready',
      deliveryId: '7',
      timestamp: 't',
      body,
      secret: null,
      custom: {
        'X-Team': 'a',
        'content-type': 'text/plain',
        AUTHORIZATION: 'x',
        'X-VLog-Signature': 'forged',
        Host: 'h',
      },
    });
    expect(h).toEqual({
      'X-Team': 'a',
      'Content-Type': 'application/json',
      'User-Agent': 'VLog-Webhook/1.0',
      'X-VLog-Event': 'video.ready',
      'X-VLog-Delivery-Id': '7',
      'X-VLog-Timestamp': 't',
    });
  });

  it('backs off base × multiplier^(attempt−1) with up to 25 % jitter', () => {
    const at = (attempt: number, r: number) =>
      retryDelaySeconds({ attempt, baseSeconds: 30, multiplier: 2, random: () => r });
    expect([1, 2, 3, 4].map((a) => at(a, 0))).toEqual([30, 60, 120, 240]);
    expect(at(1, 0.999)).toBeCloseTo(37.49, 1);
    for (let i = 0; i < 100; i++) {
      const d = retryDelaySeconds({ attempt: 2, baseSeconds: 30, multiplier: 2 });
      expect(d).toBeGreaterThanOrEqual(60);
      expect(d).toBeLessThan(75);
    }
  });
});

describe('circuit breaker', () => {
  it('opens after 5 consecutive failures for 300 s; a success resets the count', () => {
    let now = 0;
    const b = new CircuitBreaker(5, 300_000, () => now);
    for (let i = 0; i < 4; i++) b.failure(1);
    b.success(1);
    for (let i = 0; i < 4; i++) b.failure(1);
    expect(b.isOpen(1)).toBe(false);
    b.failure(1);
    expect(b.isOpen(1)).toBe(true);
    expect(b.isOpen(2)).toBe(false);
    now = 299_999;
    expect(b.isOpen(1)).toBe(true);
    now = 300_000;
    expect(b.isOpen(1)).toBe(false); // half-open: one more failure opens it again
    b.failure(1);
    expect(b.isOpen(1)).toBe(true);
  });
});
