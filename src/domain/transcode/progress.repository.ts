import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.js';

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

/** Reads the transcoding progress of videos, in the message shape the admin SSE stream sends. */
export function createProgressRepository(db: Kysely<Database>) {
  async function activeVideoIds(): Promise<number[]> {
    const rows = await db
      .selectFrom('videos')
      .select('id')
      .where('deleted_at', 'is', null)
      .where('status', 'in', ['pending', 'processing'])
      .execute();
    return rows.map((r) => r.id);
  }

  async function messagesFor(ids: number[]): Promise<Map<number, ProgressMessage>> {
    const map = new Map<number, ProgressMessage>();
    if (ids.length === 0) return map;
    const rows = await db
      .selectFrom('videos as v')
      .leftJoin('transcoding_jobs as tj', 'tj.video_id', 'v.id')
      .select([
        'v.id',
        'v.slug',
        'v.status',
        'v.error_message',
        'tj.id as job_id',
        'tj.current_step',
        'tj.progress_percent',
        'tj.last_error',
      ])
      .where('v.id', 'in', ids)
      .execute();
    const jobIds = rows.map((r) => r.job_id).filter((x): x is number => x !== null);
    const qualities = jobIds.length
      ? await db
          .selectFrom('quality_progress')
          .select(['job_id', 'quality', 'status', 'progress_percent'])
          .where('job_id', 'in', jobIds)
          .orderBy('id')
          .execute()
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
        qualities: qualities
          .filter((q) => q.job_id === r.job_id)
          .map((q) => ({ name: q.quality, status: q.status, progress: q.progress_percent ?? 0 })),
        last_error: status === 'failed' ? r.error_message : (r.last_error ?? null),
        timestamp: new Date().toISOString(),
      });
    }
    return map;
  }

  return { activeVideoIds, messagesFor };
}

export type ProgressRepository = ReturnType<typeof createProgressRepository>;
