// Free local ports and the environment that puts `vlog serve` on them, for everything that starts the
// real server as a process: test/helpers/server-process.ts, owned-postgres.ts and the benchmarks in bench/.
// No vitest here, so bench scripts can import it.
import { createServer } from 'node:net';

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** The three listening ports of `vlog serve`. */
export interface ServePorts {
  public: number;
  admin: number;
  worker: number;
}

export async function freeServePorts(): Promise<ServePorts> {
  return { public: await freePort(), admin: await freePort(), worker: await freePort() };
}

/**
 * The VLOG_* variables for `vlog serve` on `ports` with its data (and embedded PGlite database) in
 * `dataDir`, logging warnings only; `extra` is added last and wins.
 */
export function serveEnv(
  dataDir: string,
  ports: ServePorts,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    VLOG_DATA_DIR: dataDir,
    VLOG_DATABASE_URL: '',
    VLOG_PUBLIC_PORT: String(ports.public),
    VLOG_ADMIN_PORT: String(ports.admin),
    VLOG_WORKER_API_PORT: String(ports.worker),
    VLOG_LOG_LEVEL: 'warn',
    // No transcription after each transcode (it would run beside the next measurement or test step).
    VLOG_TRANSCRIPTION_ON_UPLOAD: 'false',
    ...extra,
  };
}
