// GPU encoding on a machine without a GPU (issue 11.5): a worker configured for NVIDIA probes for real,
// finds nothing usable and reports CPU capabilities; a worker whose probe is made to claim NVENC builds the
// NVENC ladder, which fails here, logs it and runs the CPU ladder. Both jobs end ready.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultExec, type ExecFn } from '../../src/media/hwaccel.js';
import { startRemoteWorker } from '../../src/worker/remote/remote-worker.js';
import { createTestApp, uploadClip, type TestApp } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';

/** The real probes, except that nvidia-smi sees an RTX 3080 and the NVENC smoke encodes pass. */
const claimsNvenc: ExecFn = async (binary, args, opts) => {
  if (binary === 'nvidia-smi')
    return args.length > 0
      ? { exitCode: 0, stdout: 'NVIDIA GeForce RTX 3080, 535.104.05\n', stderr: '' }
      : { exitCode: 0, stdout: '| CUDA Version: 12.2 |', stderr: '' };
  if (args.some((a) => a.endsWith('_nvenc'))) return { exitCode: 0, stdout: '', stderr: '' };
  return defaultExec(binary, args, opts);
};

describe.each(DRIVERS)('GPU detection and CPU fallback (%s)', (driver) => {
  let t: TestApp;
  let url: string;

  beforeAll(async () => {
    t = await createTestApp(driver, {
      VLOG_HLS_SEGMENT_DURATION: '1',
      VLOG_HWACCEL_TYPE: 'nvidia',
      // Server and worker each read `git rev-parse HEAD` otherwise: a commit made while the test runs
      // would trip the version gate (claims refused) and hang the job. The gate has its own test.
      VLOG_CODE_VERSION: 'gpu-fallback-test',
    });
    url = await t.workerApp.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A `vlog worker` in this process with its own key; its printed lines. */
  const startWorker = async (probeExec?: ExecFn) => {
    const { api_key } = await t.container.services.workerRegistry.register({
      workerName: 'gpu-worker',
      workerType: 'remote',
    });
    const lines: string[] = [];
    const config = { ...t.config, workerApiUrl: url, workerApiKey: api_key };
    const worker = await startRemoteWorker(config, (l) => lines.push(l), { probeExec });
    return { worker, lines };
  };
  /** The capabilities of the worker's last heartbeat, as stored. */
  const reported = async (workerId: string) => {
    const row = await t.container.db
      .selectFrom('workers')
      .select('metadata')
      .where('worker_id', '=', workerId)
      .executeTakeFirstOrThrow();
    const metadata: unknown = typeof row.metadata === 'string' ? JSON.parse(row.metadata) : row.metadata;
    return (metadata as { capabilities?: object } | null)?.capabilities;
  };
  const finalStatus = (videoId: number) =>
    waitFor(
      async () => {
        const v = await t.container.db
          .selectFrom('videos')
          .select(['status', 'error_message'])
          .where('id', '=', videoId)
          .executeTakeFirstOrThrow();
        return v.status === 'ready' || v.status === 'failed' ? v : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 200, what: `video ${videoId} to finish` },
    );

  it('the real probe finds no GPU: CPU capabilities, CPU ladder, ready', async () => {
    const { worker, lines } = await startWorker();
    try {
      expect(await reported(worker.workerId)).toMatchObject({
        hwaccel_enabled: false,
        hwaccel_type: 'none',
        supported_codecs: expect.arrayContaining(['h264', 'hevc']),
        encoders: { h264: ['libx264'], hevc: ['libx265'] },
        max_concurrent_encode_sessions: 1,
      });
      expect(lines).toContain('no usable GPU: encoding on the CPU');
      const { video_id } = await uploadClip(t, 'no gpu');
      expect(await finalStatus(video_id)).toMatchObject({ status: 'ready' });
      expect(lines.filter((l) => l.includes('GPU encode'))).toEqual([]);
    } finally {
      await worker.stop();
    }
  });

  it('a probe claiming NVENC: NVENC reported, the NVENC ladder fails here, logged, CPU ladder, ready', async () => {
    const { worker, lines } = await startWorker(claimsNvenc);
    try {
      expect(await reported(worker.workerId)).toMatchObject({
        hwaccel_enabled: true,
        hwaccel_type: 'nvidia',
        gpu_name: 'NVIDIA GeForce RTX 3080',
        encoders: { h264: ['h264_nvenc', 'libx264'] },
        max_concurrent_encode_sessions: 3,
        cuda_version: '12.2',
      });
      const { video_id } = await uploadClip(t, 'claimed gpu');
      expect(await finalStatus(video_id)).toMatchObject({ status: 'ready' });
      const fallback = lines.filter((l) =>
        l.startsWith('GPU encode (nvenc) failed, running the ladder on the CPU'),
      );
      expect(fallback, lines.join('\n')).toHaveLength(1);
      const rows = await t.container.db
        .selectFrom('video_qualities')
        .select('quality')
        .where('video_id', '=', video_id)
        .execute();
      expect(rows.map((r) => r.quality).sort()).toEqual(['360p', '480p', 'original']);
    } finally {
      await worker.stop();
    }
  });
});
