import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CliError } from '../admin-client.js';

/** `vlog worker <subcommand>`; a bare `vlog worker` runs the transcoding worker instead. */
export const WORKER_SUBCOMMANDS = ['register', 'list', 'status', 'revoke'] as const;

export const WORKER_USAGE = `Usage: vlog worker register --name NAME [--type remote|local] [--json]
       vlog worker list | status
       vlog worker revoke WORKER_ID
(The worker API's management endpoints, authenticated with VLOG_WORKER_ADMIN_SECRET or the
secret \`vlog serve\` generated in <data dir>/worker-admin.secret.)`;

export function isWorkerSubcommand(arg: string | undefined): boolean {
  return (WORKER_SUBCOMMANDS as readonly string[]).includes(arg ?? '');
}

/** VLOG_WORKER_ADMIN_SECRET, else the secret the server generated in the data dir. Never creates one. */
export async function workerAdminSecret(config: { workerAdminSecret: string; dataDir: string }) {
  if (config.workerAdminSecret) return config.workerAdminSecret;
  const file = path.join(config.dataDir, 'worker-admin.secret');
  const stored = await readFile(file, 'utf8').then(
    (s) => s.trim(),
    () => '',
  );
  if (stored) return stored;
  throw new CliError(
    `No worker admin secret. Set VLOG_WORKER_ADMIN_SECRET to the worker API's secret (or run this on the server, where \`vlog serve\` stores it in ${file}).`,
  );
}

export interface WorkerApiOptions {
  /** Worker API base URL (VLOG_WORKER_API_URL). */
  baseUrl: string;
  secret: string;
  timeoutMs: number;
}

async function call(options: WorkerApiOptions, method: 'GET' | 'POST', route: string, body?: unknown) {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/api${route}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        'X-Admin-Secret': options.secret,
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (err) {
    throw new CliError(`Cannot reach the worker API at ${url}: ${(err as Error).message}`);
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  if (res.status === 401 || res.status === 403)
    throw new CliError('Access refused: set VLOG_WORKER_ADMIN_SECRET to the worker API admin secret.');
  if (!res.ok) {
    const detail = (json as { detail?: unknown } | null)?.detail;
    throw new CliError(
      `API error (${res.status}): ${typeof detail === 'string' ? detail : text.slice(0, 200)}`,
    );
  }
  return json;
}

interface WorkerRow {
  worker_id: string;
  worker_name: string | null;
  worker_type: string | null;
  status: string;
  last_heartbeat: string | null;
  current_video_slug: string | null;
}
interface WorkerList {
  workers: WorkerRow[];
  total_count: number;
  active_count: number;
  offline_count: number;
}

const pad = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 2)}..` : s.padEnd(n));

async function register(args: string[], options: WorkerApiOptions, print: (s: string) => void) {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string', short: 'n' },
      type: { type: 'string', short: 't', default: 'remote' },
      json: { type: 'boolean' },
    },
  });
  if (values.type !== 'remote' && values.type !== 'local')
    throw new CliError('--type must be remote or local');
  const r = (await call(options, 'POST', '/worker/register', {
    worker_type: values.type,
    ...(values.name ? { worker_name: values.name } : {}),
  })) as { worker_id: string; api_key: string };
  if (values.json) {
    print(`{"worker_id": ${JSON.stringify(r.worker_id)}, "api_key": ${JSON.stringify(r.api_key)}}`);
    return;
  }
  print('Worker registered.');
  print(`  Worker ID: ${r.worker_id}`);
  print(`  API key:   ${r.api_key}`);
  print("\nStore the API key securely - it won't be shown again. On the worker:");
  print(`  export VLOG_WORKER_API_KEY=${r.api_key}`);
}

async function list(options: WorkerApiOptions, print: (s: string) => void, detail: 'table' | 'status') {
  const r = (await call(options, 'GET', '/workers')) as WorkerList;
  if (detail === 'status') {
    print(`Workers: ${r.total_count} total, ${r.active_count} active, ${r.offline_count} offline`);
    for (const w of r.workers.filter((x) => x.status !== 'offline' && x.status !== 'disabled'))
      print(
        `  ${w.worker_name ?? w.worker_id}: ${w.current_video_slug ? `processing ${w.current_video_slug}` : 'idle'}`,
      );
    return;
  }
  print(`Workers: ${r.active_count} active, ${r.offline_count} offline`);
  print(
    `${pad('ID', 12)} ${pad('Name', 24)} ${pad('Type', 7)} ${pad('Status', 9)} ${pad('Last Heartbeat', 20)} Current Job`,
  );
  for (const w of r.workers)
    print(
      `${pad(`${w.worker_id.slice(0, 8)}…`, 12)} ${pad(w.worker_name ?? '-', 24)} ${pad(w.worker_type ?? '-', 7)} ${pad(w.status, 9)} ${pad(w.last_heartbeat?.slice(0, 19).replace('T', ' ') ?? '-', 20)} ${w.current_video_slug ?? '-'}`,
    );
}

/** Runs `vlog worker register|list|status|revoke` against the worker API. */
export async function workerCommand(argv: string[], options: WorkerApiOptions, print: (s: string) => void) {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'register':
      return register(rest, options, print);
    case 'list':
      return list(options, print, 'table');
    case 'status':
      return list(options, print, 'status');
    case 'revoke': {
      const id = rest[0];
      if (!id || !/^[0-9a-f-]{8,36}$/i.test(id))
        throw new CliError('Usage: vlog worker revoke WORKER_ID (a UUID)');
      await call(options, 'POST', `/workers/${encodeURIComponent(id)}/revoke`);
      print(`Worker ${id} has been revoked.`);
      return;
    }
    default:
      throw new CliError(WORKER_USAGE);
  }
}
