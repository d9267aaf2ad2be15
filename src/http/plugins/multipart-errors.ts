import type { FastifyRequest } from 'fastify';

/** What one multipart request may hold (the admin app's @fastify/multipart registration). */
export const MULTIPART_LIMITS = { files: 1, fields: 10, parts: 20, fieldSize: 64 * 1024 } as const;

/** @fastify/multipart answers its limits with 413, as if the file were too large: say which limit it was. */
const LIMIT_DETAIL: Record<string, string> = {
  FST_FILES_LIMIT: 'Only one file per request is accepted (multipart field "file")',
  FST_FIELDS_LIMIT: `Too many form fields: at most ${MULTIPART_LIMITS.fields}`,
  FST_PARTS_LIMIT: `Too many multipart parts: at most ${MULTIPART_LIMITS.parts}`,
};

/**
 * Busboy (the parser under @fastify/multipart) reports a malformed body with plain Errors that carry
 * no code; matched by message, and only on multipart requests.
 */
const MALFORMED: Array<[RegExp, string]> = [
  [/^(Multipart: Boundary not found|Boundary required|The needle cannot be an empty)/, 'no boundary'],
  [/^The needle cannot have a length bigger/, 'the boundary is too long'],
  [/unexpected end of multipart data$/i, 'the body ends before its closing boundary'],
];

/**
 * The 400 detail for a multipart body the server refuses as sent (a limit crossed, a body that does
 * not parse), or null when `err` is something else.
 */
export function multipartRefusal(err: Error & { code?: string }, req: FastifyRequest): string | null {
  if (err.code) return LIMIT_DETAIL[err.code] ?? null;
  if (!/^multipart\//i.test(req.headers['content-type'] ?? '')) return null;
  const reason = MALFORMED.find(([re]) => re.test(err.message))?.[1];
  return reason ? `Malformed multipart body: ${reason}` : null;
}
