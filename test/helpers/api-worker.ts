import { createWorkerLoop, type WorkerLogger, type WorkerLoop } from '../../src/worker/local-worker.js';
import { createApiJobRunners } from '../../src/worker/remote/api-job-runners.js';
import { longPoll } from '../../src/worker/remote/long-poll.js';
import { createWorkerApiClient } from '../../src/worker/remote/worker-api-client.js';
import type { TestApp } from './test-app.js';

const silent = { info: () => undefined, error: () => undefined };

/** A worker of the test app, running in the test process but talking to it only over the worker API. */
export interface ApiWorker extends WorkerLoop {
  /** The registered worker's UUID (transcoding_jobs.worker_id of its jobs). */
  workerId: string;
  /** Its API key: a worker started again with it is the same worker (it reclaims its own job). */
  apiKey: string;
}

/** The worker app listening on a free loopback port (once per test app); its base URL. */
async function workerApiUrl(t: TestApp): Promise<string> {
  if (!t.workerApp.server.listening) await t.workerApp.listen({ port: 0, host: '127.0.0.1' });
  const address = t.workerApp.server.address();
  if (typeof address !== 'object' || !address) throw new Error('worker app has no address');
  return `http://127.0.0.1:${address.port}`;
}

/**
 * Starts a worker on the distributed path every job takes (STYLE.md point 4): registered with its own
 * key, claiming, downloading, uploading and completing over HTTP with the same runners as `vlog worker`.
 * `identity` restarts an earlier worker (same key and id). Like `vlog worker` it waits for work on the
 * worker API's long poll, so it claims the moment work is queued.
 */
export async function startApiWorker(
  t: TestApp,
  identity?: Pick<ApiWorker, 'workerId' | 'apiKey'>,
  /** Where the loop logs each job's claim and outcome (silent by default). */
  logger: WorkerLogger = silent,
): Promise<ApiWorker> {
  const baseUrl = await workerApiUrl(t);
  const { worker_id: workerId, api_key: apiKey } = identity
    ? { worker_id: identity.workerId, api_key: identity.apiKey }
    : await t.container.services.workerRegistry.register({ workerName: 'test-worker', workerType: 'remote' });
  const client = createWorkerApiClient({ baseUrl, apiKey, retryForMs: 5_000 });
  const loop = createWorkerLoop({
    runners: createApiJobRunners({ client, workerId, config: t.config }),
    workDir: t.config.workDir,
    pollIntervalMs: t.config.workerPollInterval * 1000,
    logger,
    waitForWork: longPoll(client),
  });
  loop.start();
  return Object.assign(loop, { workerId, apiKey });
}
