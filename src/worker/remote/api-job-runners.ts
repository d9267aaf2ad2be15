import type { Config } from '../../config/load-config.js';
import { disabledRunner, type JobRunner, type JobRunners } from '../job-runners.js';
import { hwEncodingFrom, type HwEncoding } from '../hw-encoding.js';
import { createReencodeRunner } from '../reencode.runner.js';
import { createSpriteRunner, spriteSettingsFrom } from '../sprite.runner.js';
import { createTranscodeRunner } from '../transcode.runner.js';
import { createTranscriptionRunner } from '../transcription.runner.js';
import type { WorkerProtocol } from '../worker-protocol.js';
import { createHttpProtocol } from './http-protocol.js';
import { createHttpReencodeJobs } from './http-reencode-jobs.js';
import { createHttpSpriteJobs } from './http-sprite-jobs.js';
import { createHttpTranscriptionJobs } from './http-transcription-jobs.js';
import { createServerSettings, type ServerSettings } from './server-settings.js';
import type { WorkerApiClient } from './worker-api-client.js';

/**
 * Every job kind over the worker API: the same runners as any worker, with the job protocol, the
 * sprite and the re-encode queues reached through `client`. `vlog worker` (remote or the server's own
 * local worker) and the integration tests build their workers from this.
 */
export function createApiJobRunners(deps: {
  client: WorkerApiClient;
  /** The worker's registered UUID (what the server records on its jobs). */
  workerId: string;
  config: Config;
  /** Wraps the transcode protocol (e.g. to print progress). */
  decorate?: (protocol: WorkerProtocol) => WorkerProtocol;
  /** The worker's GPU (detected once); default: from config, detected at the first transcode. */
  hardware?: HwEncoding;
  /** The server's settings (shared with the worker's loop and heartbeat); default: the runners' own. */
  serverSettings?: ServerSettings;
}): JobRunners {
  const { client, config } = deps;
  const http = createHttpProtocol({ client, workerId: deps.workerId });
  const protocol = deps.decorate ? deps.decorate(http) : http;
  const hardware = deps.hardware ?? hwEncodingFrom(config);
  // Segment duration, timeouts, progress interval, DASH: the server's settings, asked for before each job.
  const server = deps.serverSettings ?? createServerSettings(client, config);
  server.transcode.hardware = hardware;
  server.reencode.hardware = hardware;
  return {
    transcode: withFreshSettings(createTranscodeRunner(protocol, server.transcode), server),
    reencode: withFreshSettings(
      createReencodeRunner({ ...createHttpReencodeJobs(client), settings: server.reencode }),
      server,
    ),
    sprite: config.spriteSheetEnabled
      ? createSpriteRunner({ ...createHttpSpriteJobs(client), settings: spriteSettingsFrom(config) })
      : disabledRunner('sprite'),
    transcription: createTranscriptionRunner({
      jobs: createHttpTranscriptionJobs(client),
      settings: { apiKey: config.transcriptionApiKey },
    }),
  };
}

/** The server's settings asked for again before each job runs: a change applies from the next job. */
function withFreshSettings<W>(runner: JobRunner<W>, server: ServerSettings): JobRunner<W> {
  return {
    ...runner,
    run: async (work, ctx) => {
      await server.refresh();
      return runner.run(work, ctx);
    },
  };
}
