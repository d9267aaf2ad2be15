import type { ReencodeJob, ReencodeResult } from '../../contracts/reencode-job.js';
import type { SpriteJob, SpriteResult } from '../../contracts/sprite-job.js';
import type { TranscriptionJob, TranscriptionResult } from '../../contracts/transcription-job.js';
import type { WireJobKind } from '../../contracts/worker-api/job-kinds.contract.js';
import type { TranscodeClaim, TranscodeComplete } from '../../contracts/worker-api/transcode-job.contract.js';
import {
  REENCODE_QUEUE,
  SPRITE_QUEUE,
  TRANSCRIPTION_QUEUE,
  type QueueDescriptor,
} from './queue-descriptor.js';

/**
 * transcoding_jobs predates the status-column queues: a job is waiting while unclaimed and not completed,
 * its lease is claim_expires_at (extended by progress), and its claim orders by the video's age and lets
 * a restarted worker take back its own job (transcoding-job.repository.ts keeps that claim).
 */
export const TRANSCODE_JOBS = {
  table: 'transcoding_jobs',
  lease: { style: 'expires', column: 'claim_expires_at' },
  attempts: { column: 'attempt_number', first: 1 },
} as const;

/**
 * Every job kind, with what the worker receives (payload) and reports (result) — the contracts'
 * types, shared with the worker. A new kind is one line here plus its descriptor; every per-kind map
 * below then fails to compile until it has an entry for it.
 */
export interface JobKindTypes {
  transcode: { payload: TranscodeClaim; result: TranscodeComplete };
  sprite: { payload: SpriteJob; result: SpriteResult };
  reencode: { payload: ReencodeJob; result: ReencodeResult };
  transcription: { payload: TranscriptionJob; result: TranscriptionResult };
}

export type JobKind = keyof JobKindTypes;

/** The queue's kinds are the worker protocol's (contracts/worker-api): a kind on one side only does not compile. */
type SameKinds = [JobKind] extends [WireJobKind] ? ([WireJobKind] extends [JobKind] ? true : false) : false;
export const KINDS_MATCH_THE_WORKER_PROTOCOL: SameKinds = true;
export type JobPayload<K extends JobKind> = JobKindTypes[K]['payload'];
export type JobResult<K extends JobKind> = JobKindTypes[K]['result'];

/** One `V` per kind, no kind missing and none extra. */
export type PerJobKind<V> = { readonly [K in JobKind]: V };

/** One handler per kind, typed by the kind's payload and result. */
export type JobHandlerMap<Ctx> = {
  readonly [K in JobKind]: (payload: JobPayload<K>, ctx: Ctx) => Promise<JobResult<K>>;
};

/** Where each kind's queue lives. */
export const JOB_KINDS: PerJobKind<{ descriptor: QueueDescriptor | typeof TRANSCODE_JOBS }> = {
  transcode: { descriptor: TRANSCODE_JOBS },
  sprite: { descriptor: SPRITE_QUEUE },
  reencode: { descriptor: REENCODE_QUEUE },
  transcription: { descriptor: TRANSCRIPTION_QUEUE },
};

export const JOB_KIND_NAMES = Object.keys(JOB_KINDS) as JobKind[];
