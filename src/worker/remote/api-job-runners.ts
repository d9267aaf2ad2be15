import type { Config } from '../../config/load-config.js';
import { disabledRunner, type JobRunners } from '../job-runners.js';
import { hwEncodingFrom, type HwEncoding } from '../hw-encoding.js';
import { createReencodeRunner } from '../reencode.runner.js';
import { createSpriteRunner, spriteSettingsFrom } from '../sprite.runner.js';
import { transcodeSettingsFrom } from '../transcode.job.js';
import { createTranscodeRunner } from '../transcode.runner.js';
import type { WorkerProtocol } from '../worker-protocol.js';
import { createHttpProtocol } from './http-protocol.js';
import { createHttpReencodeJobs } from './http-reencode-jobs.js';
import { createHttpSpriteJobs } from './http-sprite-jobs.js';
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
}): JobRunners {
  const { client, config } = deps;
  const http = createHttpProtocol({ client, workerId: deps.workerId });
  const protocol = deps.decorate ? deps.decorate(http) : http;
  const settings = transcodeSettingsFrom(config);
  const hardware = deps.hardware ?? hwEncodingFrom(config);
  return {
    transcode: createTranscodeRunner(protocol, { ...settings, hardware }),
    reencode: createReencodeRunner({
      ...createHttpReencodeJobs(client),
      settings: { ...settings, hardware },
    }),
    sprite: config.spriteSheetEnabled
      ? createSpriteRunner({ ...createHttpSpriteJobs(client), settings: spriteSettingsFrom(config) })
      : disabledRunner('sprite'),
  };
}
