import type {
  QUEUE_PRIORITIES,
  REENCODE_JOB_STATUSES,
  SPRITE_JOB_STATUSES,
} from '../../contracts/api/job-queue.contract.js';
import type { SETTING_VALUE_TYPES } from '../../contracts/api/settings.contract.js';
import type { RETRANSCODE_NAMES } from '../../contracts/api/video-lifecycle.contract.js';
import type { REENCODE_PRIORITIES, REENCODE_STATUSES } from '../../domain/reencode/reencode-queue.types.js';
import type { VALUE_TYPES } from '../../domain/settings/settings.types.js';
import type {
  QUEUE_PRIORITIES as SPRITE_PRIORITIES,
  SPRITE_JOB_STATUSES as SPRITE_STATUSES,
} from '../../domain/sprites/sprite-queue.types.js';
import type { RETRANSCODE_NAMES as DOMAIN_RETRANSCODE_NAMES } from '../../domain/videos/video-lifecycle.service.js';

/*
 * The contracts may not import domain/ (they are shared with the browser and the worker), so the value
 * lists the API accepts are written in both places. These types fail to compile when a pair drifts apart.
 */
type Members<T extends readonly string[]> = T[number];
type Same<A extends readonly string[], B extends readonly string[]> = [Members<A>] extends [Members<B>]
  ? [Members<B>] extends [Members<A>]
    ? true
    : false
  : false;
type Assert<T extends true> = T;

export type ContractAlignment = [
  Assert<Same<typeof QUEUE_PRIORITIES, typeof SPRITE_PRIORITIES>>,
  Assert<Same<typeof QUEUE_PRIORITIES, typeof REENCODE_PRIORITIES>>,
  Assert<Same<typeof SPRITE_JOB_STATUSES, typeof SPRITE_STATUSES>>,
  Assert<Same<typeof REENCODE_JOB_STATUSES, typeof REENCODE_STATUSES>>,
  Assert<Same<typeof SETTING_VALUE_TYPES, typeof VALUE_TYPES>>,
  Assert<Same<typeof RETRANSCODE_NAMES, typeof DOMAIN_RETRANSCODE_NAMES>>,
];
