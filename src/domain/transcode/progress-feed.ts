import type { JobEvents } from '../queue/job-events.js';
import type { ProgressMessage, ProgressRepository } from './progress.repository.js';

export type { ProgressMessage };

interface Subscriber {
  videoIds: Set<number> | null;
  onProgress(msg: ProgressMessage): void;
  lastSent: Map<number, string>;
}

/**
 * Fans transcoding progress out to SSE subscribers: one shared poll (plus immediate ticks on
 * in-process events) computes messages once; each subscriber gets only what changed for it.
 */
export function createProgressFeed(deps: {
  progress: ProgressRepository;
  events: JobEvents;
  pollMs: number;
}) {
  const { activeVideoIds, messagesFor } = deps.progress;
  const subscribers = new Set<Subscriber>();
  let tracked = new Set<number>();
  let timer: NodeJS.Timeout | null = null;
  let ticking = false;
  let pendingTick: NodeJS.Timeout | null = null;

  const fingerprint = (m: ProgressMessage) => JSON.stringify({ ...m, timestamp: '' });

  async function tick(): Promise<void> {
    if (ticking || subscribers.size === 0) return;
    ticking = true;
    try {
      const active = await activeVideoIds();
      const ids = [...new Set([...active, ...tracked])];
      const messages = await messagesFor(ids);
      tracked = new Set(active);
      for (const sub of subscribers) {
        for (const [id, msg] of messages) {
          if (sub.videoIds && !sub.videoIds.has(id)) continue;
          const fp = fingerprint(msg);
          if (sub.lastSent.get(id) === fp) continue;
          sub.lastSent.set(id, fp);
          sub.onProgress(msg);
        }
      }
    } catch {
      // A failed poll is retried on the next tick.
    } finally {
      ticking = false;
    }
  }

  const soon = () => {
    pendingTick ??= setTimeout(() => {
      pendingTick = null;
      void tick();
    }, 100);
  };
  deps.events.onChanged(soon);
  deps.events.onQueued(soon);

  return {
    async subscribe(input: {
      videoIds: number[] | null;
      onInitial(progress: Record<string, ProgressMessage>): void;
      onProgress(msg: ProgressMessage): void;
    }) {
      const filter = input.videoIds ? new Set(input.videoIds) : null;
      const active = await activeVideoIds();
      const initial = await messagesFor(filter ? active.filter((id) => filter.has(id)) : active);
      const sub: Subscriber = { videoIds: filter, onProgress: input.onProgress, lastSent: new Map() };
      for (const [id, msg] of initial) {
        sub.lastSent.set(id, fingerprint(msg));
        tracked.add(id);
      }
      input.onInitial(Object.fromEntries([...initial].map(([id, m]) => [String(id), m])));
      subscribers.add(sub);
      timer ??= setInterval(() => void tick(), deps.pollMs);
      return {
        close() {
          subscribers.delete(sub);
          if (subscribers.size === 0 && timer) {
            clearInterval(timer);
            timer = null;
          }
        },
      };
    },
    /** Stops the shared poll (server shutdown). */
    close(): void {
      subscribers.clear();
      if (timer) clearInterval(timer);
      if (pendingTick) clearTimeout(pendingTick);
      timer = null;
    },
  };
}

export type ProgressFeed = ReturnType<typeof createProgressFeed>;
