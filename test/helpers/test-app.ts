import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { loadConfig, type Config } from '../../src/config/load-config.js';
import type { DatabaseDriver } from '../../src/db/database.js';
import { buildAdminApp } from '../../src/http/admin-app.js';
import { buildPublicApp } from '../../src/http/public-app.js';
import { buildWorkerApp } from '../../src/http/worker-app.js';
import { createContainer, type Container } from '../../src/server/container.js';
import { WEB_DIR } from '../../src/server/paths.js';
import { getClip, type ClipName } from './media-clips.js';
import { createTestDb, type TestDatabase } from './test-db.js';

export const TEST_ADMIN_SECRET = 'test-admin-secret-0123456789abcdef';

export interface TestApp {
  config: Config;
  container: Container;
  db: TestDatabase;
  publicApp: FastifyInstance;
  adminApp: FastifyInstance;
  workerApp: FastifyInstance;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The real apps on a fresh cloned database and a temporary data dir, for in-process tests
 * (`app.inject`). `env` overrides VLOG_* variables.
 */
export async function createTestApp(
  driver: DatabaseDriver,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vlog-test-'));
  const db = await createTestDb(driver);
  const config = loadConfig({
    VLOG_DATA_DIR: dataDir,
    VLOG_DATABASE_URL: db.url,
    VLOG_LOG_LEVEL: 'silent',
    VLOG_RETRY_BACKOFF_BASE: '0',
    VLOG_PROGRESS_UPDATE_INTERVAL: '0.2',
    VLOG_WORKER_POLL_INTERVAL: '0.2',
    // Many tests send hundreds of requests from one address; rate-limit.test.ts turns limits on.
    VLOG_RATE_LIMIT_ENABLED: 'false',
    // Tests write rows and read the lists at once; public-discovery.test.ts turns the 30 s list cache on.
    VLOG_PUBLIC_LIST_CACHE_SECONDS: '0',
    // A transcoded video is not also transcribed (a PocketSphinx run after each transcode, and a job the
    // worker tests do not expect): the transcription tests turn it on.
    VLOG_TRANSCRIPTION_ON_UPLOAD: 'false',
    ...env,
  });
  const container = createContainer(config, db, { adminApiSecret: TEST_ADMIN_SECRET });
  await container.layout.ensureDirs();
  const options = {
    logLevel: config.logLevel,
    trustedProxies: config.trustedProxies,
    webDir: WEB_DIR,
    uploadIdleTimeoutMs: config.uploadIdleTimeout * 1000,
  };
  const publicApp = await buildPublicApp(container, options);
  const adminApp = await buildAdminApp(container, options);
  const workerApp = await buildWorkerApp(container, options);
  return {
    config,
    container,
    db,
    publicApp,
    adminApp,
    workerApp,
    dataDir,
    async close() {
      container.services.progressFeed.close();
      await Promise.all([publicApp.close(), adminApp.close(), workerApp.close()]);
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A multipart body for app.inject uploads. */
export function multipart(
  fields: Record<string, string>,
  file?: { name: string; content: Buffer; field?: string },
) {
  const boundary = `----vlogtest${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Logs in through the API and returns the cookie + CSRF headers a browser would send. */
export async function loginSession(app: FastifyInstance): Promise<{ cookie: string; csrf: string }> {
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { secret: TEST_ADMIN_SECRET },
  });
  const setCookie = login.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)?.split(';')[0] ?? '';
  const csrfRes = await app.inject({ method: 'GET', url: '/api/auth/csrf-token', headers: { cookie } });
  return { cookie, csrf: (csrfRes.json() as { csrf_token: string }).csrf_token };
}

/**
 * Uploads a generated clip through the admin API (as the admin UI does), as a file named `clip.<ext>`;
 * its video id and slug.
 */
export async function uploadClip(
  t: TestApp,
  title: string,
  clip: ClipName = 'landscape480x5s',
  ext = 'mp4',
): Promise<{ video_id: number; slug: string }> {
  const body = multipart({ title }, { name: `clip.${ext}`, content: await readFile(await getClip(clip)) });
  const res = await t.adminApp.inject({
    method: 'POST',
    url: '/api/videos',
    headers: { ...body.headers, 'x-admin-secret': TEST_ADMIN_SECRET },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
