/** Minimal admin API client for the CLI: X-Admin-Secret auth and readable errors. */
export class CliError extends Error {}

/** An error answer of the admin API: its status tells a lasting refusal from a passing failure. */
export class ApiError extends CliError {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface AdminClientOptions {
  baseUrl: string;
  secret: string;
  timeoutMs: number;
}

export function createAdminClient(options: AdminClientOptions) {
  const api = `${options.baseUrl.replace(/\/+$/, '')}/api`;
  const headers = (): Record<string, string> => (options.secret ? { 'X-Admin-Secret': options.secret } : {});

  async function handle(res: Response): Promise<unknown> {
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    if (res.status === 401)
      throw new ApiError(
        'Authentication required. Set VLOG_ADMIN_API_SECRET (see the secret printed at first start, or <data dir>/admin-api.secret).',
        401,
      );
    if (res.status === 403) throw new ApiError('Access refused: invalid admin secret.', 403);
    if (!res.ok) {
      const detail =
        typeof body === 'object' && body && 'detail' in body
          ? String((body as { detail: unknown }).detail)
          : text.slice(0, 200);
      throw new ApiError(`API error (${res.status}): ${detail}`, res.status);
    }
    return body;
  }

  async function request(method: string, path: string, init: RequestInit = {}): Promise<unknown> {
    try {
      const res = await fetch(`${api}${path}`, {
        ...init,
        method,
        headers: { ...headers(), ...(init.headers as Record<string, string> | undefined) },
        signal: init.signal ?? AbortSignal.timeout(options.timeoutMs),
      });
      return await handle(res);
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw new CliError(`Cannot reach the admin API at ${api}: ${(err as Error).message}`);
    }
  }

  return {
    api,
    headers,
    handle,
    /** signal: stops waiting for the answer (the normal timeout still applies). */
    get: (path: string, signal?: AbortSignal) =>
      request(
        'GET',
        path,
        signal ? { signal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMs)]) } : {},
      ),
    post: (path: string, json: unknown) =>
      request('POST', path, { body: JSON.stringify(json), headers: { 'Content-Type': 'application/json' } }),
    delete: (path: string) => request('DELETE', path),
  };
}

export type AdminClient = ReturnType<typeof createAdminClient>;
