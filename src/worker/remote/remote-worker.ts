import os from 'node:os';
import path from 'node:path';
import type { Config } from '../../config/load-config.js';
import { codeVersionResolver } from '../../config/code-version.js';
import type { Heartbeat, HeartbeatAnswer } from '../../contracts/worker-api/worker-identity.contract.js';
import type { ExecFn } from '../../media/hwaccel.js';
import { hwEncodingFrom } from '../hw-encoding.js';
import type { JobRunner, JobRunners } from '../job-runners.js';
import { createWorkerLoop } from '../local-worker.js';
import type { ClaimedWork, WorkerProtocol } from '../worker-protocol.js';
import { createApiJobRunners } from './api-job-runners.js';
import { createServerSettings } from './server-settings.js';
import { longPoll } from './long-poll.js';
import { createWorkerApiClient, type WorkerApiClient } from './worker-api-client.js';

/** Where this worker runs (api-worker.md §10.1), from what the platform sets, not from VLOG_* config. */
function deploymentType(env: NodeJS.ProcessEnv): string {
  if (env.KUBERNETES_SERVICE_HOST) return 'kubernetes';
  if (env.INVOCATION_ID) return 'systemd';
  return 'manual';
}

/** Reports job progress on stdout as it goes: one line per step change or 10 % (the job already throttles). */
function printingProgress(protocol: WorkerProtocol, print: (line: string) => void): WorkerProtocol {
  const last = new Map<number, { step: string; decile: number }>();
  return {
    ...protocol,
    workerId: protocol.workerId,
    async progress(work, report) {
      await protocol.progress(work, report);
      const decile = Math.floor(report.percent / 10);
      const prev = last.get(work.jobId);
      if (!prev || prev.step !== report.step || prev.decile !== decile) {
        last.set(work.jobId, { step: report.step, decile });
        print(`job ${work.jobId} (${work.slug}): ${report.step} ${report.percent.toFixed(0)} %`);
      }
    },
  };
}

/**
 * `vlog worker` on another machine: needs only VLOG_WORKER_API_URL and VLOG_WORKER_API_KEY. Heartbeats
 * (busy/idle) keep it online and bring its commands; the job loop claims over HTTP and runs the same job
 * code as the server's own worker; when the server is away every call retries with backoff, so a server
 * restart mid-job costs nothing. stop() (SIGTERM) gives the running job back before exiting.
 */
export async function startRemoteWorker(
  config: Config,
  print: (line: string) => void,
  /** probeExec runs the GPU probes (nvidia-smi, vainfo, ffmpeg); tests inject what they answer. */
  opts: { probeExec?: ExecFn } = {},
) {
  if (!config.workerApiKey) throw new Error('VLOG_WORKER_API_KEY is required for a remote worker');
  // Detected before the first heartbeat, which reports what this machine can encode with.
  const hardware = hwEncodingFrom(config, { exec: opts.probeExec, log: print });
  await hardware.detect();
  const workDir = config.workerWorkDir || path.join(os.tmpdir(), 'vlog-worker');
  const client: WorkerApiClient = createWorkerApiClient({
    baseUrl: config.workerApiUrl,
    apiKey: config.workerApiKey,
    retryForMs: 300_000,
    onRetry: ({ path: p, attempt, error }) => {
      if (attempt === 1 || attempt % 5 === 0) print(`worker API unreachable (${p}): ${error}; retrying`);
    },
  });
  const codeVersion = await codeVersionResolver(config.codeVersion)();
  // eslint-disable-next-line no-restricted-syntax -- platform facts (Kubernetes, systemd), not VLog settings
  const deployment = deploymentType(process.env);
  let busy = false;
  let acks: NonNullable<Heartbeat['acknowledged_commands']> = [];
  let exitRequested: string | null = null;

  const heartbeat = async (): Promise<HeartbeatAnswer> => {
    const sent = acks;
    const r = await client.json<HeartbeatAnswer>('/api/worker/heartbeat', {
      method: 'POST',
      timeoutMs: 15_000,
      json: {
        status: busy ? 'busy' : 'idle',
        code_version: codeVersion.slice(0, 40),
        metadata: {
          deployment_type: deployment,
          capabilities: { ...hardware.capabilities(), code_version: codeVersion.slice(0, 64) },
        },
        ...(sent.length > 0 ? { acknowledged_commands: sent } : {}),
      },
    });
    acks = acks.filter((a) => !sent.includes(a));
    for (const cmd of r.commands) {
      if (['stop', 'restart', 'update'].includes(cmd.command)) {
        print(`command ${cmd.command} received: exiting after the current job`);
        exitRequested ??= cmd.command;
        acks.push({ id: cmd.id, status: 'completed' });
      } else {
        acks.push({ id: cmd.id, status: 'failed', error: `unknown command ${cmd.command}` });
      }
    }
    if (!r.version_ok) {
      print(`version mismatch: server requires ${r.required_version}, this worker is ${codeVersion}`);
      exitRequested ??= 'version';
    }
    return r;
  };

  // The first heartbeat says who we are; retried (with backoff) until the server answers.
  const hello = await heartbeat();
  print(
    `worker ${hello.worker_name ?? hello.worker_id} (${hello.worker_id}) connected to ${config.workerApiUrl}`,
  );
  // Poll and heartbeat intervals, segment duration…: the server's settings (asked again with each heartbeat).
  const server = createServerSettings(client, config);
  await server.refresh();

  /** Busy while a job of any kind runs (heartbeat status); no new claims once asked to exit. */
  const tracked = <W>(runner: JobRunner<W>, onClaim?: (work: W) => void): JobRunner<W> => ({
    ...runner,
    claim: async () => {
      if (exitRequested) return null;
      const work = await runner.claim();
      busy = work !== null;
      if (work !== null) onClaim?.(work);
      return work;
    },
    run: async (work, ctx) => {
      try {
        return await runner.run(work, ctx);
      } finally {
        busy = false;
      }
    },
  });
  const api = createApiJobRunners({
    client,
    workerId: hello.worker_id,
    config,
    hardware,
    decorate: (protocol) => printingProgress(protocol, print),
    serverSettings: server,
  });
  const runners: JobRunners = {
    transcode: tracked(api.transcode, (work: ClaimedWork) => {
      const kept = Object.entries(work.checkpoint.renditions);
      if (kept.length === 0) return;
      const counts = kept.map(([name, r]) => `${name} ${r.segments}`).join(', ');
      print(`job ${work.jobId}: resuming after the published segments (${counts})`);
    }),
    reencode: tracked(api.reencode),
    sprite: tracked(api.sprite),
    transcription: tracked(api.transcription),
  };
  const loop = createWorkerLoop({
    runners,
    logger: {
      info: (obj, msg) => print(`${msg} ${JSON.stringify(obj)}`),
      error: (obj, msg) => print(`ERROR ${msg} ${String((obj as { err?: unknown }).err ?? '')}`),
    },
    workDir,
    get pollIntervalMs() {
      return server.current['workers.poll_interval'] * 1000;
    },
    waitForWork: longPoll(client),
  });

  let resolveExit: (reason: string) => void = () => undefined;
  const exited = new Promise<string>((resolve) => (resolveExit = resolve));
  let beating = false; // a heartbeat retrying while the server is away must not pile up behind it
  let beat: NodeJS.Timeout | undefined;
  // Re-armed after each beat: the interval is a setting that may change while the worker runs.
  const scheduleBeat = (): void => {
    beat = setTimeout(() => {
      scheduleBeat();
      if (beating) return;
      beating = true;
      heartbeat()
        .then(() => {
          if (exitRequested && !busy) resolveExit(exitRequested);
        })
        .then(() => server.refresh())
        .catch((err: unknown) => print(`heartbeat failed: ${String(err)}`))
        .finally(() => (beating = false));
    }, server.current['workers.heartbeat_interval'] * 1000);
  };
  scheduleBeat();
  loop.start();
  // Started by `vlog serve` as its local worker: woken over the IPC channel when work is queued.
  const onMessage = (message: unknown) => {
    if ((message as { type?: unknown } | null)?.type === 'wake') loop.wake();
  };
  process.on('message', onMessage);
  print(`waiting for jobs (work dir ${workDir})`);

  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      clearTimeout(beat);
      process.off('message', onMessage);
      await loop.stop();
      busy = false;
      // Acknowledges commands and says "idle" one last time; the server may be away.
      await heartbeat().catch(() => undefined);
    })());
  return {
    workerId: hello.worker_id,
    stop,
    /** Resolves when a command (stop/restart/update) or a version mismatch asked this worker to exit. */
    exited,
  };
}
