// A webhook receiver on loopback for the webhook tests and the bench: records every request (raw body,
// headers, arrival time) and answers what `respond` says (200 by default).
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  /** What to answer the next requests (status, optional headers). */
  respond: (r: Received, res: ServerResponse) => void;
  /** Resolves once `count` requests matching `filter` arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number, filter?: (r: Received) => boolean): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(port = 0): Promise<Receiver> {
  const received: Received[] = [];
  const listeners = new Set<() => void>();
  const receiver: Receiver = {
    url: '',
    port: 0,
    received,
    respond: (_r, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'),
    waitFor(count, timeoutMs = 10_000, filter = () => true) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hits = received.filter(filter);
          if (hits.length < count) return false;
          clearTimeout(timer);
          listeners.delete(check as () => void);
          resolve(hits);
          return true;
        };
        const timer = setTimeout(() => {
          listeners.delete(check as () => void);
          reject(
            new Error(`Receiver: ${received.filter(filter).length}/${count} requests after ${timeoutMs} ms`),
          );
        }, timeoutMs);
        if (!check()) listeners.add(check as () => void);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = {
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      received.push(r);
      receiver.respond(r, res);
      for (const l of [...listeners]) l();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}`;
  return receiver;
}
