import { Type, type Static, type TInteger } from '@sinclair/typebox';
import { Id, INT4_MAX, literals, Nullable } from './common.contract.js';
import { RETRANSCODE_NAMES } from './video-lifecycle.contract.js';

/** Bulk operations on videos (api-admin.md §5.9): 1–100 ids each, one result per distinct id. */

export const MAX_BULK_IDS = 100;

export const BulkVideoIds = Type.Array(Id(), {
  minItems: 1,
  maxItems: MAX_BULK_IDS,
  description: '1–100 video ids; a repeated id is processed once',
});

export const BulkItemResult = Type.Object({
  video_id: Type.Integer(),
  success: Type.Boolean(),
  error: Nullable(Type.String()),
});
export type BulkItemResult = Static<typeof BulkItemResult>;

/**
 * `{status, <count>, failed, results}`: `status` is "ok" when no item failed, else "partial";
 * `<count>` (deleted, updated, queued, restored) counts the items that succeeded.
 */
export function BulkResponse<K extends string>(countField: K) {
  const count = { [countField]: Type.Integer() } as Record<K, TInteger>;
  return Type.Object({
    status: literals(['ok', 'partial']),
    ...count,
    failed: Type.Integer(),
    results: Type.Array(BulkItemResult),
  });
}
export type BulkResponse<K extends string> = Static<ReturnType<typeof BulkResponse<K>>>;

export const BulkDeleteBody = Type.Object({
  video_ids: BulkVideoIds,
  permanent: Type.Boolean({ default: false }),
});
export type BulkDeleteBody = Static<typeof BulkDeleteBody>;

export const BulkUpdateBody = Type.Object({
  video_ids: BulkVideoIds,
  category_id: Type.Optional(
    // A type list, not a nullable anyOf: with coerceTypes, anyOf's integer branch would turn null into 0
    // (which uncategorises); null means "not given", as in the reference.
    Type.Unsafe<number | null>({
      type: ['integer', 'null'],
      minimum: 0,
      maximum: INT4_MAX,
      description: '0 removes the category; null or absent leaves it',
    }),
  ),
  published_at: Type.Optional(
    Type.Unsafe<string | null>({
      type: ['string', 'null'],
      maxLength: 64,
      description: 'ISO date-time (YYYY-MM-DDTHH:MM, Z allowed); null or absent leaves it',
    }),
  ),
  unpublish: Type.Boolean({ default: false, description: 'Clears published_at; wins over published_at' }),
});
export type BulkUpdateBody = Static<typeof BulkUpdateBody>;

export const BulkRetranscodeBody = Type.Object({
  video_ids: BulkVideoIds,
  qualities: Type.Array(literals(RETRANSCODE_NAMES), {
    minItems: 1,
    maxItems: RETRANSCODE_NAMES.length,
    default: ['all'],
  }),
  priority: literals(['high', 'normal', 'low'], {
    default: 'normal',
    description: 'Accepted for compatibility; the database queue is FIFO',
  }),
});
export type BulkRetranscodeBody = Static<typeof BulkRetranscodeBody>;

export const BulkRestoreBody = Type.Object({ video_ids: BulkVideoIds });
export type BulkRestoreBody = Static<typeof BulkRestoreBody>;
