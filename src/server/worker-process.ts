import type { Config } from '../config/load-config.js';
import { resolveSecret } from '../config/secrets.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createContainer } from './container.js';

/** `vlog worker`: the transcoding worker alone, sharing the PostgreSQL database with the server. */
export async function startWorkerProcess(config: Config, print: (line: string) => void) {
  if (!config.databaseUrl)
    throw new Error(
      '`vlog worker` needs VLOG_DATABASE_URL (PostgreSQL); with the embedded database, `vlog serve` runs the worker.',
    );
  const secret = await resolveSecret({
    configured: config.adminApiSecret,
    dataDir: config.dataDir,
    name: 'admin-api',
  });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 3,
  });
  await migrate(database.db);
  const c = createContainer(config, database, { adminApiSecret: secret.value });
  await c.layout.ensureDirs();
  const logger = {
    info: (obj: object, msg: string) => print(`${msg} ${JSON.stringify(obj)}`),
    error: (obj: object, msg: string) =>
      print(`ERROR ${msg} ${String((obj as { err?: unknown }).err ?? '')}`),
  };
  const worker = c.createLocalWorker(logger);
  worker.start();
  print('worker started; waiting for jobs');
  return {
    async stop() {
      await worker.stop();
      await database.close();
    },
  };
}
