// Operational alerts (pipeline.md §17) to a real receiver on loopback: the body shape with metrics, one
// alert per type per rate-limit window except the forced types, nothing without a URL, and the same SSRF
// guard as webhooks (a loopback target is refused unless private targets are allowed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOperationalAlerts, type AlertOptions } from '../../src/domain/webhooks/operational-alerts.js';
import { systemResolver } from '../../src/domain/webhooks/ssrf-guard.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';

describe('operational alerts', () => {
  let rx: Receiver;
  beforeAll(async () => {
    rx = await startReceiver();
  });
  afterAll(() => rx.close());

  const alerts = (over: Partial<AlertOptions> = {}) => {
    const outcomes: Array<string | null> = [];
    const a = createOperationalAlerts({
      resolve: systemResolver,
      options: {
        url: `${rx.url}/alerts`,
        timeoutSeconds: 2,
        rateLimitSeconds: 300,
        allowPrivateTargets: true,
        ...over,
      },
      onSent: (o) => outcomes.push(o.error),
    });
    return { a, outcomes };
  };

  it('posts {event, timestamp, details, metrics}; rate-limits a type, never the forced ones', async () => {
    rx.received.length = 0;
    const { a } = alerts();
    await a.send('job_failed', { video_id: 1 });
    await a.send('job_failed', { video_id: 2 }); // within 300 s: skipped
    await a.send('worker_startup', { worker_id: 'w' });
    await a.send('worker_startup', { worker_id: 'w' }); // forced: sent again
    const got = await rx.waitFor(3, 5000);
    expect(got.map((r) => (JSON.parse(r.body) as { event: string }).event)).toEqual([
      'job_failed',
      'worker_startup',
      'worker_startup',
    ]);
    const body = JSON.parse(got[0]!.body) as Record<string, unknown>;
    expect(body).toMatchObject({ event: 'job_failed', details: { video_id: 1 } });
    expect(Date.parse(body.timestamp as string)).not.toBeNaN();
    expect(Object.keys(body.metrics as object).sort()).toEqual(
      [
        'alerts_failed',
        'alerts_rate_limited',
        'alerts_sent',
        'jobs_failed',
        'jobs_max_retries_exceeded',
        'stale_jobs_recovered',
        'videos_with_failures',
      ].sort(),
    );
    expect(a.metrics()).toMatchObject({ alerts_sent: 3, alerts_rate_limited: 1 });
  });

  it('alerts a video failure from its second failure on; max retries always', async () => {
    rx.received.length = 0;
    const { a } = alerts({ rateLimitSeconds: 0 });
    const f = { video_id: 9, video_slug: 'v', attempt_number: 1, error: 'x', will_retry: true };
    a.jobFailed(f);
    a.jobFailed({ ...f, attempt_number: 2 });
    a.maxRetriesExceeded({ video_id: 9, video_slug: 'v', max_attempts: 3, last_error: 'x' });
    const got = await rx.waitFor(2, 5000);
    const events = got.map((r) => JSON.parse(r.body) as { event: string; details: Record<string, unknown> });
    expect(events.map((e) => e.event).sort()).toEqual(['job_failed', 'job_max_retries_exceeded']);
    expect(events.find((e) => e.event === 'job_failed')?.details).toMatchObject({ video_failure_count: 2 });
  });

  it('sends nothing without a URL, and refuses a loopback target unless private targets are allowed', async () => {
    rx.received.length = 0;
    await alerts({ url: '' }).a.send('worker_startup', {});
    const blocked = alerts({ allowPrivateTargets: false });
    await blocked.a.send('worker_startup', {});
    expect(blocked.outcomes[0]).toMatch(/blocked.*127\.0\.0\.1/);
    expect(blocked.a.metrics().alerts_failed).toBe(1);
    expect(rx.received).toEqual([]);
  });
});
