/**
 * The bulk endpoints (api-admin.md §5.9) and how their answer is told to the admin: "n updated, m failed"
 * with each failure named (pure text, unit-tested).
 */
import type { ApiClient } from '../api.js';
import type { BulkItemResult } from '../../shared/types.js';

export type BulkOperation = 'delete' | 'update' | 'retranscode' | 'restore' | 'custom-fields';

/** Every bulk answer: `{status, <count>, failed, results}`. */
export interface BulkAnswer {
  status: 'ok' | 'partial';
  failed: number;
  results: BulkItemResult[];
}

/** The count field and the past participle of each operation. */
const DONE: Record<BulkOperation, string> = {
  delete: 'deleted',
  update: 'updated',
  retranscode: 'queued',
  restore: 'restored',
  'custom-fields': 'updated',
};

export function runBulk(api: ApiClient, op: BulkOperation, body: object): Promise<BulkAnswer> {
  return api.post<BulkAnswer>(`/api/videos/bulk/${op}`, body);
}

/** "2 updated, 1 failed: “Title” — Video not found" (titles by id where known, else "#id"). */
export function bulkSummaryText(
  op: BulkOperation,
  answer: BulkAnswer,
  titles: ReadonlyMap<number, string>,
): string {
  const done = answer.results.filter((r) => r.success).length;
  const failures = answer.results.filter((r) => !r.success);
  const head = `${done} ${DONE[op]}, ${failures.length} failed`;
  if (failures.length === 0) return head;
  const named = failures.map((f) => {
    const title = titles.get(f.video_id);
    return `${title ? `“${title}”` : `#${f.video_id}`} — ${f.error ?? 'failed'}`;
  });
  return `${head}: ${named.join('; ')}`;
}
