import {
  WORKER_SETTING_KEYS,
  type WorkerSettings,
  type WorkerSettingsAnswer,
} from '../../contracts/worker-settings.js';
import {
  CATALOGUE_ENTRIES,
  catalogueEntry,
  isCatalogued,
  type SettingKey,
  type SettingValue,
} from './settings-catalogue.js';
import { resolveFallbacks, type EnvironmentLayer, type SettingSource } from './settings-environment.js';
import { parseStoredValue } from './settings.mapper.js';
import type { SettingRow, SettingsRepository } from './settings.repository.js';
import { validationProblem } from './settings-validation.js';

/** A safety net only: changes arrive at once by notification (NOTIFY across processes). */
export const SETTINGS_TTL_SECONDS = 60;
const RETRY_AFTER_ERROR_MS = 5_000;

type Listener = (value: unknown, previous: unknown) => void;

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The settings every feature reads (pipeline.md §20): `get(key)` answers from memory, database value
 * first, then the environment, then the catalogue default. The snapshot of the table is reloaded after
 * every write here, when another process says it wrote (the relay in src/server), and at the latest
 * SETTINGS_TTL_SECONDS after the last load. Subscribers hear of each change of a key's effective value.
 */
export function createSettingsService(deps: {
  repository: Pick<SettingsRepository, 'listAll'>;
  environment: EnvironmentLayer;
  log?: (message: string) => void;
}) {
  const fallbacks = resolveFallbacks(deps.environment);
  const log = deps.log ?? (() => undefined);
  for (const [key, f] of fallbacks)
    if (f.problem) log(`setting ${key}: ${f.variable} ${f.problem}; using the default`);

  let rows = new Map<string, SettingRow>();
  let stored = new Map<SettingKey, unknown>(); // valid database values of catalogued keys
  let loadedAt: number | null = null;
  let nextAttemptAt = 0;
  let running: Promise<void> | null = null;
  let again = false;
  const listeners = new Map<SettingKey, Set<Listener>>();
  const writeListeners = new Set<() => void>();

  const effective = (key: SettingKey): unknown =>
    stored.has(key) ? stored.get(key) : fallbacks.get(key)?.value;

  function validStored(all: SettingRow[]): Map<SettingKey, unknown> {
    const out = new Map<SettingKey, unknown>();
    for (const row of all) {
      if (!isCatalogued(row.key)) continue;
      const entry = catalogueEntry(row.key);
      const value = parseStoredValue(row.value);
      const problem = validationProblem(value, entry.type, entry.constraints);
      // A row edited by hand into something unusable must not reach the code that reads it.
      if (problem) log(`setting ${row.key}: stored value ${problem}; ignored`);
      else out.set(row.key, value);
    }
    return out;
  }

  async function loadOnce(): Promise<void> {
    let all: SettingRow[];
    try {
      all = await deps.repository.listAll();
    } catch (err) {
      // Keep the stale snapshot (or none): reads go on with the last known values.
      nextAttemptAt = Date.now() + RETRY_AFTER_ERROR_MS;
      log(`settings: cannot load from the database (${String(err)})`);
      return;
    }
    const before = new Map(CATALOGUE_ENTRIES.map((e) => [e.key, effective(e.key)]));
    rows = new Map(all.map((r) => [r.key, r]));
    stored = validStored(all);
    loadedAt = Date.now();
    for (const [key, previous] of before) {
      const value = effective(key);
      if (same(value, previous)) continue;
      for (const cb of listeners.get(key) ?? []) {
        try {
          cb(value, previous);
        } catch (err) {
          log(`settings: a listener of ${key} failed (${String(err)})`);
        }
      }
    }
  }

  /** One load at a time; a reload asked for meanwhile runs after it (its write may have missed it). */
  function refresh(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await loadOnce();
      } while (again);
    })().finally(() => (running = null));
    return running;
  }

  function isFresh(): boolean {
    return loadedAt !== null && Date.now() - loadedAt < SETTINGS_TTL_SECONDS * 1000;
  }

  return {
    /** The effective value: database, else environment, else default. Never waits. */
    get<K extends SettingKey>(key: K): SettingValue<K> {
      if (!isFresh() && !running && Date.now() >= nextAttemptAt) void refresh();
      return effective(key) as SettingValue<K>;
    },

    /** The effective value of the snapshot as it is, without starting a reload (values fixed at start-up). */
    current<K extends SettingKey>(key: K): SettingValue<K> {
      return effective(key) as SettingValue<K>;
    },

    /** Where the effective value comes from. */
    source(key: SettingKey): SettingSource {
      return stored.has(key) ? 'database' : (fallbacks.get(key)?.source ?? 'default');
    },

    /** The value below the database (environment or default), for seeding from the environment. */
    fallback(key: SettingKey) {
      const f = fallbacks.get(key);
      if (!f) throw new Error(`Unknown setting ${key}`);
      return f;
    },

    /** Runs `cb` whenever the key's effective value changes (here or in another process). */
    onChange<K extends SettingKey>(
      key: K,
      cb: (value: SettingValue<K>, previous: SettingValue<K>) => void,
    ): () => void {
      const set = listeners.get(key) ?? new Set<Listener>();
      listeners.set(key, set);
      const listener = cb as Listener;
      set.add(listener);
      return () => set.delete(listener);
    },

    /** Resolves once the table was read (or could not be): serving starts with the stored values. */
    async ready(): Promise<void> {
      if (loadedAt === null) await refresh();
    },

    /** Reloads now (another process wrote, or the admin asked). */
    refresh,

    /** After a write in this process: reload, then tell the other processes (onWrite). */
    async written(): Promise<void> {
      await refresh();
      for (const cb of writeListeners) cb();
    },

    /** Runs `cb` after each write here (the relay sends it to the other processes). */
    onWrite(cb: () => void): () => void {
      writeListeners.add(cb);
      return () => writeListeners.delete(cb);
    },

    /** What workers apply (they have no database): GET /api/worker/settings. */
    forWorkers(): WorkerSettingsAnswer {
      const settings = Object.fromEntries(WORKER_SETTING_KEYS.map((k) => [k, effective(k)]));
      return {
        settings: settings as unknown as WorkerSettings,
        from_database: WORKER_SETTING_KEYS.filter((k) => stored.has(k)),
      };
    },

    cacheStats() {
      return {
        loaded: loadedAt !== null,
        entry_count: rows.size,
        ttl_seconds: SETTINGS_TTL_SECONDS,
        age_seconds: loadedAt === null ? null : (Date.now() - loadedAt) / 1000,
        is_valid: isFresh(),
      };
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
