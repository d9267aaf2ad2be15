import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJson, renderOpenApiDocs } from './openapi-docs.js';

describe('docs/openapi', () => {
  it('matches the route schemas (run `npm run docs:openapi` after changing routes)', async () => {
    const docs = await renderOpenApiDocs();
    for (const [name, doc] of Object.entries(docs)) {
      const committed = await readFile(
        path.resolve(import.meta.dirname, `../../docs/openapi/${name}.json`),
        'utf8',
      );
      expect(committed, `docs/openapi/${name}.json`).toBe(renderJson(doc));
    }
    expect(Object.keys((docs.admin as { paths: object }).paths)).toContain('/api/auth/login');
  });
});
