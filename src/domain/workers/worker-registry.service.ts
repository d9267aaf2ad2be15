import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Worker } from '../../db/database.types.js';
import { badRequest, forbidden, unauthorized } from '../shared/errors.js';
import { generateApiKey } from './api-key-hash.js';
import type { Acknowledgement } from './deployment-event.repository.js';
import type { WorkerCommandService } from './worker-command.service.js';
import type { WorkerEvents } from './worker-events.js';
import { iso, parseJsonObject, toWorkerEventPayload, type Json } from './worker.mapper.js';
import type { WorkerRepository } from './worker.repository.js';

const MAX_JSON_CHARS = 10_000;

export interface RegisterInput {
  workerName?: string;
  workerType: 'remote' | 'local';
  capabilities?: Json;
  metadata?: Json;
}

export interface HeartbeatInput {
  status: 'active' | 'busy' | 'idle';
  codeVersion?: string;
  /** Merged into the stored metadata; `capabilities`, when present, replaces the stored ones. */
  metadata?: Json;
  acknowledged?: Acknowledgement[];
}

export interface VersionPolicy {
  requireField: boolean;
  requireMatch: boolean;
}

function jsonText(value: Json | undefined, what: 'Capabilities' | 'Metadata'): string | null {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  if (text.length > MAX_JSON_CHARS) throw badRequest(`${what} JSON too large (max 10KB)`);
  return text;
}

/** Worker identity and liveness: registration, heartbeats, the offline sweep (api-worker.md §4, §7). */
export function createWorkerRegistryService(deps: {
  db: Kysely<Database>;
  workers: WorkerRepository;
  commands: WorkerCommandService;
  events: WorkerEvents;
  codeVersion: () => Promise<string>;
  versionPolicy: VersionPolicy;
  options: { offlineThresholdSeconds: number };
}) {
  const { db, workers, commands, events } = deps;

  /** Merges the heartbeat's metadata into the locked row (the reference overwrote it). */
  async function writeHeartbeat(workerPk: number, input: HeartbeatInput): Promise<Worker> {
    return db.transaction().execute(async (trx) => {
      const row = await workers.lockByPk(trx, workerPk);
      if (!row) throw unauthorized('Worker not found');
      let metadata: string | undefined;
      let capabilities: string | undefined;
      if (input.metadata !== undefined || input.codeVersion !== undefined) {
        jsonText(input.metadata, 'Metadata');
        const merged: Json = { ...(parseJsonObject(row.metadata) ?? {}), ...(input.metadata ?? {}) };
        if (input.codeVersion !== undefined) merged.code_version = input.codeVersion;
        metadata = jsonText(merged, 'Metadata') ?? undefined;
        const caps = input.metadata?.capabilities;
        if (caps && typeof caps === 'object') capabilities = JSON.stringify(caps);
      }
      const updated = await workers.recordHeartbeat(trx, {
        id: workerPk,
        status: input.status,
        metadata,
        capabilities,
      });
      if (!updated) throw forbidden('Worker is disabled');
      return updated;
    });
  }

  return {
    /** Creates the worker and its API key; the key is returned here and never again. */
    async register(input: RegisterInput) {
      const capabilities = jsonText(input.capabilities, 'Capabilities');
      const metadata = jsonText(input.metadata, 'Metadata');
      const workerId = randomUUID();
      const key = await generateApiKey();
      const worker = await workers.insertWithKey({
        workerId,
        name: input.workerName?.trim() || `worker-${workerId.slice(0, 8)}`,
        type: input.workerType,
        capabilities,
        metadata,
        key,
      });
      events.emit('worker.registered', {
        worker_id: worker.worker_id,
        worker_name: worker.worker_name,
        worker_type: worker.worker_type,
        registered_at: iso(worker.registered_at) ?? '',
        capabilities: input.capabilities ?? null,
      });
      return {
        worker_id: worker.worker_id,
        api_key: key.key,
        message: "Worker registered successfully. Store the API key securely - it won't be shown again.",
      };
    },

    /**
     * The server's own worker (a child process using the worker API like any remote worker): its row
     * under the stable local id is created when missing (a disabled one stays disabled), its earlier keys
     * are revoked, and a fresh key is returned for the child. Called before each start of the child.
     */
    async issueLocalWorkerKey(input: { workerId: string; workerName: string }): Promise<string> {
      const key = await generateApiKey();
      const existing = await workers.findByUuid(db, input.workerId);
      if (!existing) {
        await workers.insertWithKey({
          workerId: input.workerId,
          name: input.workerName,
          type: 'local',
          capabilities: null,
          metadata: null,
          key,
        });
        return key.key;
      }
      await db.transaction().execute(async (trx) => {
        await workers.revokeKeys(trx, existing.id);
        await workers.insertKey(trx, existing.id, key);
      });
      return key.key;
    },

    /**
     * Why this worker may not claim jobs now (api-worker.md §4.3 step 1: the version gate on the
     * code_version of its last heartbeat), or null when it may.
     */
    async claimRefusal(worker: Worker): Promise<string | null> {
      const version = parseJsonObject(worker.metadata)?.code_version;
      const required = await deps.codeVersion();
      const { requireField, requireMatch } = deps.versionPolicy;
      if (requireField && typeof version !== 'string')
        return 'Version field required: worker must send code_version in heartbeat';
      if (requireMatch && typeof version === 'string' && version !== required)
        return `Version mismatch: worker has ${version}, server requires ${required}`;
      return null;
    },

    async heartbeat(workerPk: number, input: HeartbeatInput) {
      const worker = await writeHeartbeat(workerPk, input);
      const delivered = await commands.exchange({
        workerId: worker.worker_id,
        acknowledged: input.acknowledged ?? [],
        codeVersion: input.codeVersion,
      });
      const required = await deps.codeVersion();
      const { requireField, requireMatch } = deps.versionPolicy;
      const versionOk =
        !(requireField && !input.codeVersion) &&
        !(requireMatch && input.codeVersion !== undefined && input.codeVersion !== required);
      return {
        status: 'ok',
        worker_id: worker.worker_id,
        worker_name: worker.worker_name,
        server_time: new Date().toISOString(),
        required_version: required,
        version_ok: versionOk,
        worker_status: worker.status ?? input.status,
        current_job_id: worker.current_job_id,
        last_heartbeat_recorded: iso(worker.last_heartbeat) ?? new Date().toISOString(),
        commands: delivered,
      };
    },

    /**
     * Marks workers without a recent heartbeat offline and fails commands past their timeout.
     * Their expired job leases are released lazily by the next claim, not here.
     */
    async sweep(): Promise<{ offline: Worker[]; expiredCommands: number }> {
      const offline = await workers.markStaleOffline(deps.options.offlineThresholdSeconds);
      for (const w of offline) events.emit('worker.offline', toWorkerEventPayload(w));
      const expiredCommands = await commands.expire();
      return { offline, expiredCommands };
    },
  };
}

export type WorkerRegistryService = ReturnType<typeof createWorkerRegistryService>;
