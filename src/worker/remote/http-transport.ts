import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';

/**
 * One HTTP exchange of a remote worker, on node:http with keep-alive connections. Not fetch: on a
 * two-core machine fetch moved files over loopback at 70–180 MB/s, node:http with 1 MiB file chunks at
 * 250–600 MB/s (bench/README.md, remote overhead), and the worker's transfers share the cores with ffmpeg.
 */
export type TransportBody = string | Buffer | Readable;

export interface TransportResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The response body; the caller must consume it (or destroy it) so the connection is reused. */
  body: IncomingMessage;
}

const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

export function send(
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: TransportBody; signal: AbortSignal },
): Promise<TransportResponse> {
  const isHttps = url.protocol === 'https:';
  const request = isHttps ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const headers = { ...init.headers };
    if (typeof init.body === 'string' || Buffer.isBuffer(init.body))
      headers['content-length'] = String(Buffer.byteLength(init.body));
    const req = request(url, {
      method: init.method,
      headers,
      agent: agents[isHttps ? 'https:' : 'http:'],
      signal: init.signal,
    });
    req.once('response', (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res }));
    req.once('error', (err: NodeJS.ErrnoException) => {
      // A kept-alive connection the server closed just as it was reused: safe to send again at once.
      if (req.reusedSocket && err.code === 'ECONNRESET') Object.assign(err, { staleConnection: true });
      reject(err);
    });
    const body = init.body;
    if (body instanceof Readable) {
      body.once('error', (err) => req.destroy(err));
      body.pipe(req);
    } else {
      req.end(body);
    }
  });
}

/** Whether `err` is the reset of a reused keep-alive connection (see send). */
export const isStaleConnection = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { staleConnection?: boolean }).staleConnection === true;

/** The whole body as text (small JSON answers and error details). */
export async function readText(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
