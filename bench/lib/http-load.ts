/**
 * A lean HTTP/1.1 load client for latency benchmarks: one keep-alive socket per virtual client, GET or a
 * JSON POST, responses read by Content-Length. Node's http client costs ~0.7 ms of CPU a request here; on a 2-core
 * machine that shares the server's CPU, it would be measured as server latency. This one costs a fraction.
 */
import net from 'node:net';

export interface LoadResult {
  /** Latency of each request in ms, in completion order. */
  latencies: number[];
}

/** A GET of `path`, or a POST of `json` to it. */
export interface LoadRequest {
  path: string;
  json?: unknown;
}

/** One persistent connection that sends a GET and resolves with (status, ms) when the body is complete. */
function connection(port: number) {
  const socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
  let buffer: Buffer = Buffer.alloc(0);
  let pending: {
    resolve: (r: { status: number; ms: number }) => void;
    reject: (e: Error) => void;
    t: number;
  } | null = null;
  const fail = (e: Error) => {
    pending?.reject(e);
    pending = null;
  };
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('connection closed')));
  socket.on('data', (chunk: Buffer) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    const headerEnd = buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0 || !pending) return;
    const head = buffer.subarray(0, headerEnd).toString('latin1');
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!length) return fail(new Error(`no Content-Length in response:\n${head}`));
    const total = headerEnd + 4 + Number(length[1]);
    if (buffer.length < total) return;
    const status = Number(head.slice(9, 12));
    buffer = buffer.subarray(total);
    const done = pending;
    pending = null;
    done.resolve({ status, ms: performance.now() - done.t });
  });
  const ready = new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return {
    /** One request; with `json`, a POST of that body. */
    async send(req: LoadRequest) {
      await ready;
      return new Promise<{ status: number; ms: number }>((resolve, reject) => {
        pending = { resolve, reject, t: performance.now() };
        const head = `HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n`;
        if (req.json === undefined) return socket.write(`GET ${req.path} ${head}\r\n`);
        const body = Buffer.from(JSON.stringify(req.json));
        socket.write(
          `POST ${req.path} ${head}Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
        );
        socket.write(body);
      });
    },
    close: () => socket.destroy(),
  };
}

/** `requests` GETs of `url(n)` by `concurrency` clients, each on its own connection; any non-200 throws. */
export function drive(port: number, url: (n: number) => string, requests: number, concurrency: number) {
  return driveRequests(port, (n) => ({ path: url(n) }), requests, concurrency);
}

/**
 * `requests` requests made by `make(n)` (n = 0, 1, …, in order of sending) by `concurrency` clients, each on
 * its own connection; a status other than `expect` throws. Resolves with each answer's body-less latency.
 */
export async function driveRequests(
  port: number,
  make: (n: number) => LoadRequest,
  requests: number,
  concurrency: number,
  expect = 200,
): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const client = async () => {
    const conn = connection(port);
    try {
      while (next < requests) {
        const req = make(next++);
        const { status, ms } = await conn.send(req);
        if (status !== expect) throw new Error(`${req.path}: ${status}`);
        latencies.push(ms);
      }
    } finally {
      conn.close();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return latencies;
}
