import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, QualityProgress, TranscodingJob } from '../../db/database.types.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface ClaimedJobRow {
  job: TranscodingJob;
  videoId: number;
  slug: string;
  streamingFormat: string;
  primaryCodec: string;
}

export interface QualityProgressInput {
  name: string;
  status: string;
  progress: number;
  segmentsCompleted?: number;
  segmentsTotal?: number | null;
}

/**
 * Why a worker's call on a job was refused; null when it owns a live lease. `cancelled`: the video was
 * deleted (the delete took the claim back), whoever holds or held the job.
 */
export type LeaseProblem = 'not_found' | 'cancelled' | 'not_owner' | 'expired' | 'completed' | null;

/** The lease check of one job row joined with its video. */
function problemOf(
  row:
    | { worker_id: string | null; completed_at: Date | null; live: boolean; deleted_at: Date | null }
    | undefined,
  workerId: string,
): LeaseProblem {
  if (!row) return 'not_found';
  if (row.deleted_at) return 'cancelled';
  if (row.completed_at) return 'completed';
  if (row.worker_id !== workerId) return 'not_owner';
  return row.live ? null : 'expired';
}

const seconds = (s: number) => sql<Date>`now() + make_interval(secs => ${s})`;

/** A job's lease facts and its video's deleted_at (a job without a video counts as not found). */
const leaseRow = (trx: Db, jobId: number) =>
  trx
    .selectFrom('transcoding_jobs as tj')
    .innerJoin('videos as v', 'v.id', 'tj.video_id')
    .select([
      'tj.worker_id',
      'tj.completed_at',
      'v.deleted_at',
      sql<boolean>`coalesce(tj.claim_expires_at > now(), false)`.as('live'),
    ])
    .where('tj.id', '=', jobId);

export function createTranscodingJobRepository(db: Kysely<Database>) {
  return {
    async createForVideo(trx: Db, videoId: number, maxAttempts: number): Promise<TranscodingJob> {
      return trx
        .insertInto('transcoding_jobs')
        .values({
          video_id: videoId,
          current_step: 'pending',
          progress_percent: 0,
          attempt_number: 1,
          max_attempts: maxAttempts,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /** Frees jobs whose lease ran out so they can be claimed again; their videos go back to pending. */
    async releaseExpiredLeases(trx: Db): Promise<number[]> {
      const rows = await trx
        .updateTable('transcoding_jobs')
        .set({ worker_id: null, claimed_at: null, claim_expires_at: null })
        .where('completed_at', 'is', null)
        .where('claimed_at', 'is not', null)
        .where('claim_expires_at', '<', sql<Date>`now()`)
        .returning('video_id')
        .execute();
      const ids = rows.map((r) => r.video_id).filter((id): id is number => id !== null);
      if (ids.length > 0) {
        await trx
          .updateTable('videos')
          .set({ status: 'pending' })
          .where('id', 'in', ids)
          .where('status', '=', 'processing')
          .execute();
      }
      return ids;
    },

    /** releaseExpiredLeases on its own (the periodic sweep; claims do it in their transaction). */
    async recoverExpiredLeases(): Promise<number> {
      return (await db.transaction().execute((trx) => this.releaseExpiredLeases(trx))).length;
    },

    /**
     * Claims the oldest runnable job with FOR UPDATE SKIP LOCKED, so concurrent claimers never get
     * the same row. An unclaimed job's claim_expires_at doubles as its retry "not before" time.
     */
    async claimNext(input: {
      workerId: string;
      workerName: string;
      leaseSeconds: number;
      /** Also take a job this worker id still holds: its previous run crashed (local worker restart). */
      reclaimOwn?: boolean;
    }): Promise<ClaimedJobRow | null> {
      return db.transaction().execute(async (trx) => {
        await this.releaseExpiredLeases(trx);
        const candidate = await trx
          .selectFrom('transcoding_jobs as tj')
          .innerJoin('videos as v', 'v.id', 'tj.video_id')
          .select(['tj.id', 'v.slug', 'v.id as video_id', 'v.streaming_format', 'v.primary_codec'])
          .where('v.deleted_at', 'is', null)
          .where('tj.completed_at', 'is', null)
          .where((eb) => {
            const unclaimed = eb.and([
              eb('tj.claimed_at', 'is', null),
              eb.or([
                eb('tj.claim_expires_at', 'is', null),
                eb('tj.claim_expires_at', '<=', sql<Date>`now()`),
              ]),
            ]);
            return input.reclaimOwn ? eb.or([unclaimed, eb('tj.worker_id', '=', input.workerId)]) : unclaimed;
          })
          .where((eb) =>
            eb.or([
              eb('v.status', 'in', ['pending', 'processing']),
              eb.and([eb('v.status', '=', 'ready'), eb('tj.retranscode_metadata', 'is not', null)]),
            ]),
          )
          // Its own unfinished job first when reclaiming.
          .orderBy(sql`coalesce(tj.worker_id = ${input.workerId}, false)`, 'desc')
          .orderBy('v.created_at')
          .orderBy('tj.id')
          .limit(1)
          .forUpdate('tj')
          .skipLocked()
          .executeTakeFirst();
        if (!candidate) return null;
        const job = await trx
          .updateTable('transcoding_jobs')
          .set({
            worker_id: input.workerId,
            claimed_at: sql<Date>`now()`,
            claim_expires_at: seconds(input.leaseSeconds),
            started_at: sql<Date>`coalesce(started_at, now())`,
            last_checkpoint: sql<Date>`now()`,
            current_step: 'claimed',
            processed_by_worker_id: input.workerId,
            processed_by_worker_name: input.workerName.slice(0, 100),
          })
          .where('id', '=', candidate.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('videos')
          .set({ status: 'processing', error_message: null })
          .where('id', '=', job.video_id)
          .execute();
        // Registered workers show what they work on (the local worker has no row: no-op).
        await trx
          .updateTable('workers')
          .set({ current_job_id: job.id })
          .where('worker_id', '=', input.workerId)
          .execute();
        return {
          job,
          videoId: candidate.video_id,
          slug: candidate.slug,
          streamingFormat: candidate.streaming_format,
          primaryCodec: candidate.primary_codec,
        };
      });
    },

    async leaseProblem(trx: Db, jobId: number, workerId: string): Promise<LeaseProblem> {
      return problemOf(await leaseRow(trx, jobId).executeTakeFirst(), workerId);
    },

    /**
     * Runs `publish` (a file renamed into videos/{slug}) only while the worker holds a live lease and the
     * video is not deleted, with the video row held FOR SHARE until it is done: a delete (which locks the
     * row FOR UPDATE) waits for a publish under way, and a publish after the delete sees it.
     */
    async withLease(jobId: number, workerId: string, publish: () => Promise<void>): Promise<LeaseProblem> {
      return db.transaction().execute(async (trx) => {
        const problem = problemOf(await leaseRow(trx, jobId).forShare('v').executeTakeFirst(), workerId);
        if (problem === null) await publish();
        return problem;
      });
    },

    /** Records step/progress and extends the lease; false when the caller no longer holds it. */
    async recordProgress(input: {
      jobId: number;
      workerId: string;
      step: string;
      percent: number;
      leaseSeconds: number;
    }): Promise<boolean> {
      const r = await db
        .updateTable('transcoding_jobs')
        .set({
          current_step: input.step,
          progress_percent: Math.max(0, Math.min(100, Math.round(input.percent))),
          last_checkpoint: sql<Date>`now()`,
          claim_expires_at: seconds(input.leaseSeconds),
        })
        .where('id', '=', input.jobId)
        .where('worker_id', '=', input.workerId)
        .where('completed_at', 'is', null)
        .where('claim_expires_at', '>', sql<Date>`now()`)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async upsertQualityProgress(jobId: number, items: QualityProgressInput[]): Promise<void> {
      if (items.length === 0) return;
      const done = (s: string) => s === 'completed' || s === 'uploaded' || s === 'skipped';
      await db
        .insertInto('quality_progress')
        .values(
          items.map((q) => ({
            job_id: jobId,
            quality: q.name,
            status: q.status,
            progress_percent: Math.max(0, Math.min(100, Math.round(q.progress))),
            segments_completed: q.segmentsCompleted ?? 0,
            segments_total: q.segmentsTotal ?? null,
            started_at: q.status === 'pending' ? null : new Date(),
            completed_at: done(q.status) ? new Date() : null,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['job_id', 'quality']).doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            progress_percent: eb.ref('excluded.progress_percent'),
            segments_completed: eb.ref('excluded.segments_completed'),
            segments_total: sql`coalesce(excluded.segments_total, quality_progress.segments_total)`,
            started_at: sql`coalesce(quality_progress.started_at, excluded.started_at)`,
            completed_at: eb.ref('excluded.completed_at'),
          })),
        )
        .execute();
    },

    async findByVideo(videoId: number): Promise<TranscodingJob | null> {
      return (
        (await db
          .selectFrom('transcoding_jobs')
          .selectAll()
          .where('video_id', '=', videoId)
          .executeTakeFirst()) ?? null
      );
    },

    async findById(trx: Db, jobId: number): Promise<TranscodingJob | null> {
      return (
        (await trx.selectFrom('transcoding_jobs').selectAll().where('id', '=', jobId).executeTakeFirst()) ??
        null
      );
    },

    /** The id and slug of a job's video, or null when the video is gone. */
    async videoRef(videoId: number): Promise<{ id: number; slug: string } | null> {
      return (
        (await db.selectFrom('videos').select(['id', 'slug']).where('id', '=', videoId).executeTakeFirst()) ??
        null
      );
    },

    async qualityProgress(jobIds: number[]): Promise<QualityProgress[]> {
      if (jobIds.length === 0) return [];
      return db
        .selectFrom('quality_progress')
        .selectAll()
        .where('job_id', 'in', jobIds)
        .orderBy('id')
        .execute();
    },
  };
}

export type TranscodingJobRepository = ReturnType<typeof createTranscodingJobRepository>;
