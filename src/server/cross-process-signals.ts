import { createNotifyRelay, type RelayBinding } from '../db/notify-relay.js';
import type { SettingsService } from '../domain/settings/settings.service.js';
import type { Container } from './container.js';
import { queuedEventsBinding } from './queued-events-relay.js';

/**
 * Settings written by another process (pipeline.md §20): each write here is signalled, each signal from
 * elsewhere reloads the snapshot (its subscribers hear of what changed), and so does every (re)connection,
 * since what was signalled while the connection was down is lost.
 */
export function settingsBinding(settings: SettingsService): RelayBinding {
  return {
    channel: 'vlog_settings_changed',
    onNotify: () => void settings.refresh(),
    attach: (send) => settings.onWrite(() => send()),
    onListening: () => void settings.refresh(),
  };
}

/**
 * The signals one server process exchanges with the others on its PostgreSQL database, on one LISTEN
 * connection: work queued (the long poll of waiting workers) and settings changed. None on PGlite: one
 * process owns the embedded database, so its own events say everything.
 */
export function startCrossProcessSignals(c: Container, log?: (message: string) => void) {
  if (!c.config.databaseUrl) return null;
  return createNotifyRelay({
    databaseUrl: c.config.databaseUrl,
    bindings: [queuedEventsBinding(c.events), settingsBinding(c.services.settings)],
    log,
  });
}
