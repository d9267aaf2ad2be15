import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config/load-config.js';
import { PGLITE_TEMPLATE } from '../server/paths.js';
import { stopOnSignals } from '../server/signals.js';
import { CliError, createAdminClient } from './admin-client.js';
import { resolveSecret } from '../config/secrets.js';
import { uploadCommand } from './commands/upload.command.js';
import { categoriesCommand, deleteCommand, listCommand } from './commands/listing.commands.js';
import { isWorkerSubcommand, workerAdminSecret, workerCommand } from './commands/worker.commands.js';

const print = (s: string) => process.stdout.write(`${s}\n`);

const USAGE = `Usage: vlog <command> [options]

  serve [--role public|admin|worker-api] [--no-local-worker]   run the server (all roles by default)
  worker                                  run a worker: transcodes, re-encodes, sprite sheets, transcriptions over
                                          the worker API (VLOG_WORKER_API_URL, VLOG_WORKER_API_KEY)
  worker register --name NAME [--type remote|local] [--json]   create a worker and its API key
  worker list | status | revoke WORKER_ID manage workers (VLOG_WORKER_ADMIN_SECRET)
  db migrate                              apply database migrations
  upload FILE [-t TITLE] [-d DESC] [-c CATEGORY] [--wait]
                                          --wait: follow the transcoding until the video is ready
                                          (exit 1 if it fails; Ctrl-C stops following, not the job)
  list [-s STATUS] [--archived]
  categories [--create NAME] [-d DESC]
  delete VIDEO_ID [--permanent]
  settings list | get KEY | set KEY VALUE runtime settings (VALUE as JSON when it parses, else text)
  settings seed-from-env [-v] | export [FILE] | import FILE [--overwrite]
`;

async function adminClient(config: Config) {
  // The CLI reads the same secret the server generated, when it runs on the same data dir.
  const secret =
    config.adminApiSecret ||
    (await resolveSecret({ configured: '', dataDir: config.dataDir, name: 'admin-api' })).value;
  return createAdminClient({ baseUrl: config.adminApiUrl, secret, timeoutMs: 30_000 });
}

/** `vlog upload FILE [-t] [-d] [-c] [--wait]`. */
async function upload(args: string[], config: Config) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      title: { type: 'string', short: 't' },
      description: { type: 'string', short: 'd' },
      category: { type: 'string', short: 'c' },
      wait: { type: 'boolean' },
    },
  });
  if (!positionals[0]) throw new CliError('Usage: vlog upload FILE [-t TITLE] [--wait]');
  return uploadCommand(
    await adminClient(config),
    {
      file: positionals[0],
      ...values,
      maxUploadSize: config.maxUploadSize,
      timeoutMs: 7200_000,
      // cli-progress draws on stderr.
      tty: process.stderr.isTTY,
    },
    print,
  );
}

// The server, the database and the worker are imported by the commands that need them: a worker
// process (the server's local worker restarted after a crash) starts without loading the server.
async function run(argv: string[], config: Config): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({
        args: rest,
        options: { role: { type: 'string', multiple: true }, 'no-local-worker': { type: 'boolean' } },
      });
      const { ALL_ROLES, startServer } = await import('../server/serve.js');
      const roles = (values.role ?? ALL_ROLES) as typeof ALL_ROLES;
      for (const r of roles)
        if (!ALL_ROLES.includes(r)) throw new CliError(`Unknown role "${r}" (public, admin, worker-api)`);
      const started = Date.now();
      const localWorker =
        config.localWorker && !values['no-local-worker'] && roles.length === ALL_ROLES.length;
      const server = await startServer(config, { roles, localWorker, print });
      print(
        `VLog ready in ${((Date.now() - started) / 1000).toFixed(2)} s${localWorker ? ' (with local transcoding worker)' : ''}`,
      );
      stopOnSignals(server, print);
      return;
    }
    case 'worker': {
      if (rest.length > 0) {
        if (!isWorkerSubcommand(rest[0])) throw new CliError(`Unknown worker command "${rest[0]}"`);
        const secret = await workerAdminSecret(config);
        await workerCommand(rest, { baseUrl: config.workerApiUrl, secret, timeoutMs: 30_000 }, print);
        return;
      }
      if (!config.workerApiKey)
        throw new CliError(
          '`vlog worker` needs VLOG_WORKER_API_KEY (and VLOG_WORKER_API_URL): register one with ' +
            "`vlog worker register --name NAME` against the server's worker API.",
        );
      // HTTP only: no database, no shared storage.
      const { startRemoteWorker } = await import('../worker/remote/remote-worker.js');
      const remote = await startRemoteWorker(config, print);
      stopOnSignals(remote, print);
      // The local worker of `vlog serve` (an IPC channel): its server is gone, so is its reason to run.
      if (process.send) process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
      void remote.exited.then(async (reason) => {
        print(`exiting (${reason})`);
        await remote.stop();
        // The exit-code contract of docs/deploy.md: 0 stays stopped, 75 (EX_TEMPFAIL) is restarted.
        process.exit(reason === 'restart' || reason === 'update' ? 75 : 0);
      });
      return;
    }
    case 'db': {
      if (rest[0] !== 'migrate') throw new CliError('Usage: vlog db migrate');
      const { openDatabase } = await import('../db/database.js');
      const { migrate } = await import('../db/migrate.js');
      const database = await openDatabase({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        preparedStatements: config.databasePreparedStatements,
        pgliteTemplate: PGLITE_TEMPLATE,
      });
      try {
        const { applied } = await migrate(database.db);
        print(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      } finally {
        await database.close();
      }
      return;
    }
    case 'upload':
      // 128 + SIGINT, as a shell reports a Ctrl-C'd command; the job itself runs on.
      if ((await upload(rest, config)) === 'interrupted') process.exitCode = 130;
      return;
    case 'list': {
      const { values } = parseArgs({
        args: rest,
        options: { status: { type: 'string', short: 's' }, archived: { type: 'boolean' } },
      });
      await listCommand(
        await adminClient(config),
        { status: values.status, archived: values.archived ?? false },
        print,
      );
      return;
    }
    case 'categories': {
      const { values } = parseArgs({
        args: rest,
        options: { create: { type: 'string' }, description: { type: 'string', short: 'd' } },
      });
      await categoriesCommand(await adminClient(config), values, print);
      return;
    }
    case 'delete': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { permanent: { type: 'boolean' } },
      });
      const id = Number(positionals[0]);
      if (!Number.isInteger(id) || id <= 0)
        throw new CliError('Usage: vlog delete VIDEO_ID (a positive integer)');
      await deleteCommand(await adminClient(config), { id, permanent: values.permanent ?? false }, print);
      return;
    }
    case 'settings': {
      const { settingsCommand } = await import('./commands/settings.commands.js');
      await settingsCommand(await adminClient(config), rest, print);
      return;
    }
    default:
      process.stdout.write(USAGE);
      if (command && command !== 'help' && command !== '--help') process.exitCode = 2;
  }
}

export async function main(argv: string[]): Promise<void> {
  try {
    await run(argv, loadConfig());
  } catch (err) {
    if (err instanceof ConfigError || err instanceof CliError) {
      process.stderr.write(`Error: ${err.message}\n`);
    } else {
      process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
    }
    process.exit(1);
  }
}
