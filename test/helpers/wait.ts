import type { TestApp } from './test-app.js';

/** Polls `check` until it returns a value (not undefined) or the timeout passes. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number; what: string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${options.timeoutMs} ms waiting for ${options.what}`);
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 100));
  }
}

/**
 * Waits until video `videoId` is `ready` or `failed` (its transcode ended either way) and returns its
 * row; the caller asserts which.
 */
export function waitVideoSettled(
  t: Pick<TestApp, 'container'>,
  videoId: number,
  options: { timeoutMs?: number; what?: string } = {},
) {
  return waitFor(
    async () => {
      const v = await t.container.db
        .selectFrom('videos')
        .selectAll()
        .where('id', '=', videoId)
        .executeTakeFirstOrThrow();
      return v.status === 'ready' || v.status === 'failed' ? v : undefined;
    },
    {
      timeoutMs: options.timeoutMs ?? 90_000,
      intervalMs: 100,
      what: options.what ?? `video ${videoId} to be ready or failed`,
    },
  );
}
