import { loadConfig } from '../config/load-config.js';
import { openDatabase } from '../db/database.js';
import { createContainer } from '../server/container.js';
import { WEB_DIR } from '../server/paths.js';
import { buildAdminApp } from './admin-app.js';
import { buildPublicApp } from './public-app.js';
import { buildWorkerApp } from './worker-app.js';

/**
 * The three OpenAPI documents, generated from the route schemas. Committed under docs/openapi/
 * (`npm run docs:openapi`); a test fails when they drift from the code.
 */
export async function renderOpenApiDocs(): Promise<Record<'public' | 'admin' | 'worker', unknown>> {
  const config = loadConfig({ VLOG_DATA_DIR: '/nonexistent', VLOG_LOG_LEVEL: 'silent' });
  // A PostgreSQL pool connects lazily: building the apps issues no query.
  const database = await openDatabase({ databaseUrl: 'postgresql://docs@127.0.0.1:1/none', dataDir: '' });
  const c = createContainer(config, database, { adminApiSecret: 'docs' });
  const options = { logLevel: 'silent', trustedProxies: [], webDir: WEB_DIR };
  const apps = {
    public: await buildPublicApp(c, options),
    admin: await buildAdminApp(c, options),
    worker: await buildWorkerApp(c, options),
  };
  try {
    const docs: Record<string, unknown> = {};
    for (const [name, app] of Object.entries(apps)) {
      await app.ready();
      docs[name] = app.swagger();
    }
    return docs as Record<'public' | 'admin' | 'worker', unknown>;
  } finally {
    c.services.progressFeed.close();
    await Promise.all(Object.values(apps).map((a) => a.close()));
    await database.close();
  }
}

export const renderJson = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;
