import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/load-config.js';
import { resolveSecret } from '../config/secrets.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { buildAdminApp } from '../http/admin-app.js';
import { buildPublicApp } from '../http/public-app.js';
import { buildWorkerApp } from '../http/worker-app.js';
import { hostname } from 'node:os';
import { createContainer, type Container } from './container.js';
import { superviseLocalWorker } from './local-worker-supervisor.js';
import { localWorkerIdentity } from './local-worker-id.js';
import { startSchedules } from './schedules.js';
import { periodicTasks } from './periodic-tasks.js';
import { startCrossProcessSignals } from './cross-process-signals.js';
import { PGLITE_TEMPLATE, WEB_DIR } from './paths.js';
import { cleanUpInterruptedUploads } from '../storage/upload-leftovers.js';

export type Role = 'public' | 'admin' | 'worker-api';
export const ALL_ROLES: Role[] = ['public', 'admin', 'worker-api'];

export interface ServeOptions {
  roles: Role[];
  localWorker: boolean;
  print: (line: string) => void;
}

export interface RunningServer {
  urls: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts the requested roles (and the local worker) on one database; stop() shuts down gracefully. */
export async function startServer(config: Config, options: ServeOptions): Promise<RunningServer> {
  if (!config.databaseUrl && options.roles.length < ALL_ROLES.length) {
    throw new Error(
      'Separate roles need PostgreSQL (set VLOG_DATABASE_URL); the embedded database runs all roles in one process.',
    );
  }
  const adminSecret = await resolveSecret({
    configured: config.adminApiSecret,
    dataDir: config.dataDir,
    name: 'admin-api',
  });
  const workerAdminSecret = await resolveSecret({
    configured: config.workerAdminSecret,
    dataDir: config.dataDir,
    name: 'worker-admin',
  });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    preparedStatements: config.databasePreparedStatements,
    pgliteTemplate: PGLITE_TEMPLATE,
  });
  const { applied } = await migrate(database.db);
  if (applied.length > 0) options.print(`Applied migrations: ${applied.join(', ')}`);
  const c = createContainer(config, database, {
    adminApiSecret: adminSecret.value,
    workerAdminSecret: workerAdminSecret.value,
  });
  await c.layout.ensureDirs();
  await cleanUpAfterCrash(c, options.print);
  await prepareSettings(c, options);

  const appOptions = {
    logLevel: config.logLevel,
    trustedProxies: config.trustedProxies,
    webDir: WEB_DIR,
    uploadIdleTimeoutMs: config.uploadIdleTimeout * 1000,
  };
  const apps: Array<{ role: Role; app: FastifyInstance; port: number }> = [];
  const builders: Record<Role, () => Promise<FastifyInstance>> = {
    public: () => buildPublicApp(c, appOptions),
    admin: () => buildAdminApp(c, appOptions),
    'worker-api': () => buildWorkerApp(c, appOptions),
  };
  const ports: Record<Role, number> = {
    public: config.publicPort,
    admin: config.adminPort,
    'worker-api': config.workerApiPort,
  };
  for (const role of options.roles) apps.push({ role, app: await builders[role](), port: ports[role] });

  const urls: Record<string, string> = {};
  try {
    for (const a of apps) {
      await a.app.listen({ port: a.port, host: config.host });
      const address = a.app.server.address();
      const port = typeof address === 'object' && address ? address.port : a.port;
      urls[a.role] = `http://localhost:${port}`;
    }
  } catch (err) {
    await Promise.all(apps.map((a) => a.app.close()));
    await database.close();
    throw err;
  }

  const logger = apps[0]?.app.log ?? { info: () => undefined, error: () => undefined };
  const worker = options.localWorker ? startLocalWorker(c, urls['worker-api'], options.print) : null;
  const schedules = startSchedules(periodicTasks(c, options.roles, logger), logger);
  // On PostgreSQL, "work queued" reaches the other processes' waiting workers (split roles, several
  // servers), and a setting changed elsewhere reaches this process's services.
  const signals = startCrossProcessSignals(c, options.print);
  // Webhook deliveries are sent by the admin role's process (secrets stay on the server), woken per delivery.
  const webhookRunner = options.roles.includes('admin') ? c.services.webhookRunner : null;
  webhookRunner?.start();
  // Worker lifecycle events are logged (the container records them for webhooks).
  for (const name of ['worker.offline', 'worker.registered'] as const)
    c.workerEvents.on(name, (event) => logger.info({ event }, name));
  for (const [role, url] of Object.entries(urls))
    options.print(`${role.padEnd(10)} ${url}${role === 'admin' || role === 'public' ? '/' : '/api/health'}`);
  if (adminSecret.generated) {
    options.print(
      `\nAdmin secret (generated, stored in ${adminSecret.file}; shown once):\n  ${adminSecret.value}\n`,
    );
  }
  if (workerAdminSecret.generated) {
    options.print(
      `Worker admin secret for \`vlog worker register\` (generated, stored in ${workerAdminSecret.file}; shown once):\n  ${workerAdminSecret.value}\n`,
    );
  }

  return {
    urls,
    async stop() {
      await schedules.stop();
      await signals?.close();
      // The worker releases its job first; then in-flight requests finish before the DB closes.
      await worker?.stop();
      await webhookRunner?.stop();
      c.services.progressFeed.close();
      await Promise.all(apps.map((a) => a.app.close()));
      await database.close();
    },
  };
}

/**
 * Partial uploads and re-upload leftovers of a crash (before listening: no request of ours owns them). On
 * PostgreSQL another server may share the storage, so files it could still be writing are spared: an upload
 * in progress writes at least once per idle timeout, and an accepted one is renamed within a minute.
 */
export async function cleanUpAfterCrash(c: Container, print: (line: string) => void): Promise<void> {
  const minAgeMs = c.config.databaseUrl ? c.config.uploadIdleTimeout * 1000 + 10 * 60_000 : 0;
  const { removed, restored } = await cleanUpInterruptedUploads(c.layout, { minAgeMs });
  if (removed.length > 0)
    print(`Removed ${removed.length} file(s) left by an interrupted upload or re-upload`);
  if (restored.length > 0) print(`Restored after an interrupted re-upload: ${restored.join(', ')}`);
}

/**
 * The settings snapshot is read before serving (stored values apply from the first request). A fresh
 * install's empty table is seeded from the environment by the admin role (api-admin.md §1).
 */
async function prepareSettings(c: Container, options: ServeOptions): Promise<void> {
  if (options.roles.includes('admin')) {
    const seeded = await c.services.settingsAdmin.seedIfEmpty();
    if (seeded && seeded.seeded > 0)
      options.print(`Settings: ${seeded.seeded} seeded from the environment into the database`);
  }
  await c.services.settings.ready();
}

/** The address of this machine's worker API as the local worker reaches it (`http://localhost:PORT`). */
function loopbackUrl(url: string): string {
  return url.replace('//localhost:', '//127.0.0.1:');
}

/**
 * The local worker: a supervised `vlog worker` child on this server's worker API (see
 * local-worker-supervisor.ts). Without the worker-api role in this process there is nothing to talk to.
 */
function startLocalWorker(c: Container, workerApiUrl: string | undefined, print: (line: string) => void) {
  if (!workerApiUrl) throw new Error('The local worker needs the worker-api role in the same process.');
  const workerId = localWorkerIdentity(c.config.dataDir);
  const worker = superviseLocalWorker({
    apiUrl: loopbackUrl(workerApiUrl),
    issueKey: () =>
      c.services.workerRegistry.issueLocalWorkerKey({
        workerId,
        workerName: `local@${hostname()}`.slice(0, 100),
      }),
    workDir: c.config.workDir,
    // eslint-disable-next-line no-restricted-syntax -- the child is configured like this process
    env: process.env,
    print,
    onQueued: (wake) => c.events.onQueued(wake),
  });
  worker.start();
  c.services.alerts.workerStartup({ worker_id: workerId, gpu_info: null, recovered_jobs: 0 });
  return {
    async stop() {
      await worker.stop();
      c.services.alerts.workerShutdown({ worker_id: workerId, jobs_reset: 0 });
    },
  };
}
