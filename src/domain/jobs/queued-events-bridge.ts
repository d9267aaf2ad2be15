import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { JobEvents } from './job-events.js';

const CHANNEL = 'vlog_work_queued';
/** How the LISTEN connection shows in pg_stat_activity. */
export const RELAY_APPLICATION_NAME = 'vlog-queued-relay';

/**
 * Relays "work was queued" between the processes of one PostgreSQL database (`--role` split: the admin
 * process queues an upload, the worker-api process holds the workers' long polls): each local event is
 * sent with NOTIFY, each NOTIFY from another process becomes a local event. One dedicated connection
 * LISTENs; when it drops, it reconnects with backoff (meanwhile workers fall back to their wait timeout).
 */
export function bridgeQueuedEvents(
  events: JobEvents,
  databaseUrl: string,
  log: (message: string) => void = () => undefined,
) {
  const self = randomBytes(6).toString('hex');
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = 500;
  let timer: NodeJS.Timeout | null = null;

  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString: databaseUrl, application_name: RELAY_APPLICATION_NAME });
    c.on('error', () => undefined); // 'end' follows and reconnects
    c.on('end', () => {
      if (client !== c) return;
      client = null;
      scheduleConnect();
    });
    c.on('notification', (n) => {
      if (n.channel === CHANNEL && n.payload !== self) events.queued('elsewhere');
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      log(`work-queued relay: cannot listen on PostgreSQL (${String(err)}); retrying`);
      await c.end().catch(() => undefined);
      scheduleConnect();
      return;
    }
    if (closed) return void (await c.end().catch(() => undefined));
    client = c;
    retryMs = 500;
  }

  function scheduleConnect(): void {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, retryMs);
    retryMs = Math.min(30_000, retryMs * 2);
  }

  const unsubscribe = events.onQueued((origin) => {
    if (origin !== 'here' || !client) return;
    client.query('SELECT pg_notify($1, $2)', [CHANNEL, self]).catch(() => undefined);
  });

  const ready = connect();
  return {
    /** Resolves once the first LISTEN succeeded or failed (then it keeps retrying in the background). */
    ready,
    async close(): Promise<void> {
      closed = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      await ready.catch(() => undefined);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
