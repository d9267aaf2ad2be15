// Settings workers apply (issue 11.3): a change made through the admin API reaches the next job of a
// worker running over the worker API (as `vlog worker` does), without restarting it: the segment
// duration and DASH manifest of the next transcode, on real ffmpeg, on both databases. Which value a
// worker applies: database, else its own environment, else the server's.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { WorkerSettingsAnswer } from '../../src/contracts/worker-settings.js';
import type { WorkerLoop } from '../../src/worker/local-worker.js';
import { mergeWorkerSettings } from '../../src/worker/remote/server-settings.js';
import { startApiWorker } from '../helpers/api-worker.js';
import { settingsClient } from '../helpers/settings.js';
import { createTestApp, uploadClip, type TestApp } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';
import { waitVideoSettled } from '../helpers/wait.js';

async function transcoded(t: TestApp, title: string) {
  const { video_id, slug } = await uploadClip(t, title);
  const video = await waitVideoSettled(t, video_id, {
    timeoutMs: 120_000,
    what: `${title} to be transcoded`,
  });
  expect(video.status, video.error_message ?? '').toBe('ready');
  const dir = path.join(t.config.videosDir, slug);
  const playlist = await readFile(path.join(dir, '360p', 'stream.m3u8'), 'utf8');
  const dash = await stat(path.join(dir, 'manifest.mpd')).then(
    () => true,
    () => false,
  );
  return { targetDuration: Number(/#EXT-X-TARGETDURATION:(\d+)/.exec(playlist)?.[1]), dash };
}

describe.each(DRIVERS)('settings applied by workers (%s)', (driver) => {
  let t: TestApp;
  let worker: WorkerLoop;
  beforeAll(async () => {
    t = await createTestApp(driver);
    worker = await startApiWorker(t);
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
  });

  it('the next transcode takes the segment duration and DASH setting changed in the admin', async () => {
    const api = settingsClient(t);
    await api('PUT', '/api/settings/key/transcoding.hls_segment_duration', { value: 2 });
    await api('PUT', '/api/settings/key/streaming.enable_dash', { value: false });
    expect(await transcoded(t, 'two-second segments')).toEqual({ targetDuration: 2, dash: false });

    // The same worker, still running: the next job follows the next change.
    await api('PUT', '/api/settings/key/transcoding.hls_segment_duration', { value: 4 });
    await api('DELETE', '/api/settings/key/streaming.enable_dash');
    expect(await transcoded(t, 'four-second segments')).toEqual({ targetDuration: 4, dash: true });
  });
});

describe("a worker's precedence: database > its own environment > the server's", () => {
  const answer: WorkerSettingsAnswer = {
    settings: {
      'transcoding.hls_segment_duration': 6,
      'transcoding.ffmpeg_timeout_multiplier': 2,
      'transcoding.ffmpeg_timeout_minimum': 300,
      'transcoding.ffmpeg_timeout_maximum': 14400,
      'workers.heartbeat_interval': 30,
      'workers.poll_interval': 10,
      'workers.progress_update_interval': 2,
      'streaming.enable_dash': true,
      'streaming.segment_duration': 6,
    },
    from_database: ['workers.heartbeat_interval'],
  };

  it('keeps the worker’s own variables over the server’s environment and defaults, not over the database', () => {
    const config = loadConfig({
      VLOG_WORKER_POLL_INTERVAL: '120', // the operator's, on the worker's machine
      VLOG_WORKER_HEARTBEAT_INTERVAL: '1', // overridden: the database has a value
      VLOG_STREAMING_ENABLE_DASH: 'false',
    });
    expect(mergeWorkerSettings(config, answer)).toEqual({
      ...answer.settings,
      'workers.poll_interval': 120,
      'streaming.enable_dash': false,
    });
    expect(mergeWorkerSettings(loadConfig({}), answer)).toEqual(answer.settings);
  });
});
