import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** How relay connections show in pg_stat_activity. */
export const RELAY_APPLICATION_NAME = 'vlog-notify-relay';

/**
 * A signal between the processes of one PostgreSQL database: notify() sends it (NOTIFY on `channel`),
 * `onNotify` runs when another process sent it (this process's own signals are recognised and skipped).
 * One dedicated connection LISTENs; when it drops, it reconnects with backoff (signals sent meanwhile
 * are lost: users of the relay must also work without it, e.g. by polling).
 */
export function createNotifyRelay(options: {
  databaseUrl: string;
  channel: string;
  onNotify: () => void;
  log?: (message: string) => void;
}) {
  const { channel } = options;
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Invalid channel name: ${channel}`);
  const self = randomBytes(6).toString('hex');
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = 500;
  let timer: NodeJS.Timeout | null = null;

  async function connect(): Promise<void> {
    const c = new pg.Client({
      connectionString: options.databaseUrl,
      application_name: RELAY_APPLICATION_NAME,
    });
    c.on('error', () => undefined); // 'end' follows and reconnects
    c.on('end', () => {
      if (client !== c) return;
      client = null;
      scheduleConnect();
    });
    c.on('notification', (n) => {
      if (n.channel === channel && n.payload !== self) options.onNotify();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch (err) {
      options.log?.(`notify relay (${channel}): cannot listen on PostgreSQL (${String(err)}); retrying`);
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

  const ready = connect();
  return {
    /** Resolves once the first LISTEN succeeded or failed (then it keeps retrying in the background). */
    ready,
    /** Sends the signal to the other processes (dropped while the connection is down). */
    notify(): void {
      client?.query('SELECT pg_notify($1, $2)', [channel, self]).catch(() => undefined);
    },
    async close(): Promise<void> {
      closed = true;
      if (timer) clearTimeout(timer);
      await ready.catch(() => undefined);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}

export type NotifyRelay = ReturnType<typeof createNotifyRelay>;
