// Captions of the public video detail (api-public.md §4.2): `captions_url` only for a completed transcription
// whose WebVTT file was written, `transcription_status` from the row; the file itself is served under
// /videos/{slug}/captions.vtt as text/vtt.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CAPTIONS_VTT } from '../../src/storage/storage-layout.js';
import { TEST_ADMIN_SECRET } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

const VTT = 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nHello captions\n';

describe.each(DRIVERS)('captions in the public detail (%s)', (driver) => {
  const t = useTestApp(driver);
  const id: Record<string, number> = {};

  beforeAll(async () => {
    const db = t.container.db;
    for (const slug of ['no-transcript', 'pending-transcript', 'completed-transcript', 'completed-no-vtt']) {
      const row = await db
        .insertInto('videos')
        .values({ title: slug, slug, status: 'ready', published_at: new Date() })
        .returning(['id', 'slug'])
        .executeTakeFirstOrThrow();
      id[row.slug] = row.id;
    }
    const dir = t.container.layout.videoDir('completed-transcript');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, CAPTIONS_VTT), VTT);
    await db
      .insertInto('transcriptions')
      .values([
        { video_id: id['pending-transcript']!, status: 'pending' },
        {
          video_id: id['completed-transcript']!,
          status: 'completed',
          completed_at: new Date(),
          vtt_path: path.join(dir, CAPTIONS_VTT),
          transcript_text: 'Hello captions',
          word_count: 2,
          language: 'DE',
        },
        { video_id: id['completed-no-vtt']!, status: 'completed', completed_at: new Date() },
      ])
      .execute();
  });

  const detail = async (slug: string) => {
    const res = await t.publicApp.inject({ method: 'GET', url: `/api/videos/${slug}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{
      captions_url: string | null;
      captions_language: string | null;
      transcription_status: string | null;
    }>();
  };

  it('gives the captions URL of a completed transcription with its WebVTT file', async () => {
    expect(await detail('completed-transcript')).toMatchObject({
      captions_url: '/videos/completed-transcript/captions.vtt',
      captions_language: 'de',
      transcription_status: 'completed',
    });
  });

  it.each([
    ['no-transcript', null],
    ['pending-transcript', 'pending'],
    ['completed-no-vtt', 'completed'],
  ])('has no captions URL for %s (status %s)', async (slug, status) => {
    expect(await detail(slug)).toMatchObject({
      captions_url: null,
      captions_language: null,
      transcription_status: status,
    });
  });

  it('serves the captions file as text/vtt', async () => {
    const res = await t.publicApp.inject({ method: 'GET', url: '/videos/completed-transcript/captions.vtt' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/vtt; charset=utf-8');
    expect(res.body).toBe(VTT);
  });

  it('shows no captions in the admin detail (api-admin.md §5.1: a subset without captions)', async () => {
    const res = await t.adminApp.inject({
      method: 'GET',
      url: `/api/videos/${id['completed-transcript']}`,
      headers: { 'X-Admin-Secret': TEST_ADMIN_SECRET },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ captions_url: null });
  });
});
