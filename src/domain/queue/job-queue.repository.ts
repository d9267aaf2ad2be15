import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../db/database.types.js';
import type { QueueDescriptor } from './queue-descriptor.js';

type Db = Kysely<Database> | Transaction<Database>;

/** How long a claim holds, and what happens to a job whose worker vanished. */
export interface StaleRule {
  /** A running job is abandoned once its lease is this old and its worker has not heartbeat for as long. */
  leaseSeconds: number;
  /** …and in any case once it has run this long (a worker alive but stuck on it). */
  maxRunSeconds: number;
  /** With an attempts column: the crash counts as one; at this many the job fails for good. */
  maxAttempts?: number;
}

export interface RecoveredJob {
  id: number;
  video_id: number | null;
  status: string;
}

/** What a claim sees of the job's video. */
export interface ClaimedVideo {
  id: number;
  slug: string;
  status: string | null;
  deleted: boolean;
  duration: number;
}

/** What every queue row has (video_id: the kinds that belong to a video). */
export interface QueueRow {
  id: number;
  video_id?: number | null;
}

/** A claimed job with its video, as the kind's claim hands it to its service. */
export interface ClaimedRow<Row> {
  job: Row;
  video: ClaimedVideo | null;
}

export interface ListedJob<Row> {
  rows: Array<Row & { video_slug: string | null; video_title: string | null }>;
  total: number;
}

const STOPPED = 'The worker stopped responding';

/** How a claim picks its job (see claimNext). */
export interface ClaimOptions {
  workerPk?: number | null;
  leaseSeconds?: number;
  /** Narrows the candidates (columns of the table, unqualified). */
  where?: RawBuilder<boolean>;
  /** Comes before the kind's usual order (priority, then age), e.g. the video's publication date. */
  orderBy?: RawBuilder<unknown>;
}

/** The video's row, locked until `trx` ends: two requests queueing work for one video take turns. */
export function lockVideo(trx: Db, videoId: number) {
  return trx
    .selectFrom('videos')
    .select(['id', 'status', 'deleted_at'])
    .where('id', '=', videoId)
    .forUpdate()
    .executeTakeFirst();
}

/** What a claimed job's video looks like (null when the job has none or it is gone). */
export async function claimedVideo(trx: Db, videoId: number | null): Promise<ClaimedVideo | null> {
  if (videoId === null) return null;
  const v = await trx
    .selectFrom('videos')
    .select(['id', 'slug', 'status', 'deleted_at', 'duration'])
    .where('id', '=', videoId)
    .executeTakeFirst();
  if (!v) return null;
  return {
    id: v.id,
    slug: v.slug,
    status: v.status,
    deleted: v.deleted_at !== null,
    duration: v.duration ?? 0,
  };
}

/**
 * The one queue implementation: claim, lease and stale recovery, complete, fail (retry or for good),
 * release, cancel, list and counts over any table a QueueDescriptor describes. The kind's repository adds
 * its side effects (video columns, rendition rows) around these, in the same transaction.
 */
export function createJobQueue<Row extends QueueRow>(db: Kysely<Database>, d: QueueDescriptor) {
  const table = sql.table(d.table);
  const ref = (column: string) => sql.ref(column);
  const s = d.status;
  const lease = ref(d.lease.column);
  const claimable = sql.join(s.claimable.map((x) => sql`${x}`));
  const attempts = d.attempts ? ref(d.attempts.column) : null;
  /** The attempts column after one more attempt, and the attempts used once the running one ends. */
  const bumped = d.attempts ? sql`coalesce(${attempts}, ${d.attempts.first}) + 1` : null;
  const used = d.attempts ? sql`coalesce(${attempts}, ${d.attempts.first}) + ${1 - d.attempts.first}` : null;
  const age = d.created ? sql`${ref(d.created)}, id` : sql`id`;
  const order = d.priority
    ? sql`case priority when 'high' then 0 when 'normal' then 1 else 2 end, ${age}`
    : age;
  const newestFirst = d.created ? sql`${ref(`q.${d.created}`)} desc, q.id desc` : sql`q.id desc`;
  const changed = (r: { numAffectedRows?: bigint }) => Number(r.numAffectedRows ?? 0) > 0;

  /**
   * Takes the next claimable job (`orderBy` if given, then priority, then oldest) with FOR UPDATE SKIP
   * LOCKED, so concurrent claimers never get the same row, and marks it running.
   */
  async function claimNext(trx: Db, opts: ClaimOptions = {}): Promise<Row | null> {
    return (await claimMany(trx, { ...opts, limit: 1 }))[0] ?? null;
  }

  /**
   * The UPDATE … RETURNING * that claims up to `limit` jobs (claimNext's rule): claimMany runs it; a kind
   * may compose it into a larger statement (a CTE).
   */
  function claimQuery(opts: ClaimOptions & { limit: number }): RawBuilder<Row> {
    const sets = [sql`status = ${s.running}`];
    if (d.lease.style === 'started') sets.push(sql`${lease} = now()`);
    else sets.push(sql`${lease} = now() + make_interval(secs => ${opts.leaseSeconds ?? 300})`);
    if (d.worker) sets.push(sql`${ref(d.worker)} = ${opts.workerPk ?? null}`);
    if (d.clearErrorOnClaim) sets.push(sql`error_message = null`);
    const notBefore = d.lease.style === 'expires' ? sql`and (${lease} is null or ${lease} <= now())` : sql``;
    const extra = opts.where ? sql`and (${opts.where})` : sql``;
    return sql<Row>`update ${table} set ${sql.join(sets)} where id in (
        select id from ${table} where status in (${claimable}) ${notBefore} ${extra}
        order by ${opts.orderBy ? sql`${opts.orderBy}, ${order}` : order} limit ${opts.limit} for update skip locked)
      returning *`;
  }

  /** claimNext for up to `limit` jobs at once (one statement: a sender with room for several). */
  async function claimMany(trx: Db, opts: ClaimOptions & { limit: number }): Promise<Row[]> {
    return (await claimQuery(opts).execute(trx)).rows;
  }

  /**
   * The UPDATE … RETURNING the rows it completed: the running jobs among `jobs`, each job's `record` setting
   * the `columns` given (name → SQL type, from code). A kind may compose it into a larger statement.
   */
  function completeManyQuery(
    jobs: ReadonlyArray<{ id: number; record: Record<string, unknown> }>,
    columns: Readonly<Record<string, string>> = {},
  ): RawBuilder<Row> {
    const names = Object.keys(columns);
    const type = (column: string) => {
      if (!/^[a-z][a-z0-9 ]*$/.test(columns[column]!)) throw new Error(`Bad SQL type for ${column}`);
      return sql.raw(columns[column]!);
    };
    const id = sql.ref(`${d.table}.id`);
    // No jobs: a VALUES list of none is not SQL; one row that matches nothing stands in.
    const rows = jobs.length
      ? jobs.map(
          (j) =>
            sql`(${j.id}::int${sql.join(
              names.map((c) => sql`, ${j.record[c] ?? null}::${type(c)}`),
              sql``,
            )})`,
        )
      : [
          sql`(null::int${sql.join(
            names.map((c) => sql`, null::${type(c)}`),
            sql``,
          )})`,
        ];
    const sets = names.map((c) => sql`, ${ref(c)} = ${sql.ref(`v.${c}`)}`);
    return sql<Row>`update ${table}
        set status = ${s.completed}, ${ref(d.finished)} = now(), error_message = null ${sql.join(sets, sql``)}
        from (values ${sql.join(rows)}) as v (${sql.join([sql.ref('id'), ...names.map((c) => sql.ref(c))])})
        where ${id} = v.id and ${sql.ref(`${d.table}.status`)} = ${s.running}
        returning ${table}.*`;
  }

  return {
    descriptor: d,

    claimNext,
    claimMany,

    /**
     * claimNext in its own transaction, with the job's video; `then` (the kind's side effect, e.g. the
     * video's sprite status) runs in the same transaction.
     */
    async claimWithVideo(
      opts: ClaimOptions,
      then?: (trx: Db, claimed: ClaimedRow<Row>) => Promise<void>,
    ): Promise<ClaimedRow<Row> | null> {
      return db.transaction().execute(async (trx) => {
        const job = await claimNext(trx, opts);
        if (!job) return null;
        const claimed = {
          job,
          video: await claimedVideo(trx, job.video_id ?? null),
        };
        await then?.(trx, claimed);
        return claimed;
      });
    },

    /**
     * Running → completed; false when the job was not running (nothing changed). Many at once, with more
     * columns of the kind's row: completeManyQuery.
     */
    async complete(trx: Db, jobId: number): Promise<boolean> {
      const r = await sql`update ${table}
        set status = ${s.completed}, ${ref(d.finished)} = now(), error_message = null
        where id = ${jobId} and status = ${s.running}`.execute(trx);
      return changed(r);
    },

    claimQuery,
    completeManyQuery,

    /**
     * A failed attempt, counted: `retry` puts the job back (not claimable before `backoffSeconds` where
     * the lease column can say so), otherwise it fails for good. False when it was not running.
     */
    async fail(
      trx: Db,
      jobId: number,
      f: { error: string; retry: boolean; backoffSeconds?: number },
    ): Promise<boolean> {
      const sets = [sql`error_message = ${f.error}`];
      if (bumped && attempts) sets.push(sql`${attempts} = ${bumped}`);
      if (f.retry) {
        sets.push(sql`status = ${s.retry}`);
        sets.push(
          d.lease.style === 'expires'
            ? sql`${lease} = now() + make_interval(secs => ${f.backoffSeconds ?? 0})`
            : sql`${lease} = null`,
        );
      } else sets.push(sql`status = ${s.failed}`, sql`${ref(d.finished)} = now()`);
      const r = await sql`update ${table} set ${sql.join(sets)}
        where id = ${jobId} and status = ${s.running}`.execute(trx);
      return changed(r);
    },

    /** Gives a running job back untouched (worker shutdown): no attempt counted. */
    async release(trx: Db, jobId: number): Promise<boolean> {
      const r = await sql`update ${table} set status = ${s.claimable[0]}, ${lease} = null
        where id = ${jobId} and status = ${s.running}`.execute(trx);
      return changed(r);
    },

    /** A job still waiting → cancelled; false when it was not waiting. */
    async cancel(trx: Db, jobId: number): Promise<boolean> {
      if (!s.cancelled) return false;
      const r = await sql`update ${table} set status = ${s.cancelled}, ${ref(d.finished)} = now()
        where id = ${jobId} and status in (${claimable})`.execute(trx);
      return changed(r);
    },

    /**
     * Running jobs whose worker is gone go back to the queue; with an attempts column the crash counts
     * as an attempt, and the last one fails the job. Returns the jobs changed with their new status.
     */
    async recoverStale(trx: Db, rule: StaleRule): Promise<RecoveredJob[]> {
      const exhausted =
        used && rule.maxAttempts !== undefined ? sql`${used} >= ${rule.maxAttempts}` : sql`false`;
      const abandoned =
        d.lease.style === 'expires'
          ? sql`${lease} < now()`
          : sql`${lease} < now() - make_interval(secs => ${rule.leaseSeconds}) and (
              ${lease} < now() - make_interval(secs => ${rule.maxRunSeconds})
              ${
                d.worker
                  ? sql`or not exists (select 1 from workers w where w.id = ${sql.ref(`${d.table}.${d.worker}`)}
                 and w.last_heartbeat > now() - make_interval(secs => ${rule.leaseSeconds}))`
                  : sql`or true`
              })`;
      const sets = [
        sql`status = case when ${exhausted} then ${s.failed} else ${s.retry} end`,
        // A job failed for good keeps when it started; one going back waits for its next claim.
        d.lease.style === 'started'
          ? sql`${lease} = case when ${exhausted} then ${lease} end`
          : sql`${lease} = null`,
        sql`${ref(d.finished)} = case when ${exhausted} then now() else ${ref(d.finished)} end`,
        sql`error_message = case when ${exhausted}
          then ${`${STOPPED} (${rule.maxAttempts ?? 1} attempts)`} else ${`${STOPPED}; retrying`} end`,
      ];
      if (bumped && attempts) sets.push(sql`${attempts} = ${bumped}`);
      const videoId = d.video ? sql`video_id` : sql`null::int`;
      const r = await sql<RecoveredJob>`update ${table} set ${sql.join(sets)}
        where status = ${s.running} and ${abandoned}
        returning id, ${videoId} as video_id, status`.execute(trx);
      return r.rows;
    },

    async findById(trx: Db, jobId: number): Promise<Row | null> {
      const r = await sql<Row>`select * from ${table} where id = ${jobId}`.execute(trx);
      return r.rows[0] ?? null;
    },

    /** The video's oldest job in one of `statuses` (default: waiting or running), if any. */
    async openJobOf(trx: Db, videoId: number, statuses?: readonly string[]): Promise<Row | null> {
      const wanted = statuses ?? [...s.claimable, s.running];
      const r = await sql<Row>`select * from ${table}
        where video_id = ${videoId} and status in (${sql.join(wanted.map((x) => sql`${x}`))})
        order by id limit 1`.execute(trx);
      return r.rows[0] ?? null;
    },

    /** A job with its video's slug and duration (the worker API's ownership checks). */
    async findWithVideo(jobId: number) {
      const r = await sql<Row & { slug: string | null; duration: number | null }>`
        select q.*, v.slug, v.duration from ${table} q left join videos v on v.id = q.video_id
        where q.id = ${jobId}`.execute(db);
      return r.rows[0];
    },

    /** Newest first, with the video's slug and title; `total` counts every match. */
    async list(q: { status?: string; limit: number; offset: number }): Promise<ListedJob<Row>> {
      const where = q.status ? sql`where q.status = ${q.status}` : sql``;
      const video = d.video
        ? sql`left join videos v on v.id = q.video_id`
        : sql`left join (select null::text as slug, null::text as title) v on false`;
      const rows = await sql<Row & { video_slug: string | null; video_title: string | null }>`
        select q.*, v.slug as video_slug, v.title as video_title from ${table} q ${video} ${where}
        order by ${newestFirst} limit ${q.limit} offset ${q.offset}`.execute(db);
      const total = await sql<{ n: number }>`select count(*)::int as n from ${table} q ${where}`.execute(db);
      return { rows: rows.rows, total: Number(total.rows[0]?.n ?? 0) };
    },

    /**
     * For a kind's "queue every video that needs it" INSERT … SELECT: true when the video aliased `v` has
     * no job in `statuses` (default: waiting or running).
     */
    noOpenJob(statuses?: readonly string[]): RawBuilder<boolean> {
      const wanted = statuses ?? [...s.claimable, s.running];
      return sql<boolean>`not exists (select 1 from ${table} q where q.video_id = v.id
        and q.status in (${sql.join(wanted.map((x) => sql`${x}`))}))`;
    },

    /** How many jobs are in each status. */
    async counts(): Promise<Record<string, number>> {
      const r = await sql<{ status: string | null; n: number }>`
        select status, count(*)::int as n from ${table} group by status`.execute(db);
      return Object.fromEntries(r.rows.map((x) => [x.status ?? 'unknown', Number(x.n)]));
    },
  };
}

export type JobQueue<Row extends QueueRow> = ReturnType<typeof createJobQueue<Row>>;
