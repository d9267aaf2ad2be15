/**
 * How one job kind's table spells the queue: which statuses mean what, which columns hold the lease,
 * the attempts and the worker. The queue (job-queue.repository.ts) reads only this, so a new kind is a
 * descriptor, not a copy of the claim / lease / retry code.
 */

/** Tables the generic queue serves (transcoding_jobs keeps its own claim: see job-kinds.ts). */
export type QueueTableName = 'sprite_queue' | 'reencode_queue' | 'transcriptions' | 'webhook_deliveries';

/** The priority column's values, high first (every queue with priorities). */
export { QUEUE_PRIORITIES } from '../../contracts/api/job-queue.contract.js';
import { QUEUE_PRIORITIES } from '../../contracts/api/job-queue.contract.js';
export type QueuePriority = (typeof QUEUE_PRIORITIES)[number];

export interface StatusVocabulary {
  /** Statuses a claim may take (the first is the one a new or released job gets). */
  claimable: readonly [string, ...string[]];
  /** A claimed job's status while a worker holds it. */
  running: string;
  /** What a failed attempt that will be retried goes back to. */
  retry: string;
  completed: string;
  /** Failed for good. */
  failed: string;
  cancelled: string | null;
}

/**
 * `started`: the claim stamps `column` with now(); the job is abandoned once it is older than the lease
 * and its worker has stopped heartbeating (or older than the kind's maximum run time in any case).
 * `expires`: the claim sets `column` to now() + lease; past it the job is abandoned. While the job waits
 * the same column is its retry "not before" time (the backoff).
 */
export type LeaseStyle =
  { style: 'started'; column: 'started_at' } | { style: 'expires'; column: 'next_retry_at' };

export interface QueueDescriptor {
  table: QueueTableName;
  status: StatusVocabulary;
  lease: LeaseStyle;
  /** The queueing time, when the table has one (transcriptions does not: their id orders them). */
  created: 'created_at' | null;
  /** The table has a priority column (high > normal > low); otherwise oldest first only. */
  priority: boolean;
  /** Column counting attempts, and the value it holds during the first one (retry_count: 0). */
  attempts: { column: 'retry_count' | 'attempt_number'; first: 0 | 1 } | null;
  /** The registered worker's row id (workers.id), whose heartbeat keeps a `started` lease alive. */
  worker: 'processed_by_worker_id' | null;
  /** Column stamped when the job ends. */
  finished: 'completed_at' | 'delivered_at';
  /** The job belongs to a video (listing shows its slug and title; lockVideo guards its queueing). */
  video: boolean;
  /** A claim clears the previous attempt's error message (otherwise it stays visible while retrying). */
  clearErrorOnClaim: boolean;
}

export const SPRITE_QUEUE: QueueDescriptor = {
  table: 'sprite_queue',
  status: {
    claimable: ['pending'],
    running: 'processing',
    retry: 'pending',
    completed: 'completed',
    failed: 'failed',
    cancelled: 'cancelled',
  },
  lease: { style: 'started', column: 'started_at' },
  created: 'created_at',
  priority: true,
  attempts: null,
  worker: 'processed_by_worker_id',
  finished: 'completed_at',
  video: true,
  clearErrorOnClaim: true,
};

export const REENCODE_QUEUE: QueueDescriptor = {
  ...SPRITE_QUEUE,
  table: 'reencode_queue',
  status: { ...SPRITE_QUEUE.status, running: 'in_progress' },
  attempts: { column: 'retry_count', first: 0 },
  clearErrorOnClaim: false,
};

/** transcriptions (issue 14; migration 0005 added the worker and attempts columns). No cancelled status. */
export const TRANSCRIPTION_QUEUE: QueueDescriptor = {
  ...SPRITE_QUEUE,
  table: 'transcriptions',
  status: { ...SPRITE_QUEUE.status, cancelled: null },
  created: null,
  priority: false,
  attempts: { column: 'retry_count', first: 0 },
};

/** The next kind (issue 14 part 3): its table fits as it is; it becomes a JobKind with its handler. */

/** Deliveries: 'failed' waits for next_retry_at, 'failed_permanent' is final (DATABASE.md). */
export const WEBHOOK_DELIVERY_QUEUE: QueueDescriptor = {
  table: 'webhook_deliveries',
  status: {
    claimable: ['pending', 'failed'],
    running: 'delivering',
    retry: 'failed',
    completed: 'delivered',
    failed: 'failed_permanent',
    cancelled: null,
  },
  lease: { style: 'expires', column: 'next_retry_at' },
  created: 'created_at',
  priority: false,
  attempts: { column: 'attempt_number', first: 1 },
  worker: null,
  finished: 'delivered_at',
  video: false,
  clearErrorOnClaim: true,
};
