import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.js';
import type { JobEvents } from './job-events.js';

export interface ProgressMessage {
  type: 'progress';
  video_id: number;
  video_slug: string;
  job_id: number | null;
  status: string;
  current_step: string | null;
  progress_percent: number;
  qualities: Array<{ name: string; status: string; progress: number }>;
  last_error: string | null;
  timestamp: string;
}

interface Subscriber {
  videoIds: Set<number> | null;
  onProgress(msg: ProgressMessage): void;
  lastSent: Map<number, string>;
}

/**
 * Fans transcoding progress out to SSE subscribers: one shared poll (plus immediate ticks on
 * in-process events) computes messages once; each subscriber gets only what changed for it.
 */
export function createProgressFeed(deps: { db: Kysely<Database>; events: JobEvents; pollMs: number }) {
  const { db } = deps;
  const subscribers = new Set<Subscriber>();
  let tracked = new Set<number>();
  let timer: NodeJS.Timeout | null = null;
  let ticking = false;
  let pendingTick: NodeJS.Timeout | null = null;

  async function activeVideoIds(): Promise<number[]> {
    const rows = await db.selectFrom('videos').select('id').where('deleted_at', 'is', null).where('status', 'in', ['pending', 'processing']).execute();
    return rows.map((r) => r.id);
  }

  async function messagesFor(ids: number[]): Promise<Map<number, ProgressMessage>> {
    const map = new Map<number, ProgressMessage>();
    if (ids.length === 0) return map;
    const rows = await db
      .selectFrom('videos as v')
      .leftJoin('transcoding_jobs as tj', 'tj.video_id', 'v.id')
      .select(['v.id', 'v.slug', 'v.status', 'v.error_message', 'tj.id as job_id', 'tj.current_step', 'tj.progress_percent', 'tj.last_error'])
      .where('v.id', 'in', ids)
      .execute();
    const jobIds = rows.map((r) => r.job_id).filter((x): x is number => x !== null);
    const qualities = jobIds.length
      ? await db.selectFrom('quality_progress').select(['job_id', 'quality', 'status', 'progress_percent']).where('job_id', 'in', jobIds).orderBy('id').execute()
      : [];
    for (const r of rows) {
      const status = r.status ?? 'pending';
      map.set(r.id, {
        type: 'progress',
        video_id: r.id,
        video_slug: r.slug,
        job_id: r.job_id,
        status,
        current_step: r.current_step,
        progress_percent: status === 'ready' ? 100 : (r.progress_percent ?? 0),
        qualities: qualities.filter((q) => q.job_id === r.job_id).map((q) => ({ name: q.quality, status: q.status, progress: q.progress_percent ?? 0 })),
        last_error: status === 'failed' ? r.error_message : (r.last_error ?? null),
        timestamp: new Date().toISOString(),
      });
    }
    return map;
  }

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
