import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** How relay connections show in pg_stat_activity. */
export const RELAY_APPLICATION_NAME = 'vlog-notify-relay';

/** One kind of signal a relay carries: its channel, what a signal from elsewhere does, how ours are sent. */
export interface RelayBinding {
  channel: string;
  /** A signal another process sent (with its message) arrived. */
  onNotify(message: string): void;
  /** Hands over the sender once; returns what to undo on close. */
  attach(send: (message?: string) => void): () => void;
  /**
   * The LISTEN connection is (again) in place: signals sent while it was down are lost, so a user that
   * must not miss one catches up here.
   */
  onListening?(): void;
}

/**
 * Signals between the processes of one PostgreSQL database, on one dedicated connection for all the
 * channels of `bindings`: a binding's send() is a NOTIFY on its channel, and a NOTIFY from another process
 * reaches its onNotify (this process's own signals are recognised and skipped). When the connection drops
 * it reconnects with backoff; signals sent meanwhile are lost (see onListening).
 */
export function createNotifyRelay(options: {
  databaseUrl: string;
  bindings: RelayBinding[];
  log?: (message: string) => void;
}) {
  const byChannel = new Map(options.bindings.map((b) => [b.channel, b]));
  for (const channel of byChannel.keys())
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Invalid channel name: ${channel}`);
  const channels = [...byChannel.keys()].join(', ');
  const self = randomBytes(6).toString('hex');
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = 500;
  let timer: NodeJS.Timeout | null = null;

  function onNotification(n: pg.Notification): void {
    const payload = n.payload ?? '';
    const sep = payload.indexOf(':');
    const sender = sep < 0 ? payload : payload.slice(0, sep);
    if (sender !== self) byChannel.get(n.channel)?.onNotify(sep < 0 ? '' : payload.slice(sep + 1));
  }

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
    c.on('notification', onNotification);
    try {
      await c.connect();
      for (const channel of byChannel.keys()) await c.query(`LISTEN ${channel}`);
    } catch (err) {
      options.log?.(`notify relay (${channels}): cannot listen on PostgreSQL (${String(err)}); retrying`);
      await c.end().catch(() => undefined);
      scheduleConnect();
      return;
    }
    if (closed) return void (await c.end().catch(() => undefined));
    client = c;
    retryMs = 500;
    for (const b of byChannel.values()) b.onListening?.();
  }

  function scheduleConnect(): void {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, retryMs);
    retryMs = Math.min(30_000, retryMs * 2);
  }

  /** Sends a signal to the other processes (dropped while the connection is down). */
  function notify(channel: string, message = ''): void {
    const payload = message ? `${self}:${message}` : self;
    client?.query('SELECT pg_notify($1, $2)', [channel, payload]).catch(() => undefined);
  }

  const detach = options.bindings.map((b) => b.attach((message) => notify(b.channel, message)));
  const ready = connect();
  return {
    /** Resolves once the first LISTEN succeeded or failed (then it keeps retrying in the background). */
    ready,
    notify,
    async close(): Promise<void> {
      closed = true;
      for (const undo of detach) undo();
      if (timer) clearTimeout(timer);
      await ready.catch(() => undefined);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}

export type NotifyRelay = ReturnType<typeof createNotifyRelay>;
