import type { WaitAnswer } from '../../contracts/worker-api/wait.contract.js';
import type { WorkerApiClient } from './worker-api-client.js';

/**
 * The worker API's long poll (GET /api/worker/wait): resolves when work was queued since the last
 * answer, or after `timeoutMs`. Not retried: the loop falls back to its poll interval.
 */
export function longPoll(client: WorkerApiClient) {
  let cursor: string | undefined;
  return async (timeoutMs: number, signal: AbortSignal): Promise<void> => {
    const query = new URLSearchParams({ timeout: String(Math.min(60, timeoutMs / 1000)) });
    if (cursor) query.set('after', cursor);
    const r = await client.json<WaitAnswer>(`/api/worker/wait?${query}`, {
      timeoutMs: timeoutMs + 10_000,
      retryForMs: 0,
      signal,
    });
    cursor = r.cursor;
  };
}
