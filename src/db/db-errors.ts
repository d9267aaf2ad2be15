/**
 * Telling "the database is unreachable" apart from every other database error (security-reliability.md
 * §B1): such a failure is the server's condition, not the request's fault, so the API answers 503 and the
 * client retries, where any other error is a 500 to investigate.
 */

/** The 503 body text (api-public.md §1, api-worker.md §1). */
export const DB_UNAVAILABLE_DETAIL = 'Database temporarily unavailable, please retry';

/** Thrown once the connection retries are used up; `cause` is the last connection error. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  constructor(cause: unknown) {
    super('Database unavailable', { cause });
  }
}

/** Socket-level failures: the server is down, restarting or unreachable. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs of a server that is going away or not accepting sessions: 57P01 admin shutdown,
 * 57P02 crash shutdown, 57P03 cannot connect now (starting up / shutting down), 53300 too many
 * connections; class 08 is "connection exception".
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** node-postgres errors without a code: the connection dropped, or the pool gave up waiting for one. */
const DRIVER_MESSAGES = [
  'Connection terminated',
  'connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
  'server closed the connection unexpectedly',
];

/** A pool timeout waited already: retrying it would only make the client wait longer. */
const WAITED_MESSAGES = ['timeout exceeded when trying to connect', 'connection timeout'];

function causes(err: unknown): unknown[] {
  const seen: unknown[] = [];
  const queue = [err];
  while (queue.length > 0 && seen.length < 10) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.includes(e)) continue;
    seen.push(e);
    queue.push((e as { cause?: unknown }).cause);
    // Node reports a refused "localhost" (IPv6 and IPv4 tried) as an AggregateError.
    if (e instanceof AggregateError) queue.push(...(e.errors as unknown[]));
  }
  return seen;
}

/** Failures only a database connection produces: the driver's own wrappers, SQLSTATEs, pg messages. */
function isDatabaseConnectionError(e: unknown): boolean {
  if (e instanceof DatabaseUnavailableError) return true;
  const { code, message } = e as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  return typeof message === 'string' && DRIVER_MESSAGES.some((m) => message.includes(m));
}

/**
 * True when `err` (or one of its causes) says the database cannot be reached right now. A bare socket
 * error (ECONNRESET…) does not count here: in a request it is as likely the client's own socket. Socket
 * errors while connecting are the database's; retryConnect() wraps them in DatabaseUnavailableError.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  return causes(err).some(isDatabaseConnectionError);
}

/** Opening a connection failed for want of a reachable server (any socket error counts here). */
function isConnectFailure(err: unknown): boolean {
  return causes(err).some((e) => {
    const code = (e as { code?: unknown }).code;
    return isDatabaseConnectionError(e) || (typeof code === 'string' && NETWORK_CODES.has(code));
  });
}

function isTimeout(err: unknown): boolean {
  return causes(err).some((e) => {
    const message = (e as { message?: unknown }).message;
    return typeof message === 'string' && WAITED_MESSAGES.some((m) => message.includes(m));
  });
}

/**
 * A statement's error from a database connection: a bare socket error there (ECONNRESET, EPIPE) can only be
 * the database's socket, so it is DatabaseUnavailableError; every other error is passed on as it is. (In a
 * request at large a socket error may be the client's own; here it cannot.)
 */
export function statementError(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && NETWORK_CODES.has(code) ? new DatabaseUnavailableError(err) : err;
}

/** Delays between connection attempts: four attempts within about a second. */
export const CONNECT_RETRY_DELAYS_MS = [100, 300, 600];

/**
 * Runs `connect` again while it fails because the database is unreachable, then throws
 * DatabaseUnavailableError. Only for opening a connection: no statement has reached the server yet, so
 * trying again cannot run anything twice (a statement that failed mid-way is never retried here).
 */
export async function retryConnect<T>(
  connect: () => Promise<T>,
  delaysMs: readonly number[] = CONNECT_RETRY_DELAYS_MS,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await connect();
    } catch (err) {
      if (!isConnectFailure(err)) throw err;
      const delay = delaysMs[attempt];
      if (delay === undefined || isTimeout(err)) throw new DatabaseUnavailableError(err);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/**
 * SQLSTATEs of a transaction the server rolled back whole because it collided with another: 40P01 deadlock
 * detected, 40001 serialization failure. Running the whole transaction again is safe.
 */
const CONFLICT_CODES = new Set(['40P01', '40001']);

/** True when `err` (or one of its causes) is a transaction rolled back for colliding with another. */
export function isTransactionConflict(err: unknown): boolean {
  return causes(err).some((e) => {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'string' && CONFLICT_CODES.has(code);
  });
}
