/** The values of sprite_queue's status and priority columns, as the admin API lists and filters them. */
export const SPRITE_JOB_STATUSES = ['pending', 'processing', 'completed', 'failed', 'cancelled'] as const;
export type SpriteJobStatus = (typeof SPRITE_JOB_STATUSES)[number];
export { QUEUE_PRIORITIES, type QueuePriority } from '../queue/queue-descriptor.js';
