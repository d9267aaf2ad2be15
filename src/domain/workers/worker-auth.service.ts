import type { Worker } from '../../db/database.types.js';
import { constantTimeEqual } from '../auth/admin-auth.service.js';
import { forbidden, unauthorized } from '../shared/errors.js';
import { KEY_PREFIX_LENGTH, sha256Hex, verifyApiKey } from './api-key-hash.js';
import type { WorkerRepository } from './worker.repository.js';

/** The authenticated worker of a request. */
export type WorkerPrincipal = Worker & { keyId: number };

const MAX_KEY_LENGTH = 256;
/** last_used_at is written at most this often per key: a heartbeat need not be a write. */
const TOUCH_INTERVAL_SECONDS = 60;

interface CacheEntry {
  keyId: number;
  workerPk: number | null;
  until: number;
}

/**
 * Worker authentication (api-worker.md §2). Argon2 is slow on purpose (~50 ms), so a successful
 * match is remembered briefly, keyed by the key's SHA-256 (never the key itself). The cache only
 * skips the hash: every request still re-reads the key and worker rows by primary key, so a
 * revocation, expiry or disable made by any process applies at once.
 */
export function createWorkerAuthService(deps: {
  workers: WorkerRepository;
  /** VLOG_WORKER_ADMIN_SECRET or the generated one; empty refuses every admin call. */
  adminSecret: string;
  cacheTtlMs?: number;
  cacheSize?: number;
}) {
  const { workers, adminSecret } = deps;
  const ttlMs = deps.cacheTtlMs ?? 60_000;
  const maxEntries = deps.cacheSize ?? 1000;
  const cache = new Map<string, CacheEntry>();

  function cached(digest: string): number | null {
    const entry = cache.get(digest);
    if (!entry) return null;
    cache.delete(digest);
    if (entry.until < Date.now()) return null;
    cache.set(digest, entry); // most recently used last
    return entry.keyId;
  }

  function remember(digest: string, keyId: number, workerPk: number | null): void {
    cache.delete(digest);
    cache.set(digest, { keyId, workerPk, until: Date.now() + ttlMs });
    while (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
  }

  /** Tries every live key with the key's prefix (prefixes may collide). */
  async function match(key: string): Promise<number | null> {
    for (const candidate of await workers.keysByPrefix(key.slice(0, KEY_PREFIX_LENGTH))) {
      if (await verifyApiKey(key, { hash: candidate.key_hash, hashVersion: candidate.hash_version }))
        return candidate.id;
    }
    return null;
  }

  return {
    /** The worker owning `key`, or a 401/403 DomainError with the reference's messages. */
    async authenticate(key: string | undefined): Promise<WorkerPrincipal> {
      if (!key) throw unauthorized('Missing API key. Include X-Worker-API-Key header.');
      if (key.length < KEY_PREFIX_LENGTH || key.length > MAX_KEY_LENGTH)
        throw unauthorized('Invalid API key');
      const digest = sha256Hex(key);
      const keyId = cached(digest) ?? (await match(key));
      if (keyId === null) throw unauthorized('Invalid API key');
      const owner = await workers.keyOwner(keyId, TOUCH_INTERVAL_SECONDS);
      if (!owner || owner.revoked) {
        cache.delete(digest);
        throw unauthorized('Invalid API key');
      }
      if (owner.expired) {
        cache.delete(digest);
        throw unauthorized('API key expired');
      }
      remember(digest, keyId, owner.worker?.id ?? null);
      // Bookkeeping only: never delays or fails the request.
      if (owner.touchDue) void workers.touchKey(keyId).catch(() => undefined);
      if (!owner.worker) throw unauthorized('Worker not found');
      if (owner.worker.status === 'disabled') throw forbidden('Worker is disabled');
      return { ...owner.worker, keyId };
    },

    /** X-Admin-Secret check of the worker management endpoints (constant time). */
    checkAdminSecret(header: string | undefined): void {
      if (header === undefined) throw unauthorized('X-Admin-Secret header required');
      if (!adminSecret || !constantTimeEqual(header, adminSecret)) throw forbidden('Invalid admin secret');
    },

    /** Drops cached verifications of a worker's keys (revoke, disable, delete). */
    forgetWorker(workerPk: number): void {
      for (const [digest, entry] of cache) if (entry.workerPk === workerPk) cache.delete(digest);
    },
  };
}

export type WorkerAuthService = ReturnType<typeof createWorkerAuthService>;
