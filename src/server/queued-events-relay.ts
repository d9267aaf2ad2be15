import { createNotifyRelay, type RelayBinding } from '../db/notify-relay.js';
import type { JobEvents } from '../domain/queue/job-events.js';

/**
 * "Work queued" across the server processes of one PostgreSQL database (`--role` split, several servers):
 * each local event is sent to the others, each of theirs becomes a local event, so workers waiting in the
 * worker API's long poll hear of an upload taken by another process at once.
 */
export function queuedEventsBinding(events: JobEvents): RelayBinding {
  return {
    channel: 'vlog_work_queued',
    onNotify: () => events.queued('elsewhere'),
    attach: (send) =>
      events.onQueued((origin) => {
        if (origin === 'here') send();
      }),
  };
}

/** The queued events alone on their own relay connection. */
export function relayQueuedEvents(events: JobEvents, databaseUrl: string, log?: (message: string) => void) {
  const relay = createNotifyRelay({ databaseUrl, bindings: [queuedEventsBinding(events)], log });
  return { ready: relay.ready, close: () => relay.close() };
}
