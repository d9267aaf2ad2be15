import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';

/**
 * In-process notifications: "a video's transcoding state changed" and "new work is queued".
 * The SSE stream, the local worker and idle remote workers (waitQueued, the worker API's long poll)
 * listen, so nothing waits for a polling interval when the change happened in this process. On
 * PostgreSQL "queued" also crosses processes (src/server/queued-events-relay.ts); state changes made
 * elsewhere are picked up by polling.
 */
export class JobEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  /** Names this process's sequence of "queued" events: a cursor of another run is out of date. */
  private readonly epoch = randomBytes(6).toString('hex');
  private queuedCount = 0;

  changed(videoId: number): void {
    this.emitter.emit('changed', videoId);
  }
  /** Work was queued; `elsewhere`: by another process (relayed by src/server/queued-events-relay.ts). */
  queued(origin: 'here' | 'elsewhere' = 'here'): void {
    this.queuedCount++;
    this.emitter.emit('queued', origin);
  }
  onChanged(listener: (videoId: number) => void): () => void {
    this.emitter.on('changed', listener);
    return () => this.emitter.off('changed', listener);
  }
  onQueued(listener: (origin: 'here' | 'elsewhere') => void): () => void {
    this.emitter.on('queued', listener);
    return () => this.emitter.off('queued', listener);
  }

  /** Where the "queued" events stand now, for waitQueued. */
  cursor(): string {
    return `${this.epoch}.${this.queuedCount}`;
  }

  /**
   * Resolves with `{ queued: true }` as soon as work was queued after `after` (a cursor() value; a missing
   * or foreign one counts as "maybe": at once), else with `{ queued: false }` after `timeoutMs` or when
   * `signal` aborts; both with the cursor to wait after next time.
   */
  async waitQueued(
    after: string | undefined,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<{ queued: boolean; cursor: string }> {
    const now = this.cursor();
    if (after !== now) return { queued: true, cursor: now };
    const queued = await new Promise<boolean>((resolve) => {
      const finish = (value: boolean) => {
        clearTimeout(timer);
        unsubscribe();
        signal?.removeEventListener('abort', aborted);
        resolve(value);
      };
      const aborted = () => finish(false);
      const timer = setTimeout(() => finish(false), timeoutMs);
      const unsubscribe = this.onQueued(() => finish(true));
      if (signal?.aborted) finish(false);
      else signal?.addEventListener('abort', aborted, { once: true });
    });
    return { queued, cursor: this.cursor() };
  }
}
