import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { BlockedTargetError, pinTarget, type GuardOptions, type ResolvedAddress } from './ssrf-guard.js';

/** What one POST to a webhook (or alert) target came to. */
export interface PostOutcome {
  ok: boolean;
  statusCode: number | null;
  /** The receiver's answer, at most RESPONSE_BODY_MAX characters. */
  responseBody: string | null;
  /** `HTTP <code>`, `Request timeout (10s)`, `Connection error: …`, `URL is blocked: …`. */
  error: string | null;
  durationMs: number;
}

export const RESPONSE_BODY_MAX = 2000;
/** More than this is not read: only the first RESPONSE_BODY_MAX characters are kept anyway. */
const READ_LIMIT = 64 * 1024;

// Pooled connections (pipeline.md §16: ≤ 50). A pooled socket was opened to a checked address.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 50 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 50 }),
};

/** A lookup that answers the pinned address whatever name it is asked for: the connect goes there. */
function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [pinned]);
    } else callback(null, pinned.address, pinned.family);
  };
}

export interface PostInput {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  guard: GuardOptions;
}

/**
 * POSTs `body` to `url`: the host resolved and checked once by the SSRF guard, the connection made to that
 * address (TLS still verifies the certificate against the host name), redirects never followed (a 3xx is a
 * failure), the whole exchange bounded by `timeoutMs`. Never throws: the outcome says what happened.
 */
export async function postJson(input: PostInput): Promise<PostOutcome> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  let target: Awaited<ReturnType<typeof pinTarget>>;
  try {
    target = await pinTarget(input.url, input.guard);
  } catch (err) {
    const message = (err as Error).message;
    const error = err instanceof BlockedTargetError ? message : message.slice(0, 500);
    return { ok: false, statusCode: null, responseBody: null, error, durationMs: took() };
  }
  const seconds = Math.round(input.timeoutMs / 1000);
  return new Promise<PostOutcome>((resolve) => {
    const done = (o: Omit<PostOutcome, 'durationMs'>) => resolve({ ...o, durationMs: took() });
    const protocol = target.url.protocol === 'https:' ? 'https:' : 'http:';
    const request = (protocol === 'https:' ? https : http).request(target.url, {
      method: 'POST',
      agent: agents[protocol],
      lookup: pinnedLookup(target.address),
      headers: { ...input.headers, 'Content-Length': String(Buffer.byteLength(input.body)) },
    });
    const timer = setTimeout(() => {
      request.destroy(new Error('timeout'));
      done({ ok: false, statusCode: null, responseBody: null, error: `Request timeout (${seconds}s)` });
    }, input.timeoutMs);
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if (size < READ_LIMIT) chunks.push(c);
        size += c.length;
      });
      res.on('error', () => undefined);
      res.on('end', () => {
        clearTimeout(timer);
        const code = res.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_BODY_MAX);
        const ok = code >= 200 && code < 300;
        const error = ok
          ? null
          : code >= 300 && code < 400
            ? `HTTP ${code}: redirects are not followed`
            : `HTTP ${code}`;
        done({ ok, statusCode: code, responseBody: text, error });
      });
    });
    request.on('error', (err) => {
      clearTimeout(timer);
      done({
        ok: false,
        statusCode: null,
        responseBody: null,
        error: `Connection error: ${err.message}`.slice(0, 500),
      });
    });
    request.end(input.body);
  });
}
