import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, Worker } from '../../db/database.types.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface KeyCandidate {
  id: number;
  key_hash: string;
  hash_version: number;
}

/** A key row joined with its worker: what each authenticated request re-checks. */
export interface KeyOwner {
  keyId: number;
  expired: boolean;
  revoked: boolean;
  /** last_used_at is older than the touch interval (or unset). */
  touchDue: boolean;
  worker: Worker | null;
}

const ago = (seconds: number) => sql<Date>`now() - make_interval(secs => ${seconds})`;

/** SQL for workers and their API keys (api-worker.md §2, §4.1, §6, §7). */
export function createWorkerRepository(db: Kysely<Database>) {
  return {
    /** The worker row and its first key, in one transaction. */
    async insertWithKey(input: {
      workerId: string;
      name: string;
      type: string;
      capabilities: string | null;
      metadata: string | null;
      key: { prefix: string; hash: string; hashVersion: number };
    }): Promise<Worker> {
      return db.transaction().execute(async (trx) => {
        const worker = await trx
          .insertInto('workers')
          .values({
            worker_id: input.workerId,
            worker_name: input.name,
            worker_type: input.type,
            status: 'active',
            registered_at: sql<Date>`now()`,
            last_heartbeat: sql<Date>`now()`,
            capabilities: input.capabilities,
            metadata: input.metadata,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('worker_api_keys')
          .values({
            worker_id: worker.id,
            key_prefix: input.key.prefix,
            key_hash: input.key.hash,
            hash_version: input.key.hashVersion,
            created_at: sql<Date>`now()`,
          })
          .execute();
        return worker;
      });
    },

    /** Adds a key to an existing worker. */
    async insertKey(
      trx: Db,
      workerPk: number,
      key: { prefix: string; hash: string; hashVersion: number },
    ): Promise<void> {
      await trx
        .insertInto('worker_api_keys')
        .values({
          worker_id: workerPk,
          key_prefix: key.prefix,
          key_hash: key.hash,
          hash_version: key.hashVersion,
          created_at: sql<Date>`now()`,
        })
        .execute();
    },

    /** Every non-revoked key with this prefix: prefixes may collide, so each is tried. */
    keysByPrefix(prefix: string): Promise<KeyCandidate[]> {
      return db
        .selectFrom('worker_api_keys')
        .select(['id', 'key_hash', 'hash_version'])
        .where('key_prefix', '=', prefix)
        .where('revoked_at', 'is', null)
        .orderBy('id')
        .execute();
    },

    async keyOwner(keyId: number, touchIntervalSeconds: number): Promise<KeyOwner | null> {
      const row = await db
        .selectFrom('worker_api_keys as k')
        .leftJoin('workers as w', 'w.id', 'k.worker_id')
        .selectAll('w')
        .select([
          'k.id as key_id',
          sql<boolean>`k.expires_at is not null and k.expires_at < now()`.as('key_expired'),
          sql<boolean>`k.revoked_at is not null`.as('key_revoked'),
          sql<boolean>`k.last_used_at is null or k.last_used_at < ${ago(touchIntervalSeconds)}`.as(
            'touch_due',
          ),
        ])
        .where('k.id', '=', keyId)
        .executeTakeFirst();
      if (!row) return null;
      const { key_id, key_expired, key_revoked, touch_due, ...worker } = row;
      return {
        keyId: key_id,
        expired: key_expired,
        revoked: key_revoked,
        touchDue: touch_due,
        worker: worker.id === null ? null : (worker as Worker),
      };
    },

    async touchKey(keyId: number): Promise<void> {
      await db
        .updateTable('worker_api_keys')
        .set({ last_used_at: sql<Date>`now()` })
        .where('id', '=', keyId)
        .execute();
    },

    async findByUuid(trx: Db, workerId: string): Promise<Worker | null> {
      return (
        (await trx.selectFrom('workers').selectAll().where('worker_id', '=', workerId).executeTakeFirst()) ??
        null
      );
    },

    /** The row locked for a read-modify-write (heartbeat metadata merge). */
    async lockByPk(trx: Transaction<Database>, id: number): Promise<Worker | null> {
      return (
        (await trx.selectFrom('workers').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) ??
        null
      );
    },

    /** Records a heartbeat unless the worker was disabled meanwhile. */
    async recordHeartbeat(
      trx: Db,
      input: { id: number; status: string; metadata?: string; capabilities?: string },
    ): Promise<Worker | null> {
      return (
        (await trx
          .updateTable('workers')
          .set({
            status: input.status,
            last_heartbeat: sql<Date>`now()`,
            ...(input.metadata !== undefined ? { metadata: input.metadata } : {}),
            ...(input.capabilities !== undefined ? { capabilities: input.capabilities } : {}),
          })
          .where('id', '=', input.id)
          .where('status', '<>', 'disabled')
          .returningAll()
          .executeTakeFirst()) ?? null
      );
    },

    list(): Promise<Worker[]> {
      return db
        .selectFrom('workers')
        .selectAll()
        .orderBy(sql`last_heartbeat desc nulls last`)
        .orderBy('id')
        .execute();
    },

    /** Sets the status; `onlyFrom` makes the change conditional. Returns the updated row. */
    async setStatus(
      trx: Db,
      workerPk: number,
      status: string,
      condition: { onlyFrom?: string; notFrom?: string } = {},
    ): Promise<Worker | null> {
      let q = trx.updateTable('workers').set({ status }).where('id', '=', workerPk);
      if (status === 'disabled') q = q.set({ current_job_id: null });
      if (condition.onlyFrom) q = q.where('status', '=', condition.onlyFrom);
      if (condition.notFrom) q = q.where('status', '<>', condition.notFrom);
      return (await q.returningAll().executeTakeFirst()) ?? null;
    },

    async revokeKeys(trx: Db, workerPk: number): Promise<number> {
      const r = await trx
        .updateTable('worker_api_keys')
        .set({ revoked_at: sql<Date>`now()` })
        .where('worker_id', '=', workerPk)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    /** Deletes the worker (its keys cascade) and detaches it from historical jobs. */
    async delete(trx: Db, worker: Pick<Worker, 'id' | 'worker_id'>): Promise<void> {
      await trx
        .updateTable('transcoding_jobs')
        .set({ worker_id: null })
        .where('worker_id', '=', worker.worker_id)
        .execute();
      await trx.deleteFrom('workers').where('id', '=', worker.id).execute();
    },

    /** Jobs the worker claimed and has not finished (released when it is disabled or removed). */
    async unfinishedJobIds(trx: Db, workerId: string): Promise<number[]> {
      const rows = await trx
        .selectFrom('transcoding_jobs')
        .select('id')
        .where('worker_id', '=', workerId)
        .where('completed_at', 'is', null)
        .execute();
      return rows.map((r) => r.id);
    },

    /**
     * Marks workers offline whose heartbeat is older than the threshold. The staleness test is in
     * the UPDATE itself, so a heartbeat that lands first wins, and each worker is reported by only
     * one of several concurrent sweeps (API replicas).
     */
    markStaleOffline(thresholdSeconds: number): Promise<Worker[]> {
      const stale = ago(thresholdSeconds);
      return db
        .updateTable('workers')
        .set({ status: 'offline', current_job_id: null })
        .where('status', 'not in', ['offline', 'disabled'])
        .where((eb) =>
          eb.or([
            eb('last_heartbeat', '<', stale),
            eb.and([eb('last_heartbeat', 'is', null), eb('registered_at', '<', stale)]),
          ]),
        )
        .returningAll()
        .execute();
    },
  };
}

export type WorkerRepository = ReturnType<typeof createWorkerRepository>;
