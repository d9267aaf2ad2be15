import { EventEmitter } from 'node:events';

/** Payloads of the reference's worker webhooks (pipeline.md §webhooks). */
export interface WorkerRegisteredEvent {
  worker_id: string;
  worker_name: string | null;
  worker_type: string | null;
  registered_at: string;
  capabilities: Record<string, unknown> | null;
}

export interface WorkerOfflineEvent {
  worker_id: string;
  worker_name: string | null;
  worker_type: string | null;
  last_heartbeat: string | null;
  registered_at: string;
}

interface WorkerEventMap {
  'worker.registered': WorkerRegisteredEvent;
  'worker.offline': WorkerOfflineEvent;
}
export type WorkerEventName = keyof WorkerEventMap;

/**
 * In-process worker lifecycle events, named like the webhook events they become: `vlog serve` records
 * each as webhook deliveries (src/domain/webhooks/webhook-trigger.ts).
 * Each event is emitted once per change, also with several API replicas, because the change is a
 * conditional UPDATE that only one replica wins.
 */
export class WorkerEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  emit<K extends WorkerEventName>(name: K, payload: WorkerEventMap[K]): void {
    this.emitter.emit(name, payload);
  }

  on<K extends WorkerEventName>(name: K, listener: (payload: WorkerEventMap[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
