import type { TargetCodec, TargetFormat } from '../../contracts/reencode-job.js';
import { QUEUE_PRIORITIES, type QueuePriority } from '../queue/queue-descriptor.js';

/** The values of reencode_queue's status and priority columns, as the admin API lists and filters them. */
export { REENCODE_JOB_STATUSES as REENCODE_STATUSES } from '../../contracts/api/job-queue.contract.js';
import type { REENCODE_JOB_STATUSES as REENCODE_STATUSES } from '../../contracts/api/job-queue.contract.js';
export type ReencodeStatus = (typeof REENCODE_STATUSES)[number];
export const REENCODE_PRIORITIES = QUEUE_PRIORITIES;
export type ReencodePriority = QueuePriority;

/** What an admin queues a video for. */
export interface ReencodeTarget {
  priority: ReencodePriority;
  format: TargetFormat;
  codec: TargetCodec;
}
