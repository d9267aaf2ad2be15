// GET /api/oembed (issue 13 §3, https://oembed.com): a video answer for this site's watch and embed URLs,
// sized within maxwidth/maxheight; 404 for what is not public, 400 for any other URL (parsed, never
// fetched), 501 for xml (the spec's other format).
import { beforeAll, describe, expect, it } from 'vitest';
import { insertSharedVideo } from '../helpers/shared-videos.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

const HOST = 'videos.example.com';
const ORIGIN = `http://${HOST}`;
const TITLE = `Quotes "and" <tags> & 'more'`;

describe.each(DRIVERS)('oEmbed (%s)', (driver) => {
  const t = useTestApp(driver);
  const oembed = (query: Record<string, string>, host = HOST) =>
    t.publicApp.inject({ method: 'GET', url: '/api/oembed', query, headers: { host } });

  beforeAll(async () => {
    await insertSharedVideo(t, {
      title: TITLE,
      slug: 'wide-one',
      source: { width: 1920, height: 1080 },
      thumbnail: { width: 480, height: 270 },
    });
    await insertSharedVideo(t, { title: 'Tall', slug: 'tall-one', source: { width: 720, height: 1280 } });
    await insertSharedVideo(t, { title: 'Hidden Draft', slug: 'hidden-draft', published: false });
    await insertSharedVideo(t, { title: 'Binned', slug: 'binned', deleted: true });
  });

  it('answers a video for a watch URL: iframe of the embed page, thumbnail with its real size', async () => {
    const res = await oembed({ url: `${ORIGIN}/watch/wide-one`, format: 'json' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json();
    expect(body).toMatchObject({
      type: 'video',
      version: '1.0',
      title: TITLE,
      provider_name: 'VLog',
      provider_url: `${ORIGIN}/`,
      width: 640,
      height: 360,
      thumbnail_width: 480,
      thumbnail_height: 270,
    });
    expect(body.thumbnail_url).toMatch(new RegExp(`^${ORIGIN}/videos/wide-one/thumbnail\\.jpg\\?v=\\d+$`));
    expect(body.html).toBe(
      `<iframe src="${ORIGIN}/embed/wide-one" width="640" height="360" ` +
        `title="Quotes &quot;and&quot; &lt;tags&gt; &amp; &#39;more&#39;" frameborder="0" ` +
        `allow="autoplay; fullscreen; picture-in-picture" allowfullscreen></iframe>`,
    );
    // format defaults to json; an embed URL (with a query and trailing slash) names the same video
    const viaEmbed = await oembed({ url: `${ORIGIN}/embed/wide-one/?t=30` });
    expect(viaEmbed.statusCode).toBe(200);
    expect(viaEmbed.json().html).toBe(body.html);
    // https and an upper-case host are the same site
    expect((await oembed({ url: `https://VIDEOS.example.com/watch/wide-one` })).statusCode).toBe(200);
  });

  it('honours maxwidth and maxheight, keeping the aspect; a thumbnail too large is left out', async () => {
    const narrow = (await oembed({ url: `${ORIGIN}/watch/wide-one`, maxwidth: '320' })).json();
    expect([narrow.width, narrow.height]).toEqual([320, 180]);
    expect(narrow.html).toContain('width="320" height="180"');
    expect(narrow).not.toHaveProperty('thumbnail_url');
    expect(narrow).not.toHaveProperty('thumbnail_width');
    const low = (await oembed({ url: `${ORIGIN}/watch/wide-one`, maxwidth: '1000', maxheight: '90' })).json();
    expect([low.width, low.height]).toEqual([160, 90]);
    const roomy = (
      await oembed({ url: `${ORIGIN}/watch/wide-one`, maxwidth: '2000', maxheight: '2000' })
    ).json();
    expect([roomy.width, roomy.height, roomy.thumbnail_width]).toEqual([640, 360, 480]);
    // portrait source: the height follows its aspect; no thumbnail file, no thumbnail fields
    const tall = (await oembed({ url: `${ORIGIN}/watch/tall-one`, maxheight: '400' })).json();
    expect([tall.width, tall.height]).toEqual([225, 400]);
    expect(tall).not.toHaveProperty('thumbnail_url');
  });

  it('404 for unknown, unpublished and deleted videos, without naming them', async () => {
    for (const slug of ['no-such-video', 'hidden-draft', 'binned']) {
      const res = await oembed({ url: `${ORIGIN}/watch/${slug}` });
      expect(res.statusCode, slug).toBe(404);
      expect(res.json()).toEqual({ detail: 'Video not found' });
    }
  });

  it('400 for a URL that is not one of this site’s watch or embed pages', async () => {
    const refused = [
      'https://other.example.org/watch/wide-one',
      `http://${HOST}.evil.net/watch/wide-one`,
      `http://user:pw@${HOST}/watch/wide-one`,
      `ftp://${HOST}/watch/wide-one`,
      `${ORIGIN}/playlist/wide-one`,
      `${ORIGIN}/watch/wide-one/extra`,
      `${ORIGIN}/watch/`,
      `${ORIGIN}/watch/Bad%20Slug`,
      `${ORIGIN}/watch/%E0%A4%A`,
      'http://169.254.169.254/latest/meta-data/',
      '/watch/wide-one',
      'not a url',
    ];
    for (const url of refused) {
      const res = await oembed({ url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json()).toEqual({ detail: 'url is not a watch or embed page of this site' });
    }
  });

  it('400 on bad parameters (an unknown format too), 501 for xml', async () => {
    expect((await oembed({})).statusCode).toBe(400);
    expect((await oembed({ url: `${ORIGIN}/watch/wide-one`, maxwidth: '0' })).statusCode).toBe(400);
    expect((await oembed({ url: `${ORIGIN}/watch/wide-one`, maxheight: 'tall' })).statusCode).toBe(400);
    expect((await oembed({ url: `${ORIGIN}/watch/wide-one`, maxwidth: 'Infinity' })).statusCode).toBe(400);
    expect((await oembed({ url: 'x'.repeat(3000) })).statusCode).toBe(400);
    const xml = await oembed({ url: `${ORIGIN}/watch/wide-one`, format: 'xml' });
    expect(xml.statusCode).toBe(501);
    expect(xml.json()).toEqual({ detail: 'Only format=json is supported' });
    expect((await oembed({ url: `${ORIGIN}/watch/wide-one`, format: 'yaml' })).statusCode).toBe(400);
  });

  it('the watch page’s discovery link answers', async () => {
    const page = await t.publicApp.inject({ method: 'GET', url: '/watch/wide-one', headers: { host: HOST } });
    const href = /type="application\/json\+oembed" href="([^"]+)"/
      .exec(page.body)?.[1]
      ?.replace(/&amp;/g, '&');
    expect(href).toBeDefined();
    const url = new URL(href!);
    expect(url.origin).toBe(ORIGIN);
    const res = await t.publicApp.inject({
      method: 'GET',
      url: url.pathname + url.search,
      headers: { host: HOST },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().title).toBe(TITLE);
  });
});
