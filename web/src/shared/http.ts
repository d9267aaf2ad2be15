/** fetch() wrapper with a timeout and `{detail}` error extraction. */

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(detail || `HTTP ${status}`);
    this.name = 'HttpError';
  }
}

export class TimeoutError extends Error {
  constructor() {
    super('The request timed out');
    this.name = 'TimeoutError';
  }
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Extract the `detail` message from an error response (FastAPI / Fastify shapes). */
export async function readErrorDetail(res: Response): Promise<string> {
  try {
    const text = await res.text();
    if (!text) return res.statusText || `HTTP ${res.status}`;
    try {
      const body: unknown = JSON.parse(text);
      return detailFromBody(body) ?? text.slice(0, 300);
    } catch {
      return text.slice(0, 300);
    }
  } catch {
    return res.statusText || `HTTP ${res.status}`;
  }
}

/** `{detail: "..."}`, `{detail: [{msg}]}` (validation) or `{message}` → string. */
export function detailFromBody(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const record = body as Record<string, unknown>;
  const detail = record['detail'];
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    const msgs = detail
      .map((d) => (d && typeof d === 'object' ? (d as Record<string, unknown>)['msg'] : null))
      .filter((m): m is string => typeof m === 'string');
    if (msgs.length) return msgs.join('; ');
  }
  const message = record['message'];
  if (typeof message === 'string') return message;
  return null;
}

export interface FetchJsonOptions extends RequestInit {
  timeoutMs?: number;
}

/** Fetch JSON; throws HttpError for non-2xx and TimeoutError after `timeoutMs`. */
export async function fetchJson<T>(url: string, options: FetchJsonOptions = {}): Promise<T> {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, signal, ...init } = options;
  const controller = new AbortController();
  let timedOut = false;
  const timer = window.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = (): void => controller.abort();
  signal?.addEventListener('abort', onAbort);
  try {
    const headers = new Headers(init.headers);
    if (!headers.has('Accept')) headers.set('Accept', 'application/json');
    const res = await fetch(url, { credentials: 'same-origin', ...init, headers, signal: controller.signal });
    if (!res.ok) throw new HttpError(res.status, await readErrorDetail(res));
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  } catch (err) {
    if (timedOut) throw new TimeoutError();
    throw err;
  } finally {
    window.clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Human readable message for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof HttpError) return err.detail || `Request failed (${err.status})`;
  if (err instanceof TimeoutError) return 'The server took too long to respond.';
  if (err instanceof TypeError) return 'Network error — check your connection.';
  if (err instanceof Error) return err.message;
  return String(err);
}

/** True when the error is an abort we triggered ourselves. */
export function isAbortError(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}
