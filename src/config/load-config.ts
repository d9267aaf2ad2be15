import path from 'node:path';
import { ConfigValueError } from './env-parsers.js';
import { configSchema, type ConfigSchema } from './config.schema.js';

type RawConfig = { -readonly [K in keyof ConfigSchema]: ReturnType<ConfigSchema[K]['parse']> };

/** The validated, frozen configuration. Derived paths are resolved to absolute paths. */
export interface Config extends Readonly<RawConfig> {
  readonly storageRoot: string;
  readonly videosDir: string;
  readonly uploadsDir: string;
  readonly archiveDir: string;
  readonly workDir: string;
  /**
   * Every VLOG_* variable that was set, as text: the environment layer of the DB-backed settings
   * (pipeline.md §20), whose fallbacks include variables this schema does not own. Secrets left out.
   */
  readonly env: Readonly<Record<string, string>>;
}

/** Variables never handed on as settings fallbacks: credentials. */
const SECRET_VARIABLE = /SECRET|API_KEY|PASSWORD|DATABASE_URL/;

function settingsEnvironment(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env))
    if (name.startsWith('VLOG_') && value && !SECRET_VARIABLE.test(name)) out[name] = value;
  return Object.freeze(out);
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads every VLOG_* variable once; throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const raw: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(configSchema)) {
    const value = env[spec.env];
    if (value === undefined || value === '') {
      raw[key] = spec.default;
      continue;
    }
    try {
      raw[key] = (spec.parse as (s: string) => unknown)(value);
    } catch (err) {
      const reason = err instanceof ConfigValueError ? err.message : String(err);
      problems.push(`${spec.env}: ${reason}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const c = raw as RawConfig;
  const dataDir = path.resolve(c.dataDir);
  const storageRoot = path.resolve(c.storagePath || path.join(dataDir, 'storage'));
  return Object.freeze({
    ...c,
    dataDir,
    adminApiUrl: c.adminApiUrl || `http://localhost:${c.adminPort}`,
    storageRoot,
    videosDir: path.join(storageRoot, c.videosSubdir),
    uploadsDir: path.join(storageRoot, c.uploadsSubdir),
    archiveDir: path.join(storageRoot, c.archiveSubdir),
    workDir: path.resolve(c.workerWorkDir || path.join(dataDir, 'work')),
    env: settingsEnvironment(env),
  });
}
