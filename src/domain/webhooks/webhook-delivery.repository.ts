import { sql, type Kysely } from 'kysely';
import type { Database, WebhookDelivery } from '../../db/database.types.js';
import { createJobQueue } from '../queue/job-queue.repository.js';
import { WEBHOOK_DELIVERY_QUEUE } from '../queue/queue-descriptor.js';
import type { WebhookRepository, WebhookRow } from './webhook.repository.js';

/** What a finished attempt stores on its delivery row. */
export interface AttemptRecord {
  requestBody: string | null;
  responseStatus: number | null;
  responseBody: string | null;
  durationMs: number;
}

/** A 2xx answer to a held delivery. */
export interface DeliveredAttempt {
  delivery: WebhookDelivery;
  attempt: AttemptRecord;
}

/** What sending a delivery reads of its webhook. */
export type DeliveryTarget = Pick<WebhookRow, 'id' | 'url' | 'secret' | 'headers' | 'active'>;

/** A claimed delivery with its webhook (null: gone). */
export interface ClaimedDelivery {
  delivery: WebhookDelivery;
  webhook: DeliveryTarget | null;
}

/** A row of settleAndClaim: the answered ids held, and a claimed delivery (all null: none) with its webhook. */
type SettledRow = WebhookDelivery & {
  done: Array<number | string> | null;
  target_id: number | null;
  target_url: string;
  target_secret: string | null;
  target_headers: string | null;
  target_active: boolean | null;
};

function claimedDelivery(row: SettledRow): ClaimedDelivery {
  const { done, target_id, target_url, target_secret, target_headers, target_active, ...delivery } = row;
  void done;
  const webhook =
    target_id === null
      ? null
      : {
          id: target_id,
          url: target_url,
          secret: target_secret,
          headers: target_headers,
          active: target_active,
        };
  return { delivery, webhook };
}

/** The row's columns an attempt sets. */
const attemptColumns = (a: AttemptRecord) => ({
  request_body: a.requestBody,
  response_status: a.responseStatus,
  response_body: a.responseBody,
  duration_ms: a.durationMs,
});

/** …with their SQL types (for a VALUES list). */
const ATTEMPT_COLUMN_TYPES: Record<keyof ReturnType<typeof attemptColumns>, string> = {
  request_body: 'text',
  response_status: 'int',
  response_body: 'text',
  duration_ms: 'int',
};

/**
 * The webhook_deliveries queue on the one job system (domain/queue: claim FOR UPDATE SKIP LOCKED, the
 * 'expires' lease in next_retry_at, attempts in attempt_number) plus what a delivery adds: the
 * receiver's answer on the row and the webhook's counters, in the same transaction.
 */
export function createWebhookDeliveryRepository(db: Kysely<Database>, webhooks: WebhookRepository) {
  const queue = createJobQueue<WebhookDelivery>(db, WEBHOOK_DELIVERY_QUEUE);
  const S = WEBHOOK_DELIVERY_QUEUE.status;

  async function record(trx: Kysely<Database>, id: number, a: AttemptRecord) {
    await trx.updateTable('webhook_deliveries').set(attemptColumns(a)).where('id', '=', id).execute();
  }

  return {
    queue,

    /**
     * One step of the sender, in one statement (on PGlite, one writer, each statement costs): stores the
     * 2xx answers that arrived (each delivery delivered with its answer, the webhooks' successes counted),
     * and claims up to `limit` due deliveries (oldest first) for `leaseSeconds`, each with its webhook
     * (null: gone). `held`: the answered deliveries that were still held (the others were taken back).
     */
    async settleAndClaim(
      answered: ReadonlyArray<DeliveredAttempt>,
      leaseSeconds: number,
      limit: number,
    ): Promise<{ held: Set<number>; claimed: ClaimedDelivery[] }> {
      const completed = queue.completeManyQuery(
        answered.map(({ delivery, attempt }) => ({ id: delivery.id, record: attemptColumns(attempt) })),
        ATTEMPT_COLUMN_TYPES,
      );
      const { rows } = await sql<SettledRow>`
        with done as (${completed}),
        counted as (
          update webhooks set successful_deliveries = coalesce(successful_deliveries, 0)
            + (select count(*)::int from done where done.webhook_id = webhooks.id)
          -- Locked in id order, as a trigger locks them (webhook.repository.ts): no deadlock.
          where id in (select id from webhooks where id in (select webhook_id from done) order by id for no key update)),
        claimed as (${queue.claimQuery({ leaseSeconds, limit })})
        select d.done, c.*, w.id as target_id, w.url as target_url, w.secret as target_secret,
          w.headers as target_headers, w.active as target_active
        from (select array_agg(id) as done from done) as d
        left join (claimed as c left join webhooks as w on w.id = c.webhook_id) on true`.execute(db);
      return {
        held: new Set((rows[0]?.done ?? []).map(Number)),
        claimed: rows.flatMap((r) => (r.id === null ? [] : [claimedDelivery(r)])),
      };
    },

    /** A failed attempt: retried after `backoffSeconds`, or failed for good (counted on the webhook). */
    failed: (
      d: WebhookDelivery,
      f: { error: string; retry: boolean; backoffSeconds: number; attempt: AttemptRecord | null },
    ): Promise<boolean> =>
      db.transaction().execute(async (trx) => {
        const done = await queue.fail(trx, d.id, f);
        if (!done) return false;
        if (f.attempt) await record(trx, d.id, f.attempt);
        if (!f.retry && d.webhook_id !== null) await webhooks.countOutcome(trx, d.webhook_id, 'failed');
        return true;
      }),

    /** Back to waiting without counting an attempt, not before `seconds` (the open circuit). */
    async postpone(id: number, seconds: number, message: string): Promise<void> {
      await db
        .updateTable('webhook_deliveries')
        .set({
          status: S.claimable[0],
          error_message: message,
          next_retry_at: sql<Date>`now() + make_interval(secs => ${seconds})`,
        })
        .where('id', '=', id)
        .where('status', '=', S.running)
        .execute();
    },

    /** Deliveries whose sender died mid-send (lease over) go back, the crash counted as an attempt. */
    recoverStale: (maxAttempts: number) =>
      db
        .transaction()
        .execute((trx) => queue.recoverStale(trx, { leaseSeconds: 0, maxRunSeconds: 0, maxAttempts })),

    /** When the next waiting (or held) delivery falls due; null when there is none. */
    async nextDueAt(): Promise<Date | null> {
      const r = await db
        .selectFrom('webhook_deliveries')
        .select((eb) => eb.fn.min('next_retry_at').as('due'))
        .where('status', 'in', [...S.claimable, S.running])
        .executeTakeFirst();
      return r?.due ? new Date(r.due) : null;
    },

    /** A webhook's deliveries, newest first; `total` counts every match. */
    async list(webhookId: number, q: { status?: string; limit: number; offset: number }) {
      let query = db.selectFrom('webhook_deliveries').where('webhook_id', '=', webhookId);
      if (q.status) query = query.where('status', '=', q.status);
      const rows = await query
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(q.limit)
        .offset(q.offset)
        .execute();
      const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      return { rows, total: Number(total?.n ?? 0) };
    },

    find: (webhookId: number, id: number) =>
      db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('id', '=', id)
        .where('webhook_id', '=', webhookId)
        .executeTakeFirst(),

    /** The admin's retry: waiting again at attempt 1, due now, error cleared (not while held or delivered). */
    async retry(id: number): Promise<boolean> {
      const r = await db
        .updateTable('webhook_deliveries')
        .set({
          status: S.claimable[0],
          attempt_number: 1,
          next_retry_at: sql<Date>`now()`,
          error_message: null,
          delivered_at: null,
        })
        .where('id', '=', id)
        .where('status', 'not in', [S.completed, S.running])
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /** Deletes delivered and finally failed deliveries older than `days`; how many. */
    async purgeFinished(days: number): Promise<number> {
      const r = await db
        .deleteFrom('webhook_deliveries')
        .where('status', 'in', [S.completed, S.failed])
        .where('created_at', '<', sql<Date>`now() - make_interval(days => ${days})`)
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

export type WebhookDeliveryRepository = ReturnType<typeof createWebhookDeliveryRepository>;
