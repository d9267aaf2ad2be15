import type { FastifyInstance, FastifyRequest } from 'fastify';

const URLENCODED = 'application/x-www-form-urlencoded';

/**
 * Lets the routes of one plugin take HTML-form bodies as well as JSON (api-admin.md: PUT
 * /api/videos/{id} and the thumbnail picker take form fields). The fields become a plain object,
 * so the route's TypeBox body schema validates and coerces them like JSON.
 */
export function acceptFormBodies(app: FastifyInstance): void {
  if (!app.hasContentTypeParser(URLENCODED)) {
    app.addContentTypeParser(URLENCODED, { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
  }
}

/**
 * preValidation hook: reads a multipart/form-data body's text fields into `req.body` (files are
 * skipped). @fastify/multipart leaves the body empty otherwise.
 */
export async function multipartFieldsAsBody(req: FastifyRequest): Promise<void> {
  if (!req.isMultipart()) return;
  const body: Record<string, string> = {};
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      part.file.resume();
      continue;
    }
    body[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value ?? '');
  }
  req.body = body;
}
