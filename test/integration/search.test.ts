// Ranked full-text search of the public list (migrations/0002_video_search.sql), on both databases: the
// title's words rank that video first, weights order title > tags > description, misspelt and partial words
// still find, snippets highlight safely, the document follows edits and tag changes, odd input never 500s.
import { beforeAll, describe, expect, it } from 'vitest';
import type { PublicVideoPage } from '../../src/contracts/api/video.contract.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

const HOUR = 3600 * 1000;
const NOW = Date.now();

/** Title, description, tags; listed newest first in this order unless ranking says otherwise. */
const CORPUS: Array<[slug: string, title: string, description: string, tags: string[]]> = [
  ['desc-zephyr', 'Weather notes', 'A calm zephyr blew over the hills all afternoon.', []],
  ['tag-zephyr', 'Sailing basics', 'Knots and sails.', ['Zephyr']],
  [
    'kube-mention',
    'Cloud costs explained',
    'We also touch on kubernetes cluster sizing and upgrade windows.',
    [],
  ],
  ['kube-tagged', 'Cluster networking', 'Routing between nodes.', ['Kubernetes']],
  ['kube-title', 'Kubernetes cluster upgrade walkthrough', 'Step by step, with rollbacks.', ['DevOps']],
  ['running', 'Running a marathon', 'Training plans for beginners.', ['sport']],
  ['matrix', 'The Matrix reloaded review', 'A film review.', ['film']],
  ['xss', '<script>alert(1)</script> Photography & light', 'Tips "quoted" <b>bold</b> photography.', []],
  ['title-zephyr', 'Zephyr engine teardown', 'Parts and tools.', []],
];

describe.each(DRIVERS)('search (%s)', (driver) => {
  const t = useTestApp(driver);
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const db = t.container.db;
    for (const [i, [slug, title, description, tags]] of CORPUS.entries()) {
      const row = await db
        .insertInto('videos')
        .values({
          title,
          slug,
          description,
          status: 'ready',
          // Later corpus rows are older: ranking, not recency, must put them first.
          published_at: new Date(NOW - (i + 1) * HOUR),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[slug] = row.id;
      for (const name of tags) {
        const tag =
          (await db.selectFrom('tags').select('id').where('name', '=', name).executeTakeFirst()) ??
          (await db
            .insertInto('tags')
            .values({ name, slug: name.toLowerCase() })
            .returning('id')
            .executeTakeFirstOrThrow());
        await db.insertInto('video_tags').values({ video_id: row.id, tag_id: tag.id }).execute();
      }
    }
  });

  async function search(words: string, extra = ''): Promise<PublicVideoPage> {
    const res = await t.publicApp.inject({
      method: 'GET',
      url: `/api/videos?search=${encodeURIComponent(words)}${extra}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PublicVideoPage>();
  }
  const found = async (words: string, extra = '') => (await search(words, extra)).videos.map((v) => v.slug);

  it('ranks the video whose title holds the words first, although it is older', async () => {
    const slugs = await found('kubernetes cluster upgrade');
    expect(slugs[0]).toBe('kube-title');
    expect(slugs).toContain('kube-mention');
    expect((await found('Kubernetes'))[0]).toBe('kube-title');
  });

  it('weights title above tags above description', async () => {
    expect(await found('zephyr')).toEqual(['title-zephyr', 'tag-zephyr', 'desc-zephyr']);
  });

  it('finds partial words (prefix) and misspelt ones (trigram title match)', async () => {
    expect((await found('kuber'))[0]).toBe('kube-title');
    expect(await found('runn')).toEqual(['running']);
    expect(await found('marath')).toEqual(['running']);
    expect((await found('kubernetse'))[0]).toBe('kube-title');
    expect(await found('marathn')).toEqual(['running']);
    expect(await found('photgraphy')).toEqual(['xss']);
  });

  it('corrects a misspelt word to the nearest known word of any title, tag or description', async () => {
    // "zehpyr" (two letters swapped) is no prefix of anything: searched again as "zephyr", ranked as usual.
    expect(await found('zehpyr')).toEqual(['title-zephyr', 'tag-zephyr', 'desc-zephyr']);
    expect(await found('rollbakcs')).toEqual(['kube-title']); // a description word
    expect((await search('zehpyr')).videos[0]?.search_snippet?.title).toBe(
      '<mark>Zephyr</mark> engine teardown',
    );
    // Every word stays required: one word nothing resembles gives no results, not the other word's.
    expect(await found('zehpyr qqqqqq')).toEqual([]);
  });

  it('follows a video leaving and rejoining the public site (archive, unpublish, status)', async () => {
    const db = t.container.db;
    const id = ids['title-zephyr']!;
    const change = (values: Record<string, unknown>) =>
      db.updateTable('videos').set(values).where('id', '=', id).execute();
    await change({ deleted_at: new Date() });
    expect(await found('zephyr')).toEqual(['tag-zephyr', 'desc-zephyr']);
    await change({ deleted_at: null, published_at: null });
    expect(await found('zephyr')).toEqual(['tag-zephyr', 'desc-zephyr']);
    await change({ published_at: new Date(NOW - 9 * HOUR), status: 'processing' });
    expect(await found('zephyr')).toEqual(['tag-zephyr', 'desc-zephyr']);
    await change({ status: 'ready' });
    expect(await found('zephyr')).toEqual(['title-zephyr', 'tag-zephyr', 'desc-zephyr']);
    expect(await found('zephyr', '&sort=date')).toEqual(['desc-zephyr', 'tag-zephyr', 'title-zephyr']);
  });

  it('stems and drops stop words: "the matrixes" finds "The Matrix reloaded review"', async () => {
    expect(await found('the matrixes')).toEqual(['matrix']);
    expect(await found('reviews of the matrix')).toEqual(['matrix']);
  });

  it('marks the matched words in title and description snippets, escaping everything else', async () => {
    const [first] = (await search('kubernetes upgrade')).videos;
    expect(first?.search_snippet?.title).toBe(
      '<mark>Kubernetes</mark> cluster <mark>upgrade</mark> walkthrough',
    );
    const mention = (await search('kubernetes upgrade')).videos.find((v) => v.slug === 'kube-mention');
    expect(mention?.search_snippet?.description).toContain('<mark>kubernetes</mark>');
    const xss = (await search('photography')).videos[0];
    expect(xss?.search_snippet).toEqual({
      title: '&lt;script&gt;alert(1)&lt;/script&gt; <mark>Photography</mark> &amp; light',
      // ts_headline drops markup-like words from an excerpt; whatever is left is escaped.
      description: expect.stringMatching(/^Tips &quot;quoted&quot; .*<mark>photography<\/mark>$/),
    });
    expect(xss?.search_snippet?.description).not.toMatch(/<(?!\/?mark>)/);
  });

  it('follows edits: a new title, a tag added, a tag renamed, a tag removed', async () => {
    const db = t.container.db;
    await db
      .updateTable('videos')
      .set({ title: 'Quasar hunting' })
      .where('id', '=', ids['matrix']!)
      .execute();
    expect(await found('quasar')).toEqual(['matrix']);
    const tag = await db
      .insertInto('tags')
      .values({ name: 'Nebula', slug: 'nebula' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('video_tags').values({ video_id: ids['running']!, tag_id: tag.id }).execute();
    expect(await found('nebula')).toEqual(['running']);
    await db.updateTable('tags').set({ name: 'Pulsar' }).where('id', '=', tag.id).execute();
    expect(await found('nebula')).toEqual([]);
    expect(await found('pulsar')).toEqual(['running']);
    await db.deleteFrom('video_tags').where('tag_id', '=', tag.id).execute();
    expect(await found('pulsar')).toEqual([]);
  });

  it('keeps filters, sorts and totals with a search', async () => {
    expect(await found('zephyr', '&sort=date')).toEqual(['desc-zephyr', 'tag-zephyr', 'title-zephyr']);
    expect(await found('zephyr', '&tag=zephyr')).toEqual(['tag-zephyr']);
    const page = await search('zephyr', '&limit=1&include_total=true');
    expect(page).toMatchObject({ total_count: 3, has_more: true, next_cursor: null });
    // Counted with the ranked page (limit=1, 2), known from the last page (offset=2), or counted apart when
    // the page is past the end (offset=10).
    for (const [query, shown] of [
      ['&limit=2', 2],
      ['&offset=2', 1],
      ['&offset=10', 0],
    ] as const) {
      const result = await search('zephyr', `${query}&include_total=true`);
      expect([result.videos.length, result.total_count], query).toEqual([shown, 3]);
    }
    expect((await search('zephyr', '&limit=1&offset=1')).videos.map((v) => v.slug)).toEqual(['tag-zephyr']);
  });

  it.each([
    "'",
    '&',
    '!',
    ':*',
    '\\',
    "zephyr'; drop table videos; --",
    'zephyr & | ! ( ) :* <-> \\',
    '"unterminated',
    '((((',
    'a:B*',
    '%_%',
    '\u0000x',
  ])('never fails on %j', async (text) => {
    const res = await t.publicApp.inject({
      method: 'GET',
      url: `/api/videos?search=${encodeURIComponent(text)}`,
    });
    expect(res.statusCode, res.body).toBeLessThan(500);
  });

  it('treats search text as words only: an injection attempt still finds by its words', async () => {
    expect(await found("zephyr'; drop table videos; --")).toEqual([]);
    expect(await found('zephyr & !engine')).toEqual(['title-zephyr']);
    expect((await search('<-> :* !')).videos).toEqual([]);
  });
});
