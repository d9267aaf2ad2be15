import { describe, expect, it } from 'vitest';
import { DELIVERY_STATUSES, STATUS_BADGE, WEBHOOK_EVENTS, canRetry } from './webhook-events.js';

describe('webhook events and delivery statuses', () => {
  it('lists the eight events in the contract order', () => {
    expect(WEBHOOK_EVENTS).toEqual([
      'video.uploaded',
      'video.ready',
      'video.failed',
      'video.deleted',
      'video.restored',
      'transcription.completed',
      'worker.registered',
      'worker.offline',
    ]);
  });

  it('offers Retry for waiting and failed deliveries only', () => {
    expect(DELIVERY_STATUSES.filter(canRetry)).toEqual(['pending', 'failed', 'failed_permanent']);
    expect(STATUS_BADGE.delivered).toBe('ready');
    expect(STATUS_BADGE.failed_permanent).toBe('failed');
  });
});
