import { sql, type Kysely } from 'kysely';
import type { Database, Worker } from '../../db/database.types.js';

export type WorkerWithAge = Worker & { heartbeat_age: number | null };

export interface CurrentJob {
  job_id: number;
  worker_id: string | null;
  video_id: number;
  video_slug: string;
  video_title: string;
  current_step: string | null;
  progress_percent: number | null;
}

export interface JobStats {
  worker_id: string;
  completed: number;
  failed: number;
  last_completed_at: Date | null;
  avg_duration: number | null;
}

const heartbeatAge = sql<number | null>`extract(epoch from now() - last_heartbeat)::float8`;

/** Read-only queries behind the worker lists and details (workers joined with their jobs). */
export function createWorkerViewRepository(db: Kysely<Database>) {
  /** Transcode jobs with the columns every view shows of the job's video. */
  const jobsWithVideo = () =>
    db
      .selectFrom('transcoding_jobs as tj')
      .innerJoin('videos as v', 'v.id', 'tj.video_id')
      .select(['tj.id as job_id', 'v.id as video_id', 'v.slug as video_slug', 'v.title as video_title']);

  return {
    /** Workers with their heartbeat age by the database clock, most recent heartbeat first. */
    workers(filter: { workerId?: string } = {}): Promise<WorkerWithAge[]> {
      let q = db
        .selectFrom('workers')
        .selectAll()
        .select(heartbeatAge.as('heartbeat_age'))
        .orderBy(sql`last_heartbeat desc nulls last`)
        .orderBy('id');
      if (filter.workerId) q = q.where('worker_id', '=', filter.workerId);
      return q.execute();
    },

    /** The unfinished job each worker holds: its live claim, else workers.current_job_id. */
    async currentJobs(workers: Array<Pick<Worker, 'worker_id' | 'current_job_id'>>) {
      const byWorker = new Map<string, CurrentJob>();
      if (workers.length === 0) return byWorker;
      const uuids = workers.map((w) => w.worker_id);
      const ids = workers.map((w) => w.current_job_id).filter((id): id is number => id !== null);
      const rows = await jobsWithVideo()
        .select(['tj.worker_id', 'tj.current_step', 'tj.progress_percent'])
        .where('tj.completed_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb.and([eb('tj.worker_id', 'in', uuids), eb('tj.claimed_at', 'is not', null)]),
            ...(ids.length > 0 ? [eb('tj.id', 'in', ids)] : []),
          ]),
        )
        .orderBy('tj.claimed_at', 'desc')
        .execute();
      for (const w of workers) {
        const job =
          rows.find((r) => r.worker_id === w.worker_id) ?? rows.find((r) => r.job_id === w.current_job_id);
        if (job) byWorker.set(w.worker_id, job);
      }
      return byWorker;
    },

    /** Finished jobs per worker (by processed_by_worker_id, which survives reassignment). */
    async jobStats(workerIds: string[]): Promise<Map<string, JobStats>> {
      if (workerIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('transcoding_jobs as tj')
        .innerJoin('videos as v', 'v.id', 'tj.video_id')
        .select([
          sql<string>`tj.processed_by_worker_id`.as('worker_id'),
          sql<number>`count(*) filter (where v.status = 'ready')`.as('completed'),
          sql<number>`count(*) filter (where v.status = 'failed')`.as('failed'),
          sql<Date | null>`max(tj.completed_at)`.as('last_completed_at'),
          sql<number | null>`(avg(extract(epoch from tj.completed_at - tj.started_at))
            filter (where v.status = 'ready'))::float8`.as('avg_duration'),
        ])
        .where('tj.completed_at', 'is not', null)
        .where('tj.processed_by_worker_id', 'in', workerIds)
        .groupBy('tj.processed_by_worker_id')
        .execute();
      return new Map(rows.map((r) => [r.worker_id, r]));
    },

    recentJobs(workerId: string, limit: number) {
      return jobsWithVideo()
        .select(['v.status as video_status', 'tj.last_error', 'tj.started_at', 'tj.completed_at'])
        .where('tj.processed_by_worker_id', '=', workerId)
        .where('tj.completed_at', 'is not', null)
        .orderBy('tj.completed_at', 'desc')
        .limit(limit)
        .execute();
    },

    /** Jobs of videos waiting for or in transcoding, processing ones first. */
    activeJobs() {
      return jobsWithVideo()
        .leftJoin('workers as w', 'w.worker_id', 'tj.worker_id')
        .select([
          'v.status as video_status',
          'tj.worker_id',
          'w.worker_name',
          'w.metadata as worker_metadata',
          'w.capabilities as worker_capabilities',
          'tj.current_step',
          'tj.progress_percent',
          'tj.started_at',
          'tj.claimed_at',
          'tj.attempt_number',
          'tj.max_attempts',
        ])
        .where('v.status', 'in', ['pending', 'processing'])
        .where('v.deleted_at', 'is', null)
        .where('tj.completed_at', 'is', null)
        .orderBy(sql`case when v.status = 'processing' then 0 else 1 end`)
        .orderBy('tj.id')
        .execute();
    },
  };
}

export type WorkerViewRepository = ReturnType<typeof createWorkerViewRepository>;
