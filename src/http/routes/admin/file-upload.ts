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
