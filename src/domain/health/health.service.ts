import { randomBytes } from 'node:crypto';
import { access, rm, writeFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.js';
import type { StorageLayout } from '../../storage/storage-layout.js';
import { pingDatabase } from './health.repository.js';

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms).unref()),
  ]);
}

/** Database and storage health (api-public.md §4.1). */
export function createHealthService(deps: {
  db: Kysely<Database>;
  layout: StorageLayout;
  timeoutMs: number;
}) {
  async function storageCheck(): Promise<void> {
    await access(deps.layout.dirs.videosDir);
    const probe = deps.layout.healthProbeFile(randomBytes(6).toString('hex'));
    await writeFile(probe, 'ok');
    await rm(probe, { force: true });
  }

  return {
    async check() {
      const database = await withTimeout(pingDatabase(deps.db), deps.timeoutMs).then(
        () => true,
        () => false,
      );
      let storageError: string | null = null;
      await withTimeout(storageCheck(), deps.timeoutMs).catch((err: Error) => {
        storageError = err.message.includes('timed out')
          ? 'Storage check timed out'
          : 'Storage is not writable';
      });
      const storage = storageError === null;
      return {
        status: database && storage ? ('healthy' as const) : ('unhealthy' as const),
        checks: { database, storage },
        storage: { healthy: storage, last_check: new Date().toISOString(), error: storageError },
      };
    },
  };
}

export type HealthService = ReturnType<typeof createHealthService>;
