/** The values of sprite_queue's status and priority columns, as the admin API lists and filters them. */
export { SPRITE_JOB_STATUSES } from '../../contracts/api/job-queue.contract.js';
import type { SPRITE_JOB_STATUSES } from '../../contracts/api/job-queue.contract.js';
export type SpriteJobStatus = (typeof SPRITE_JOB_STATUSES)[number];
export { QUEUE_PRIORITIES, type QueuePriority } from '../queue/queue-descriptor.js';
