import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.types.js';
import { badRequest, notFound } from '../shared/errors.js';

/**
 * The admin's cancel of a queued job (api-admin.md §10, §15): only a pending job can be cancelled (a
 * running one finishes or fails on its own); 404 without the job, 400 in any other status. `cancel`
 * (the kind's repository, with its side effects) runs in the transaction that found the job.
 */
export async function cancelWaitingJob<Row extends { status: string | null }>(
  db: Kysely<Database>,
  jobId: number,
  kind: {
    find: (trx: Transaction<Database>, jobId: number) => Promise<Row | null>;
    cancel: (trx: Transaction<Database>, job: Row) => Promise<unknown>;
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const job = await kind.find(trx, jobId);
    if (!job) throw notFound('Job not found');
    if (job.status !== 'pending') throw badRequest(`Cannot cancel job with status '${job.status}'`);
    await kind.cancel(trx, job);
  });
}
