// Transcription end to end (issue 14): speech synthesised with flite, muxed into an MP4, uploaded through the
// admin API, transcoded and then transcribed by a worker over the worker API with the default engine
// (PocketSphinx) — the real pipeline, on both databases. Each sentence is synthesised on its own, so where
// its speech starts is measured from its samples (test/helpers/speech-clip.ts), independently of the
// recogniser; the captions' cues are checked against those times.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../helpers/test-db.js';
import { startApiWorker, type ApiWorker } from '../helpers/api-worker.js';
import { adminMultipart } from '../helpers/admin-inject.js';
import { makeSpeechClip, parseVttCues, wordErrorRate, type SpeechClip } from '../helpers/speech-clip.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { waitFor, waitVideoSettled } from '../helpers/wait.js';

describe.each(DRIVERS)('transcription of an uploaded video (%s)', (driver) => {
  let t: TestApp;
  let worker: ApiWorker;
  let clip: SpeechClip;

  beforeAll(async () => {
    clip = await makeSpeechClip();
    t = await createTestApp(driver, { VLOG_TRANSCRIPTION_ON_UPLOAD: 'true' });
    await t.container.db
      .insertInto('webhooks')
      .values({ name: 'hook', url: 'http://127.0.0.1:9/hook', events: '["transcription.completed"]' })
      .execute();
    worker = await startApiWorker(t);
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
  });

  it('queues a transcription when the video is ready; the worker writes captions.vtt and the row', async () => {
    const res = await adminMultipart(
      t,
      '/api/videos',
      { title: 'Spoken words' },
      {
        name: 'speech.mp4',
        content: await readFile(clip.mp4),
      },
    );
    expect(res.statusCode, res.body).toBe(200);
    const { video_id: videoId, slug } = res.json<{ video_id: number; slug: string }>();
    expect((await waitVideoSettled(t, videoId, { timeoutMs: 180_000 })).status).toBe('ready');

    const row = await waitFor(
      async () => {
        const r = await t.container.db
          .selectFrom('transcriptions')
          .selectAll()
          .where('video_id', '=', videoId)
          .executeTakeFirst();
        return r && (r.status === 'completed' || r.status === 'failed') ? r : undefined;
      },
      { timeoutMs: 180_000, intervalMs: 250, what: 'the transcription to end' },
    );
    expect(row.error_message).toBeNull();
    expect(row).toMatchObject({ status: 'completed', language: 'en', progress_percent: 100, retry_count: 0 });
    expect(row.started_at).not.toBeNull();
    expect(row.completed_at!.getTime()).toBeGreaterThanOrEqual(row.started_at!.getTime());
    expect(row.duration_seconds).toBeGreaterThan(0);
    const vttPath = path.join(t.container.layout.videoDir(slug), 'captions.vtt');
    expect(row.vtt_path).toBe(vttPath);
    expect(row.word_count).toBe(row.transcript_text!.split(' ').length);

    // Word error rate against the known text.
    const wer = wordErrorRate(clip.text, row.transcript_text!);
    console.info(`transcription WER ${(wer * 100).toFixed(1)} % (${driver}): ${row.transcript_text}`);
    expect(wer).toBeLessThanOrEqual(0.3);

    // Readable cues, each starting within 0.5 s of the speech it shows.
    const vtt = await readFile(vttPath, 'utf8');
    expect(vtt.startsWith('WEBVTT\n\n1\n')).toBe(true);
    const cues = parseVttCues(vtt);
    expect(cues.length).toBeGreaterThanOrEqual(clip.sentences.length);
    for (const c of cues) {
      expect(c.text.split('\n').length).toBeLessThanOrEqual(2);
      for (const line of c.text.split('\n')) expect(line.length).toBeLessThanOrEqual(42);
      expect(c.end - c.start).toBeLessThanOrEqual(6);
    }
    // The silence before each sentence (1.2 s) opens a cue: it starts where that sentence's speech starts.
    for (const s of clip.sentences) {
      const nearest = Math.min(...cues.map((c) => Math.abs(c.start - s.onset)));
      expect(
        nearest,
        `a cue starting at the onset of "${s.text}" (${s.onset.toFixed(2)} s)`,
      ).toBeLessThanOrEqual(0.5);
    }
    // A cue that does not open a sentence starts inside one (a recogniser's mid-sentence pause).
    for (const c of cues) {
      const inside = clip.sentences.some((s) => c.start >= s.onset - 0.5 && c.start <= s.end + 0.5);
      expect(inside, `cue at ${c.start} s lies in a sentence`).toBe(true);
    }

    // The public detail offers the captions; the webhook delivery is recorded with the spec's payload.
    const detail = await t.publicApp.inject({ method: 'GET', url: `/api/videos/${slug}` });
    expect(detail.json()).toMatchObject({ captions_url: `/videos/${slug}/captions.vtt` });
    const delivery = await t.container.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('event_type', '=', 'transcription.completed')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(delivery.event_data)).toEqual({
      video_id: videoId,
      video_slug: slug,
      title: 'Spoken words',
      transcription_id: row.id,
      language: 'en',
      word_count: row.word_count,
      duration_seconds: row.duration_seconds,
    });
  }, 400_000);
});
