import type { Readable } from 'node:stream';
import { WorkerApiError } from '../worker-errors.js';
import { isStaleConnection, readText, send, type TransportBody } from './http-transport.js';

/**
 * The HTTP client of a remote worker (api-worker.md §10.5): the key on every request, JSON in and out,
 * retries with exponential backoff and jitter on network errors, 5xx and 429 — long enough to ride out a
 * server restart — and immediate errors for other 4xx, as WorkerApiErrors (src/worker/worker-errors.ts)
 * whose kind tells the job code "not your job any more" (403/409).
 */
export interface WorkerApiClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Give up after this long of failing attempts for one call (ms). */
  retryForMs?: number;
  /** First backoff delay (ms); doubles up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per-request timeout (ms) for JSON calls. */
  timeoutMs?: number;
  onRetry?: (info: { path: string; attempt: number; error: string; delayMs: number }) => void;
}

const retryable = (status: number) => status >= 500 || status === 429;
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });

/** A request body: text, bytes or a stream (a file upload). */
export type RequestBody = TransportBody;

/** An answer of the worker API. */
export interface ApiResponse {
  status: number;
  ok: boolean;
  header(name: string): string | undefined;
  /** The body still unread: only for `raw` calls (a download); the others are read already (text()). */
  body: Readable;
  text(): Promise<string>;
}

export interface RequestOptions {
  method?: string;
  json?: unknown;
  /** A body factory (called again for each retry: streams cannot be replayed). */
  body?: () => { data: RequestBody; headers: Record<string, string> };
  headers?: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Overrides the client's retryForMs for this call. */
  retryForMs?: number;
  /**
   * Return the response unread, also for non-retryable error statuses instead of throwing (e.g. the
   * 206 / 416 of a download); the caller then consumes or destroys its body.
   */
  raw?: boolean;
}

/** The reason in an error body of the API (`{"detail": "…"}`), or null. */
export function detailIn(text: string): string | null {
  try {
    const detail = (JSON.parse(text) as { detail?: unknown }).detail;
    return typeof detail === 'string' && detail ? detail : null;
  } catch {
    return null; // not JSON
  }
}

export function createWorkerApiClient(o: WorkerApiClientOptions) {
  const base = o.baseUrl.replace(/\/+$/, '');
  const retryForMs = o.retryForMs ?? 120_000;
  const baseDelay = o.baseDelayMs ?? 500;
  const maxDelay = o.maxDelayMs ?? 10_000;

  async function detailOf(res: ApiResponse): Promise<string> {
    const text = await res.text().catch(() => '');
    return detailIn(text) ?? (text.slice(0, 200) || `HTTP ${res.status}`);
  }

  async function exchange(path: string, opts: RequestOptions, signal: AbortSignal): Promise<ApiResponse> {
    const body = opts.body?.();
    const res = await send(new URL(`${base}${path}`), {
      method: opts.method ?? 'GET',
      headers: {
        'x-worker-api-key': o.apiKey,
        ...(opts.json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...body?.headers,
        ...opts.headers,
      },
      body: opts.json !== undefined ? JSON.stringify(opts.json) : body?.data,
      signal,
    });
    let text: Promise<string> | null = null;
    return {
      status: res.status,
      ok: res.status >= 200 && res.status < 300,
      header: (name) => {
        const v = res.headers[name.toLowerCase()];
        return Array.isArray(v) ? v[0] : v;
      },
      body: res.body,
      text: () => (text ??= readText(res.body)),
    };
  }

  async function request(path: string, opts: RequestOptions = {}): Promise<ApiResponse> {
    const started = Date.now();
    let resent = false;
    for (let attempt = 1; ; attempt++) {
      const timeout = AbortSignal.timeout(Math.ceil(opts.timeoutMs ?? o.timeoutMs ?? 60_000));
      const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
      let error: string;
      try {
        const res = await exchange(path, opts, signal);
        if (opts.raw && (res.ok || !retryable(res.status))) return res;
        if (res.ok) {
          // Read now: an unread body would hold its keep-alive connection.
          await res.text();
          return res;
        }
        const detail = await detailOf(res);
        if (!retryable(res.status)) throw new WorkerApiError(res.status, detail);
        error = `HTTP ${res.status}: ${detail}`;
      } catch (err) {
        if (err instanceof WorkerApiError) throw err;
        if (opts.signal?.aborted) throw err;
        if (isStaleConnection(err) && !resent) {
          resent = true;
          attempt--;
          continue;
        }
        error = err instanceof Error ? err.message : String(err);
      }
      const delayMs = Math.min(maxDelay, baseDelay * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5);
      if (Date.now() - started + delayMs > (opts.retryForMs ?? retryForMs)) {
        throw new WorkerApiError(503, `Worker API unreachable after ${attempt} attempts: ${error}`);
      }
      o.onRetry?.({ path, attempt, error, delayMs });
      await sleep(delayMs, opts.signal);
    }
  }

  return {
    request,
    async json<T>(path: string, opts: RequestOptions = {}): Promise<T> {
      const res = await request(path, opts);
      return JSON.parse(await res.text()) as T;
    },
  };
}

export type WorkerApiClient = ReturnType<typeof createWorkerApiClient>;
