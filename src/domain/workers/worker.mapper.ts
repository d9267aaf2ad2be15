import type { Worker } from '../../db/database.types.js';

/** Pure mapping of worker rows to API shapes (api-worker.md §6, api-admin.md §11). */

export type Json = Record<string, unknown>;
export type EffectiveStatus = 'active' | 'idle' | 'offline' | 'disabled';

export const iso = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

/** The workers.metadata / capabilities text columns as objects; anything unreadable is null. */
export function parseJsonObject(text: string | null | undefined): Json | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
  } catch {
    return null;
  }
}

/** Capabilities live in metadata.capabilities (heartbeats), the capabilities column
 * (registration) or flat in metadata (older workers) — in that order. */
export function capabilitiesOf(worker: Pick<Worker, 'metadata' | 'capabilities'>): Json {
  const metadata = parseJsonObject(worker.metadata) ?? {};
  const nested = metadata.capabilities;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) return nested as Json;
  return parseJsonObject(worker.capabilities) ?? metadata;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function codeVersionOf(worker: Pick<Worker, 'metadata' | 'capabilities'>): string | null {
  return str(parseJsonObject(worker.metadata)?.code_version) ?? str(capabilitiesOf(worker).code_version);
}

export function hardwareOf(worker: Pick<Worker, 'metadata' | 'capabilities'>) {
  const caps = capabilitiesOf(worker);
  return {
    hwaccel_enabled: caps.hwaccel_enabled === true,
    hwaccel_type: str(caps.hwaccel_type),
    gpu_name: str(caps.gpu_name),
  };
}

/**
 * Admin view of a worker's state: disabled wins; no heartbeat within the offline threshold (or
 * marked offline by the sweep) is offline; otherwise active with a job, idle without.
 */
export function effectiveStatus(input: {
  status: string | null;
  heartbeatAgeSeconds: number | null;
  offlineThresholdSeconds: number;
  hasJob: boolean;
}): EffectiveStatus {
  if (input.status === 'disabled') return 'disabled';
  if (
    input.status === 'offline' ||
    input.heartbeatAgeSeconds === null ||
    input.heartbeatAgeSeconds > input.offlineThresholdSeconds
  )
    return 'offline';
  return input.hasJob ? 'active' : 'idle';
}

/** Worker API status: the stored one, except that a stale non-disabled worker shows offline. */
export function reportedStatus(
  status: string | null,
  heartbeatAgeSeconds: number | null,
  thresholdSeconds: number,
): string {
  if (status === 'disabled') return 'disabled';
  if (heartbeatAgeSeconds === null || heartbeatAgeSeconds > thresholdSeconds) return 'offline';
  return status ?? 'active';
}

export function toWorkerEventPayload(worker: Worker) {
  return {
    worker_id: worker.worker_id,
    worker_name: worker.worker_name,
    worker_type: worker.worker_type,
    last_heartbeat: iso(worker.last_heartbeat),
    registered_at: iso(worker.registered_at) ?? '',
  };
}
