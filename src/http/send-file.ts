import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../domain/shared/errors.js';

/**
 * Streams one file with single-range support (RFC 9110 §14): `Range: bytes=a-b | a- | -n` → 206 with
 * Content-Range, an unsatisfiable range → 416 with `bytes *\/size`, several ranges or a stale If-Range →
 * the whole file; ETag and Last-Modified for resuming clients. Read in 1 MiB chunks: @fastify/static's
 * 64 KiB reads moved a 28 MB source at a quarter of this speed (bench/README.md, remote overhead).
 */
const CHUNK = 1024 * 1024;

export interface ByteRange {
  start: number;
  end: number;
}

/** The single range a Range header asks of a `size`-byte file: a range, 'unsatisfiable', or null (whole). */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!m) return null; // absent, several ranges or another unit: the whole file
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

export async function sendFile(
  req: FastifyRequest,
  reply: FastifyReply,
  file: string,
  contentType = 'application/octet-stream',
) {
  const s = await stat(file).catch(() => null);
  if (!s?.isFile()) throw notFound('File not found');
  const etag = `W/"${s.size.toString(16)}-${Math.floor(s.mtimeMs).toString(16)}"`;
  const lastModified = s.mtime.toUTCString();
  reply
    .header('accept-ranges', 'bytes')
    .header('etag', etag)
    .header('last-modified', lastModified)
    .header('content-type', contentType);
  const ifRange = req.headers['if-range'];
  const rangeApplies = !ifRange || ifRange === etag || ifRange === lastModified;
  const range = rangeApplies ? parseRange(req.headers.range, s.size) : null;
  if (range === 'unsatisfiable') {
    return reply.code(416).header('content-range', `bytes */${s.size}`).send();
  }
  if (range) {
    reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${s.size}`);
  }
  const { start, end } = range ?? { start: 0, end: s.size - 1 };
  reply.header('content-length', String(end - start + 1));
  if (end < start) return reply.send(); // an empty file
  return reply.send(createReadStream(file, { start, end, highWaterMark: CHUNK }));
}
