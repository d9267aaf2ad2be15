/**
 * Admin API client (same origin, cookie session).
 *
 * - `credentials: 'same-origin'` on every request.
 * - Before every POST/PUT/PATCH/DELETE a fresh token is fetched from
 *   `GET /api/auth/csrf-token` and sent as `X-CSRF-Token` (when `required`).
 * - Any 401 calls the registered unauthorized handler (shows the login dialog)
 *   and rejects with `UnauthorizedError`.
 */
import { HttpError, fetchJson, readErrorDetail } from '../shared/http.js';
import type { CsrfTokenResponse } from '../shared/types.js';

export { HttpError, errorMessage, isAbortError } from '../shared/http.js';

export class UnauthorizedError extends HttpError {
  constructor(detail = 'Authentication required') {
    super(401, detail);
    this.name = 'UnauthorizedError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const MUTATING: ReadonlySet<Method> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestOptions {
  /** JSON-serialisable body, or FormData sent as multipart. */
  body?: unknown;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Skip the CSRF token fetch (auth endpoints are exempt). */
  noCsrf?: boolean;
  /** Don't trigger the login dialog on 401 (used by the auth module itself). */
  noAuthRedirect?: boolean;
  /** The browser HTTP cache mode: 'no-cache' asks past an answer's max-age (a Refresh button). */
  cache?: RequestCache;
}

export class ApiClient {
  private unauthorizedHandler: (() => void) | null = null;

  /** Register what happens on a 401 (typically: show the login dialog). */
  onUnauthorized(handler: () => void): void {
    this.unauthorizedHandler = handler;
  }

  /** Report a 401 seen outside this client (XHR upload, polling…). */
  notifyUnauthorized(): void {
    this.unauthorizedHandler?.();
  }

  /** Headers carrying a fresh CSRF token (empty object when CSRF is not required). */
  async csrfHeaders(): Promise<Record<string, string>> {
    const res = await fetch('/api/auth/csrf-token', {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
    if (res.status === 401) {
      this.notifyUnauthorized();
      throw new UnauthorizedError(await readErrorDetail(res));
    }
    if (!res.ok) throw new HttpError(res.status, await readErrorDetail(res));
    const data = (await res.json()) as CsrfTokenResponse;
    return data.required && data.csrf_token ? { 'X-CSRF-Token': data.csrf_token } : {};
  }

  async request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = {};
    if (MUTATING.has(method) && !opts.noCsrf) Object.assign(headers, await this.csrfHeaders());
    let body: BodyInit | undefined;
    if (opts.body instanceof FormData) {
      body = opts.body;
    } else if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    try {
      return await fetchJson<T>(path, {
        method,
        headers,
        body: body ?? null,
        signal: opts.signal ?? null,
        timeoutMs: opts.timeoutMs ?? 15_000,
        ...(opts.cache ? { cache: opts.cache } : {}),
      });
    } catch (err) {
      if (err instanceof HttpError && err.status === 401) {
        if (!opts.noAuthRedirect) this.notifyUnauthorized();
        throw new UnauthorizedError(err.detail);
      }
      throw err;
    }
  }

  get<T>(path: string, opts?: RequestOptions): Promise<T> {
    return this.request<T>('GET', path, opts);
  }

  post<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, { ...opts, body });
  }

  put<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T> {
    return this.request<T>('PUT', path, { ...opts, body });
  }

  delete<T>(path: string, opts?: RequestOptions): Promise<T> {
    return this.request<T>('DELETE', path, opts);
  }
}
