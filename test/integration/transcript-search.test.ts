// The transcript in full-text search (migrations/0006_transcript_search.sql), on both databases: a word only
// in a completed transcript finds the video, ranked below a title match; the document follows the
// transcription's completion, edits, re-queueing and deletion; a transcript of the largest size indexes.
import { beforeAll, describe, expect, it } from 'vitest';
import type { PublicVideoPage } from '../../src/contracts/api/video.contract.js';
import { adminInject, adminMultipart } from '../helpers/admin-inject.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

const HOUR = 3600 * 1000;

describe.each(DRIVERS)('transcript search (%s)', (driver) => {
  const t = useTestApp(driver);
  const ids: Record<string, number> = {};

  const search = async (words: string, extra = '') => {
    const res = await t.publicApp.inject({
      method: 'GET',
      url: `/api/videos?search=${encodeURIComponent(words)}${extra}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PublicVideoPage>().videos.map((v) => v.slug);
  };

  beforeAll(async () => {
    // The transcript video is the newest: only ranking can put the title match first.
    const videos: Array<[slug: string, title: string, description: string]> = [
      ['spoken-word', 'Evening lecture', 'A talk recorded in the hall.'],
      ['title-word', 'Quokka habitats explained', 'Where they live.'],
      ['unrelated', 'Garden tour', 'Flowers and paths.'],
    ];
    for (const [i, [slug, title, description]] of videos.entries()) {
      const row = await t.container.db
        .insertInto('videos')
        .values({ title, slug, description, status: 'ready', published_at: new Date(Date.now() - i * HOUR) })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[slug] = row.id;
    }
    await t.container.db
      .insertInto('transcriptions')
      .values({
        video_id: ids['spoken-word']!,
        status: 'completed',
        completed_at: new Date(),
        transcript_text: 'Today we talk about the quokka and other marsupials of the islands.',
        word_count: 12,
      })
      .execute();
  });

  it('finds a word only in a transcript, ranked below the video with it in its title', async () => {
    expect(await search('quokka')).toEqual(['title-word', 'spoken-word']);
    expect(await search('marsupials')).toEqual(['spoken-word']);
    // Stemmed and prefix forms work in transcripts too.
    expect(await search('marsupial')).toEqual(['spoken-word']);
    expect(await search('marsupials', '&has_transcription=true')).toEqual(['spoken-word']);
    expect(await search('marsupials', '&has_transcription=false')).toEqual([]);
  });

  it('follows the transcription: edits, re-queueing, completion and deletion', async () => {
    const id = ids['unrelated']!;
    expect(await search('wombat')).toEqual([]);
    const vtt = 'WEBVTT\n\n00:00.000 --> 00:02.000\nA wombat digs a burrow.\n';
    const upload = await adminMultipart(
      t,
      `/api/videos/${id}/captions`,
      {},
      { name: 'c.vtt', content: Buffer.from(vtt) },
      { method: 'PUT' },
    );
    expect(upload.statusCode, upload.body).toBe(200);
    expect(await search('wombat')).toEqual(['unrelated']);

    await adminInject(t, 'PUT', `/api/videos/${id}/transcript`, { text: 'An echidna instead.' });
    expect(await search('wombat')).toEqual([]);
    expect(await search('echidna')).toEqual(['unrelated']);

    // Queued again: no longer completed, so no longer searchable by its old text.
    await adminInject(t, 'POST', `/api/videos/${id}/transcribe`, {});
    expect(await search('echidna')).toEqual([]);
    await t.container.db
      .updateTable('transcriptions')
      .set({ status: 'completed', transcript_text: 'The platypus lays eggs.' })
      .where('video_id', '=', id)
      .execute();
    expect(await search('platypus')).toEqual(['unrelated']);

    await adminInject(t, 'DELETE', `/api/videos/${id}/transcript`);
    expect(await search('platypus')).toEqual([]);
    expect(await search('garden')).toEqual(['unrelated']);
  });

  it('corrects a misspelt word known only from a transcript', async () => {
    const res = await t.publicApp.inject({ method: 'GET', url: '/api/videos?search=marsupails' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<PublicVideoPage>().videos.map((v) => v.slug)).toEqual(['spoken-word']);
  });

  it('indexes a transcript of the largest accepted size made of words that are all different', async () => {
    const row = await t.container.db
      .insertInto('videos')
      .values({ title: 'Huge', slug: 'huge-transcript', status: 'ready', published_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await adminInject(t, 'POST', `/api/videos/${row.id}/transcribe`, {});
    await t.container.db
      .updateTable('transcriptions')
      .set({ status: 'completed' })
      .where('video_id', '=', row.id)
      .execute();
    // 500,000 characters: distinct six-letter words (the worst case for the document's size).
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const words: string[] = [];
    for (let n = 0, length = -1; length + 7 <= 500_000; n++) {
      let w = '';
      for (let k = n, i = 0; i < 6; i++, k = Math.floor(k / 26)) w += letters[k % 26];
      words.push(w);
      length += 7;
    }
    const text = words.join(' ');
    const res = await adminInject(t, 'PUT', `/api/videos/${row.id}/transcript`, { text });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(await search(words[words.length - 1]!)).toContain('huge-transcript');
  }, 60_000);
});
