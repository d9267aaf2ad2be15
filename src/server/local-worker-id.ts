import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The local worker's identity (the worker row `vlog serve` issues its child's key for): one stable id per
 * data directory (`local-worker.id`), so after a crash or a restart the worker recognises the jobs still
 * claimed under that id as its own and resumes them at once instead of waiting for their leases to expire.
 *
 * Two live servers must never share the id (the second would take the first one's running job), so the
 * id is tied to the process holding `local-worker.lock` (its pid). A process that finds the lock held by
 * another live process gets a fresh id of its own and reclaims nothing. Read once at start-up (sync).
 */
const ID_FILE = 'local-worker.id';
const LOCK_FILE = 'local-worker.lock';
const ID_PATTERN = /^[A-Za-z0-9-]{8,36}$/; // worker_id is varchar(36)

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock for this process unless another live process holds it. */
function acquireLock(file: string): boolean {
  const holder = Number(readText(file));
  if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) return false;
  writeFileSync(file, `${process.pid}\n`);
  // Two processes starting at the same instant: the last writer wins, the other backs off.
  return Number(readText(file)) === process.pid;
}

export function localWorkerIdentity(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const idFile = path.join(dataDir, ID_FILE);
  let id = readText(idFile);
  if (!id || !ID_PATTERN.test(id)) {
    id = randomUUID();
    writeFileSync(idFile, `${id}\n`);
  }
  return acquireLock(path.join(dataDir, LOCK_FILE)) ? id : randomUUID();
}
