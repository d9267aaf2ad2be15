// Regenerates docs/openapi/{public,admin,worker}.json from the route schemas (`npm run docs:openapi`).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderJson, renderOpenApiDocs } from '../src/http/openapi-docs.js';

const dir = path.resolve(import.meta.dirname, '../docs/openapi');
await mkdir(dir, { recursive: true });
for (const [name, doc] of Object.entries(await renderOpenApiDocs()))
  await writeFile(path.join(dir, `${name}.json`), renderJson(doc));
