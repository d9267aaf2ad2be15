import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { badRequest } from '../../../domain/shared/errors.js';

/** Multipart overhead allowed on top of the file itself in the Content-Length pre-check. */
const MULTIPART_SLACK = 64 * 1024;

/**
 * The one `file` part of a multipart upload of at most `maxBytes`, handed to `store` as a stream; other
 * parts are drained. A declared Content-Length past the limit is refused before reading (`tooLarge`);
 * `store` enforces the limit on the bytes themselves. 400 when the body is not multipart or has no file.
 */
export async function receiveFileUpload<T>(
  req: FastifyRequest,
  options: { maxBytes: number; tooLarge: (max: number) => Error },
  store: (file: { stream: Readable; filename: string }) => Promise<T>,
): Promise<T> {
  if (Number(req.headers['content-length'] ?? 0) > options.maxBytes + MULTIPART_SLACK)
    throw options.tooLarge(options.maxBytes);
  if (!req.isMultipart()) throw badRequest('Expected multipart/form-data with a file field');
  let result: { value: T } | null = null;
  for await (const part of req.parts()) {
    if (part.type !== 'file') continue;
    if (part.fieldname !== 'file' || result) {
      part.file.resume();
      continue;
    }
    try {
      result = { value: await store({ stream: part.file, filename: part.filename }) };
    } finally {
      part.file.resume();
    }
  }
  if (!result) throw badRequest('An image file is required (multipart field "file")');
  return result.value;
}

/**
 * A small file upload read whole: the one `file` part (at most `maxBytes`, else `tooLarge`) and the text
 * fields, whatever their order. 400 when the body is not multipart or has no file.
 */
export async function receiveSmallFile(
  req: FastifyRequest,
  options: { maxBytes: number; tooLarge: (max: number) => Error; missing: string },
): Promise<{ filename: string; bytes: Buffer; fields: Record<string, string> }> {
  if (Number(req.headers['content-length'] ?? 0) > options.maxBytes + MULTIPART_SLACK)
    throw options.tooLarge(options.maxBytes);
  if (!req.isMultipart()) throw badRequest('Expected multipart/form-data with a file field');
  const fields: Record<string, string> = {};
  let file: { filename: string; bytes: Buffer } | null = null;
  for await (const part of req.parts()) {
    if (part.type === 'field') {
      fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value ?? '');
      continue;
    }
    if (part.fieldname !== 'file' || file) {
      part.file.resume();
      continue;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of part.file as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > options.maxBytes) {
        part.file.resume();
        throw options.tooLarge(options.maxBytes);
      }
      chunks.push(chunk);
    }
    file = { filename: part.filename, bytes: Buffer.concat(chunks) };
  }
  if (!file) throw badRequest(options.missing);
  return { ...file, fields };
}
