import { DomainError } from '../../domain/shared/errors.js';

/**
 * The HTTP client of a remote worker (api-worker.md §10.5): the key on every request, JSON in and out,
 * retries with exponential backoff and jitter on network errors, 5xx and 429 — long enough to ride out a
 * server restart — and immediate errors for other 4xx, mapped onto DomainError kinds so the job code
 * handles "not your job any more" (403/409) the same way for local and remote workers.
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

export class WorkerApiError extends DomainError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(kindOf(status), message);
  }
}

function kindOf(status: number): DomainError['kind'] {
  if (status === 400 || status === 422) return 'bad_request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  return 'unavailable';
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

/** A fetch request body (the DOM's BodyInit, which the server build's lib does not declare). */
export type RequestBody = NonNullable<RequestInit['body']>;

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
  /** Return the raw Response for these statuses instead of throwing (e.g. 206 / 416 of a download). */
  raw?: boolean;
}

export function createWorkerApiClient(o: WorkerApiClientOptions) {
  const base = o.baseUrl.replace(/\/+$/, '');
  const retryForMs = o.retryForMs ?? 120_000;
  const baseDelay = o.baseDelayMs ?? 500;
  const maxDelay = o.maxDelayMs ?? 10_000;

  async function detailOf(res: Response): Promise<string> {
    const text = await res.text().catch(() => '');
    try {
      const body = JSON.parse(text) as { detail?: unknown };
      if (typeof body.detail === 'string') return body.detail;
    } catch {
      /* not JSON */
    }
    return text.slice(0, 200) || res.statusText;
  }

  async function request(path: string, opts: RequestOptions = {}): Promise<Response> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      const timeout = AbortSignal.timeout(Math.ceil(opts.timeoutMs ?? o.timeoutMs ?? 60_000));
      const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
      let error: string;
      try {
        const body = opts.body?.();
        const res = await fetch(`${base}${path}`, {
          method: opts.method ?? 'GET',
          headers: {
            'x-worker-api-key': o.apiKey,
            ...(opts.json !== undefined ? { 'content-type': 'application/json' } : {}),
            ...body?.headers,
            ...opts.headers,
          },
          body: opts.json !== undefined ? JSON.stringify(opts.json) : body?.data,
          signal,
          // Streamed request bodies (file uploads) need half-duplex mode.
          ...(body ? { duplex: 'half' } : {}),
        } as RequestInit);
        if (res.ok || (opts.raw && !retryable(res.status))) return res;
        const detail = await detailOf(res);
        if (!retryable(res.status)) throw new WorkerApiError(res.status, detail);
        error = `HTTP ${res.status}: ${detail}`;
      } catch (err) {
        if (err instanceof WorkerApiError) throw err;
        if (opts.signal?.aborted) throw err;
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
      return (await res.json()) as T;
    },
  };
}

export type WorkerApiClient = ReturnType<typeof createWorkerApiClient>;
