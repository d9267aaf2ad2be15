// Transcription jobs on a registered remote worker over real HTTP (issue 14): the OpenAI-compatible engine
// against a loopback server speaking the protocol, the claim order, retries and failures within the one job
// system's rules, the time limit, shutdown, an engine without its model, and queueTranscription.
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TranscriptionJob } from '../../src/contracts/transcription-job.js';
import { createHttpTranscriptionJobs } from '../../src/worker/remote/http-transcription-jobs.js';
import { createWorkerApiClient } from '../../src/worker/remote/worker-api-client.js';
import { createTranscriptionRunner } from '../../src/worker/transcription.runner.js';
import { adminInject } from '../helpers/admin-inject.js';
import {
  FAKE_VERBOSE_JSON,
  startFakeTranscriptionServer,
  type FakeTranscriptionServer,
} from '../helpers/fake-transcription-server.js';
import { getClip } from '../helpers/media-clips.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';

const API_KEY = 'sk-test-transcription-key';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DRIVERS)('transcription jobs on a remote worker (%s)', (driver) => {
  let t: TestApp;
  let fake: FakeTranscriptionServer;
  let address: string;
  let scratch: string;
  const keys: string[] = [];
  let published = Date.parse('2026-01-01T00:00:00Z');

  beforeAll(async () => {
    fake = await startFakeTranscriptionServer();
    t = await createTestApp(driver, {
      VLOG_TRANSCRIPTION_ENGINE: 'openai',
      VLOG_TRANSCRIPTION_API_URL: fake.url,
      VLOG_TRANSCRIPTION_ON_UPLOAD: 'false',
    });
    for (const name of ['tx-a', 'tx-b'])
      keys.push(
        (await t.container.services.workerRegistry.register({ workerName: name, workerType: 'remote' }))
          .api_key,
      );
    address = await t.workerApp.listen({ port: 0, host: '127.0.0.1' });
    scratch = await mkdtemp(path.join(os.tmpdir(), 'vlog-remote-tx-'));
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  /** A ready video with its upload, published after every earlier one. */
  async function readyVideo(slug: string, values: { status?: string; deleted_at?: Date } = {}) {
    published += 60_000;
    const v = await t.db.db
      .insertInto('videos')
      .values({
        title: `Video ${slug}`,
        slug,
        status: 'ready',
        duration: 5,
        published_at: new Date(published),
        ...values,
      })
      .returning(['id', 'slug'])
      .executeTakeFirstOrThrow();
    await copyFile(await getClip('landscape480x5s'), t.container.layout.uploadFile(v.id, '.mp4'));
    await mkdir(t.container.layout.videoDir(v.slug), { recursive: true });
    return v;
  }

  const row = (videoId: number) =>
    t.db.db
      .selectFrom('transcriptions')
      .selectAll()
      .where('video_id', '=', videoId)
      .executeTakeFirstOrThrow();

  /** A worker's runner over HTTP; `limit` overrides the claimed job's time limit (seconds). */
  function remoteRunner(key = keys[0]!, limit?: number) {
    const jobs = createHttpTranscriptionJobs(createWorkerApiClient({ baseUrl: address, apiKey: key }));
    const claim = async (): Promise<TranscriptionJob | null> => {
      const job = await jobs.claim();
      return job && limit !== undefined ? { ...job, timeoutSeconds: limit } : job;
    };
    return createTranscriptionRunner({
      jobs: { ...jobs, claim },
      settings: { apiKey: API_KEY, progressIntervalMs: 0 },
    });
  }
  const ctx = (signal = new AbortController().signal) => ({ signal, scratchDir: path.join(scratch, 'job') });

  it('queueTranscription refuses what cannot be transcribed; claims go newest published first, never deleted', async () => {
    const { transcription, transcriptionJobs } = t.container.services;
    const pending = await readyVideo('tx-not-ready', { status: 'processing' });
    await expect(transcription.queueTranscription(pending.id, null)).rejects.toMatchObject({
      message: 'Video must be ready before transcription',
    });
    const gone = await readyVideo('tx-gone', { deleted_at: new Date() });
    await expect(transcription.queueTranscription(gone.id, null)).rejects.toMatchObject({
      message: 'Video not found',
    });
    await expect(transcription.queueTranscription(2147483000, null)).rejects.toMatchObject({
      message: 'Video not found',
    });
    // "On upload" is off here: a video becoming ready queues nothing.
    const older = await readyVideo('tx-older');
    expect(await transcription.enqueueOnReady(older.id)).toBe(false);

    const newer = await readyVideo('tx-newer');
    await t.db.db.insertInto('transcriptions').values({ video_id: gone.id, status: 'pending' }).execute();
    expect(await transcription.queueTranscription(older.id, null)).toMatchObject({
      message: 'Transcription queued',
    });
    expect(await transcription.queueTranscription(newer.id, 'DE')).toMatchObject({
      message: 'Transcription queued',
    });
    const first = await transcriptionJobs.claim();
    const second = await transcriptionJobs.claim();
    expect([first?.slug, second?.slug]).toEqual(['tx-newer', 'tx-older']);
    expect(await transcriptionJobs.claim()).toBeNull(); // the deleted video's row is never handed out
    expect(first).toMatchObject({
      language: 'de',
      attempt: 1,
      maxAttempts: 3,
      engine: { name: 'openai', apiUrl: fake.url },
    });
    await expect(transcription.queueTranscription(newer.id, null)).rejects.toMatchObject({
      message: 'Transcription already in progress',
    });
    await t.db.db.deleteFrom('transcriptions').execute();
  });

  it('runs the OpenAI-compatible engine: multipart fields, bearer key, word times into readable cues', async () => {
    const v = await readyVideo('tx-remote');
    await t.container.services.transcription.queueTranscription(v.id, 'en');
    const runner = remoteRunner();
    const job = await runner.claim();
    expect(job).toMatchObject({ videoId: v.id, slug: v.slug, language: 'en' });
    if (!job) return;

    // Another worker may not touch the job; the owner may upload nothing but captions.vtt.
    const other = { 'x-worker-api-key': keys[1]! };
    for (const [method, what] of [
      ['GET', 'source'],
      ['POST', 'release'],
    ] as const) {
      const res = await t.workerApp.inject({
        method,
        url: `/api/worker/transcription/${job.jobId}/${what}`,
        headers: other,
      });
      expect(res.statusCode, what).toBe(403);
    }
    const progress = await t.workerApp.inject({
      method: 'POST',
      url: `/api/worker/transcription/${job.jobId}/progress`,
      headers: other,
      payload: { percent: 5 },
    });
    expect(progress.statusCode).toBe(403);
    const badName = await t.workerApp.inject({
      method: 'PUT',
      url: `/api/worker/transcription/${job.jobId}/files/thumbnail.jpg`,
      headers: {
        'x-worker-api-key': keys[0]!,
        'content-type': 'application/octet-stream',
        'x-content-sha256': 'a'.repeat(64),
      },
      payload: Buffer.from('x'),
    });
    expect(badName.statusCode, badName.body).toBe(400);
    const noAuth = await t.workerApp.inject({ method: 'POST', url: '/api/worker/transcription/claim' });
    expect(noAuth.statusCode).toBe(401);

    fake.requests.length = 0;
    expect(await runner.run(job, ctx())).toBe('completed');
    const [req] = fake.requests;
    expect(req).toMatchObject({
      path: '/v1/audio/transcriptions',
      authorization: `Bearer ${API_KEY}`,
      fields: {
        model: ['whisper-1'],
        response_format: ['verbose_json'],
        'timestamp_granularities[]': ['word', 'segment'],
        language: ['en'],
      },
    });
    const wav = req!.file!.bytes;
    expect(wav.subarray(0, 4).toString()).toBe('RIFF');
    expect([wav.readUInt16LE(22), wav.readUInt32LE(24)]).toEqual([1, 16000]); // mono, 16 kHz

    const done = await row(v.id);
    expect(done).toMatchObject({
      status: 'completed',
      language: 'en',
      transcript_text: 'Hello world. This is a test.',
      word_count: 6,
      error_message: null,
      processed_by_worker_id: expect.any(Number),
    });
    expect(await readFile(done.vtt_path!, 'utf8')).toBe(
      'WEBVTT\n\n1\n00:00:00.200 --> 00:00:01.100\nHello world.\n\n2\n00:00:02.500 --> 00:00:03.600\nThis is a test.\n\n',
    );
    const again = await t.workerApp.inject({
      method: 'POST',
      url: `/api/worker/transcription/${job.jobId}/complete`,
      headers: { 'x-worker-api-key': keys[0]! },
      payload: { text: 'x', language: 'en', word_count: 1, duration_seconds: 1, cues: 1 },
    });
    expect(again.statusCode).toBe(409);
  });

  it('a server error is retried (attempts counted); a refusal fails for good', async () => {
    const v = await readyVideo('tx-retry');
    await t.container.services.transcription.queueTranscription(v.id, null);
    fake.respond = () => Promise.resolve({ status: 500, body: { error: 'model loading' } });
    const runner = remoteRunner();
    expect(await runner.run((await runner.claim())!, ctx())).toBe('failed');
    expect(await row(v.id)).toMatchObject({ status: 'pending', retry_count: 1, started_at: null });
    expect((await row(v.id)).error_message).toMatch(
      /^Attempt 1 failed: Transcription server answered HTTP 500/,
    );

    fake.respond = () => Promise.resolve({ status: 400, body: { error: 'bad model' } });
    const job = (await runner.claim())!;
    expect(job.attempt).toBe(2);
    expect(await runner.run(job, ctx())).toBe('failed');
    expect(await row(v.id)).toMatchObject({ status: 'failed', retry_count: 2 });
    expect((await row(v.id)).error_message).toMatch(/^Transcription server answered HTTP 400: /);
    fake.respond = () => Promise.resolve({ status: 200, body: FAKE_VERBOSE_JSON });
  });

  it('a job past its time limit fails with the spec’s message; a shutdown gives it back', async () => {
    const v = await readyVideo('tx-slow');
    await t.container.services.transcription.queueTranscription(v.id, null);
    fake.respond = async () => {
      await sleep(3000);
      return { status: 200, body: FAKE_VERBOSE_JSON };
    };
    const stopping = new AbortController();
    const runner = remoteRunner();
    const running = runner.run((await runner.claim())!, ctx(stopping.signal));
    await sleep(1500);
    stopping.abort();
    expect(await running).toBe('released');
    expect(await row(v.id)).toMatchObject({ status: 'pending', retry_count: 0, started_at: null });

    const limited = remoteRunner(keys[0], 1);
    expect(await limited.run((await limited.claim())!, ctx())).toBe('failed');
    expect(await row(v.id)).toMatchObject({
      status: 'failed',
      error_message: 'Transcription timed out after 1 seconds',
    });
    fake.respond = () => Promise.resolve({ status: 200, body: FAKE_VERBOSE_JSON });
  });

  it('the whisper-cpp engine without its model file fails clearly, for good', async () => {
    for (const [key, value] of [
      ['transcription.engine', 'whisper-cpp'],
      ['transcription.whisper_cpp_model', '/nonexistent/ggml-base.en.bin'],
    ])
      expect((await adminInject(t, 'PUT', `/api/settings/key/${key}`, { value })).statusCode).toBe(200);
    const v = await readyVideo('tx-no-model');
    await t.container.services.transcription.queueTranscription(v.id, null);
    const runner = remoteRunner();
    expect(await runner.run((await runner.claim())!, ctx())).toBe('failed');
    expect(await row(v.id)).toMatchObject({
      status: 'failed',
      error_message: 'whisper-cpp is not available: model file not found: /nonexistent/ggml-base.en.bin',
    });
    for (const key of ['transcription.engine', 'transcription.whisper_cpp_model'])
      await adminInject(t, 'DELETE', `/api/settings/key/${key}`);
  });
});
